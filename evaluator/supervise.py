"""Work on many files in worker processes, each file's failure its own.

A worker that dies (a SIGABRT from a native library, a segfault, the kernel's OOM killer), runs past its
time limit or exceeds its memory limit costs the file it was working on, not the batch: the parent
sees the worker's end, reports that file with the reason and starts a fresh worker for the rest. With
ProcessPoolExecutor one dead worker breaks the whole pool; here each worker has its own pipe and the
parent watches every pipe and every process.

Even a batch of one worker runs in a child process: an abort cannot be caught inside the process it
happens in, and the parent holds what must not be lost (the results store is written by the parent).
"""

from __future__ import annotations

from evaluator.i18n import both
import faulthandler
import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MEMORY_LIMIT = 4 * 2**30   # address space of one worker: far above any real form or report


@dataclass(frozen=True)
class Limits:
    seconds: float             # for one item
    memory: int | None = MEMORY_LIMIT


def failure_detail(kind: str, value: Any = None) -> dict[str, str]:
    """Why a worker stopped, in both languages: a signal, an exit status, the time or memory limit."""
    if kind == "signal":
        name = signal.Signals(value).name if value in signal.Signals._value2member_map_ else str(value)
        return both("killed by signal {name}", name=name)
    if kind == "time":
        return both("ran past the limit of {value:g} seconds", value=value)
    if kind == "memory":
        return both("ran out of its memory limit")
    if kind == "error":
        return both("internal error: {value}", value=value)
    return both("the process exited unexpectedly ({value})", value=value)


class _Worker(Generic[T]):
    def __init__(self, context, work: Callable[[T], Any], limits: Limits):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, work, limits.memory), daemon=True)
        self.process.start()
        child.close()
        self.item: tuple[int, T] | None = None
        self.started = 0.0

    def give(self, index: int, item: T) -> None:
        self.item, self.started = (index, item), time.monotonic()
        self.conn.send((index, item))

    def stop(self) -> None:
        if self.process.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def supervised(work: Callable[[T], R], items: list[T], workers: int, limits: Limits,
               failed: Callable[[T, dict[str, str]], R]) -> Iterator[R]:
    """`work(item)` for every item in at most `workers` child processes, yielding results as they come;
    an item whose worker died, overran or raised yields `failed(item, reason)` instead."""
    if not items:
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pending: deque[tuple[int, T]] = deque(enumerate(items))
    pool = [_Worker(context, work, limits) for _ in range(max(1, min(workers, len(items))))]
    try:
        while pending or any(w.item for w in pool):
            for worker in pool:
                if worker.item is None and pending:
                    worker.give(*pending.popleft())
            yield from _collect(pool, context, work, limits, failed)
    finally:
        for worker in pool:
            worker.stop()


def _collect(pool: list[_Worker], context, work, limits: Limits, failed) -> Iterator[Any]:
    """Wait for the first worker to answer, die or overrun; handle every worker that did."""
    busy = [w for w in pool if w.item is not None]
    deadline = min(w.started for w in busy) + limits.seconds
    ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=max(0.0, deadline - time.monotonic()))
    for i, worker in enumerate(pool):
        if worker.item is None:
            continue
        item = worker.item[1]
        if worker.conn in ready and (answer := _answer(worker)) is not None:
            worker.item = None
            yield answer[1] if answer[0] == "ok" else failed(item, failure_detail(*answer))
        elif worker.conn in ready or worker.process.sentinel in ready:
            yield failed(item, _ended(worker))
            pool[i] = _Worker(context, work, limits)
        elif time.monotonic() - worker.started >= limits.seconds:
            worker.process.kill()
            worker.stop()
            yield failed(item, failure_detail("time", limits.seconds))
            pool[i] = _Worker(context, work, limits)


def _answer(worker: _Worker) -> tuple[str, Any] | None:
    try:
        return worker.conn.recv()
    except (EOFError, OSError):
        return None


def _ended(worker: _Worker) -> dict[str, str]:
    worker.process.join(timeout=5)
    code = worker.process.exitcode
    worker.stop()
    if code is not None and code < 0:
        return failure_detail("signal", -code)
    return failure_detail("exit", f"exit status {code}")


def _serve(conn: Connection, work: Callable[[Any], Any], memory: int | None) -> None:
    """A worker: one item at a time until told to stop (None) or the parent goes away."""
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    faulthandler.disable()  # a crash is reported by the parent as the file's failure, not as a stack dump
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        _, item = message
        try:
            answer: tuple[str, Any] = ("ok", work(item))
        except MemoryError:
            answer = ("memory", None)
        except Exception as exc:  # noqa: BLE001 — one item's bug is that item's failure
            answer = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(answer)
        except (OSError, ValueError):
            os._exit(1)
        except Exception as exc:  # noqa: BLE001 — an answer that cannot be sent back
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
