"""Options and output helpers shared by the commands."""

from __future__ import annotations

import click

from evaluator.messages import Lang
from evaluator.problems import Problem

lang_option = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    envvar="EVALUATOR_LANG",
    show_default=True,
    help="消息语言 / language of messages",
)


def say(lang: Lang, zh: str, en: str, **kwargs) -> None:
    click.echo(zh if lang == "zh" else en, **kwargs)


def report_problems(problems: list[Problem], lang: Lang) -> None:
    """Errors first, then warnings, each on its own line to stderr."""
    for severity in ("error", "warning"):
        for problem in problems:
            if problem.severity == severity:
                click.echo(problem.render(lang), err=True)
