"""Run one reader in a forked child with a memory cap and a deadline.

The limits in readers/limits.py stop the bombs we know of while reading; this is the floor
under all of them. PDFium and libxml2 allocate in C where no Python check can see, so the
reader runs in a child whose address space may grow by at most `memory_mb` (RLIMIT_AS) and
which is killed after `timeout_s`. The worker process itself never holds a bomb's memory,
and a reader that crashes or hangs fails only its file, as a BadInput with a Vietnamese
message.

Fork (not spawn) keeps it cheap (no re-import) and keeps the caller's environment, so a
PATH or a test's patch reaches the reader. Where fork or resource limits do not exist
(Windows), the reader runs in-process with only the limits of limits.py.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import time
import traceback
from collections.abc import Callable
from typing import Any

from theodoi.domain.errors import BadInput
from theodoi.extraction.errors import FileTooLarge, ReadTimedOut, UnreadableFile

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]  # the module, or None where there is none

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def available() -> bool:
    """Whether readers can be isolated here (fork and RLIMIT_AS exist)."""
    return hasattr(os, "fork") and resource is not None and hasattr(resource, "RLIMIT_AS")


def run(reader: Callable[[], Any], name: str, *, memory_mb: int, timeout_s: float) -> Any:
    """`reader()`'s result, computed in a child limited to `memory_mb` more address space
    than this process uses and to `timeout_s` seconds; its BadInput is raised here."""
    if not available() or memory_mb <= 0:
        return reader()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's cleanup
        os.close(read_fd)
        _child(reader, write_fd, memory_mb)
    os.close(write_fd)
    try:
        payload = _collect(read_fd, pid, timeout_s, name)
    except BaseException:  # interrupted while waiting: the child must not outlive it
        kill(pid)
        raise
    finally:
        os.close(read_fd)
        reap(pid)
    return outcome(pickle.loads(payload) if payload else None,  # our own forked child wrote it
                   name, memory_mb)


def _child(reader: Callable[[], Any], write_fd: int, memory_mb: int) -> None:
    code = 0
    try:
        # the cap must not wait on Python's shutdown: a bomb may be mid-allocation
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        cap_memory(memory_mb)
        data = pickle.dumps(attempt(reader), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_fd, "wb") as out:
            out.write(data)
    except BaseException:  # noqa: BLE001 - even pickling can run out of memory
        code = 1
    finally:
        os._exit(code)


def attempt(reader: Callable[[], Any]) -> tuple[str, Any]:
    """What `reader()` ended with, as the child reports it: ok, bad, memory or error."""
    try:
        return ("ok", reader())
    except BadInput as exc:
        return ("bad", (type(exc), exc.message, exc.subject))
    except MemoryError:
        return ("memory", None)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, not lost
        return ("error", f"{exc!r}\n{traceback.format_exc(limit=5)}")


def mapped_bytes() -> int:
    """The address space this process maps now (what RLIMIT_AS counts)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * PAGE


def cap_memory(memory_mb: int) -> None:
    """Let the address space grow by `memory_mb` over what the process maps now."""
    limit = mapped_bytes() + memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:  # inside another capped child: never ask for more
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def readable(fd: int, timeout_s: float) -> bool:
    """Whether `fd` has something to read (or was closed) within `timeout_s` seconds.

    poll, not select: select() refuses a descriptor above 1023 ("filedescriptor out of
    range"), and a busy server process may well have that many open."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    return bool(poller.poll(max(timeout_s, 0.0) * 1000))


def _collect(read_fd: int, pid: int, timeout_s: float, name: str) -> bytes:
    """Everything the child writes, or ReadTimedOut (after killing it) past the deadline."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout_s
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not readable(read_fd, left):
            kill(pid)
            raise ReadTimedOut(f"đọc tệp quá {timeout_s:g} giây nên đã dừng (tệp hỏng hoặc "
                               "độc hại).", subject=name)
        chunk = os.read(read_fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def outcome(payload: tuple[str, Any] | None, name: str, memory_mb: int) -> Any:
    """The reader's result, or the error it ended with, raised as a BadInput; None is a
    child that wrote nothing."""
    if payload is None:  # killed by a signal (an allocation PDFium could not survive) or crashed
        raise FileTooLarge(f"đọc tệp cần quá {memory_mb} MB bộ nhớ hoặc làm trình đọc dừng "
                           "bất thường (tệp hỏng hoặc độc hại).", subject=name)
    kind, value = payload
    if kind == "ok":
        return value
    if kind == "bad":
        cls, message, subject = value
        raise cls(message, subject=subject)
    if kind == "memory":
        raise FileTooLarge(f"đọc tệp cần quá {memory_mb} MB bộ nhớ (tệp quá lớn hoặc nghi "
                           "là tệp nén độc hại).", subject=name)
    raise UnreadableFile("không đọc được tệp (tệp hỏng hoặc không đúng định dạng).",
                         subject=name) from RuntimeError(value)


def kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def reap(pid: int) -> None:
    """Wait for the child so it leaves no zombie; it has written or been killed."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
