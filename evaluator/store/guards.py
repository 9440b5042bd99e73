"""Checks other apps register to refuse storing a new version of a project's evaluation (the review
process refuses one whose result is final and locked). The store knows nothing of those apps: each guard
is a function `(alias, project, round, evaluation_type, file) -> list[Problem]`, called inside the
ingest's transaction with the project's row locked."""

from __future__ import annotations

from collections.abc import Callable

from evaluator.problems import Problem

Guard = Callable[[str, object, object, str, str], list[Problem]]
GUARDS: list[Guard] = []


def register(guard: Guard) -> None:
    if guard not in GUARDS:
        GUARDS.append(guard)


def refusals(alias: str, project: object, round_: object, evaluation_type: str, file: str) -> list[Problem]:
    return [p for guard in GUARDS for p in guard(alias, project, round_, evaluation_type, file)]
