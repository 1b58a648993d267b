"""Running one function in a child process: memory-capped, stoppable, crash-contained.

The child is started fresh ("spawn": nothing of the server's threads, sockets or database
connections is copied into it), caps its own address space with RLIMIT_AS, runs the
function and writes the outcome to a file the parent reads after it exits. A theodoi
error (BadInput …) crosses as its Vietnamese text; anything else, a MemoryError, a signal
or a segfault in a parser ends as ChildFailed with a message for the clerk.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from theodoi.domain.errors import BadInput, TheodoiError

POLL_S = 0.5  # how often the parent looks at the child and at the job's state


class ChildFailed(BadInput):
    """The child process ended without an answer (killed, out of memory, crashed)."""

    code = "E150"


class Stopped(Exception):
    """The caller asked the child to stop (the job was cancelled or the worker stops)."""


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, ValueError, OSError):  # not on this platform: run uncapped
        pass


def _child_main(target: str, args: tuple[Any, ...], kwargs: dict[str, Any], out: str,
                memory_mb: int) -> None:
    _limit_memory(memory_mb)
    module, _, name = target.rpartition(".")
    try:
        value = getattr(importlib.import_module(module), name)(*args, **kwargs)
        outcome: tuple[str, Any] = ("ok", value)
    except TheodoiError as exc:
        outcome = ("error", exc.render("web"))  # shown on the job's page
    except MemoryError:
        outcome = ("error", f"việc đọc văn bản cần quá {memory_mb} MB bộ nhớ nên đã dừng; "
                            "tệp có thể bị hỏng hoặc quá phức tạp.")
    with open(out, "wb") as f:
        pickle.dump(outcome, f)


def run(target: str, args: tuple[Any, ...], *, kwargs: dict[str, Any] | None = None,
        memory_mb: int, keep_going: Callable[[], bool]) -> Any:
    """`target(*args, **kwargs)` ('package.module.function') in a child; its return value.
    Keep the target's module light to import: the child starts from nothing.

    `keep_going` is asked every POLL_S seconds; when it says no, the child is terminated
    and Stopped raised. A theodoi error in the child is raised here as BadInput with the
    same text."""
    context = multiprocessing.get_context("spawn")
    fd, out = tempfile.mkstemp(prefix="theodoi-job-", suffix=".out")
    os.close(fd)
    try:
        process = context.Process(target=_child_main, daemon=True,
                                  args=(target, args, kwargs or {}, out, memory_mb))
        process.start()
        while process.is_alive():
            process.join(POLL_S)
            if process.is_alive() and not keep_going():
                _stop(process)
                raise Stopped
        return _outcome(Path(out), process.exitcode)
    finally:
        Path(out).unlink(missing_ok=True)


def _stop(process: Any) -> None:
    process.terminate()
    process.join(5)
    if process.is_alive():
        process.kill()
        process.join()


def _outcome(out: Path, exitcode: int | None) -> Any:
    data = out.read_bytes() if out.exists() else b""
    if not data:
        raise ChildFailed("tiến trình đọc văn bản dừng bất thường (mã "
                          f"{exitcode}); tệp có thể bị hỏng, quá lớn hoặc quá phức tạp.")
    kind, value = pickle.loads(data)  # written by our own child just now
    if kind == "error":
        raise BadInput(value)
    return value
