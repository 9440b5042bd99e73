"""Run a function in a forked child, so a test can observe what would otherwise kill the test run:
an abort or a segfault (reported as the signal), an exception escaping (its traceback), or a hang
(killed at the deadline). The child inherits everything already imported, so a call costs a fork,
not a new interpreter."""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Outcome:
    kind: str                 # "returned", "raised", "signal", "exit" or "timeout"
    value: Any = None         # what the function returned
    detail: str = ""          # the traceback, the signal's name or the exit status
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.kind == "returned"


def isolated(function: Callable[..., Any], *args: Any, timeout: float = 30.0) -> Outcome:
    read_end, write_end = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test runner
        os.close(read_end)
        try:
            payload = pickle.dumps(("returned", function(*args), ""))
        except BaseException:
            payload = pickle.dumps(("raised", None, traceback.format_exc()))
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_end)
    data = _collect(read_end, pid, started + timeout)
    seconds = time.monotonic() - started
    if data is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return Outcome("timeout", seconds=seconds)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return Outcome("signal", detail=signal.Signals(os.WTERMSIG(status)).name, seconds=seconds)
    if not data:
        return Outcome("exit", detail=f"exit status {os.waitstatus_to_exitcode(status)}", seconds=seconds)
    kind, value, detail = pickle.loads(data)
    return Outcome(kind, value, detail, seconds)


def _collect(fd: int, pid: int, deadline: float) -> bytes | None:
    """Everything the child writes until it closes the pipe, or None at the deadline."""
    chunks = []
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([pipe], [], [], left)[0]:
                return None
            chunk = pipe.read(1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
