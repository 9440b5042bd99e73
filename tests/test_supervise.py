"""Workers that die, overrun or run out of memory cost their own item only (issue 10: isolation)."""

from __future__ import annotations

import os
import time

import pytest

from evaluator.supervise import Limits, supervised


def _work(item: str) -> str:
    if item == "abort":
        os.abort()
    if item == "segfault":
        os.kill(os.getpid(), 11)
    if item == "hang":
        time.sleep(60)
    if item == "memory":
        return str(len(bytearray(2 * 2**30)))
    if item == "bug":
        raise ValueError("a bug")
    return item.upper()


def _failed(item: str, detail: dict[str, str]) -> str:
    return f"{item} failed: {detail['en']}"


@pytest.mark.parametrize("workers", [1, 2])
def test_each_failure_is_its_items_and_the_rest_are_done(workers):
    items = ["a", "abort", "b", "segfault", "hang", "memory", "bug", "c"]
    out = set(supervised(_work, items, workers, Limits(seconds=3, memory=1 * 2**30), _failed))
    assert out == {"A", "B", "C", "abort failed: killed by signal SIGABRT", "segfault failed: killed by signal SIGSEGV",
                   "hang failed: ran past the limit of 3 seconds", "memory failed: ran out of its memory limit",
                   "bug failed: internal error: ValueError: a bug"}


def test_no_items_no_workers():
    assert list(supervised(_work, [], 2, Limits(seconds=1), _failed)) == []
