"""A forked child kept warm for many jobs, under the same memory cap and deadline.

Forking a child per file (isolation.run) costs 3-7 ms of CPU a file, most of it the pages
the child writes to and so copies from its parent: more than extracting a small plain-text
plan takes. A `Worker` is forked once and runs one job after another, each sent through a
pipe and answered through another; it is the same floor as a one-shot child:
- its address space is capped at what it maps when forked plus `memory_mb`;
- a job past the deadline gets the worker killed (the next job forks a new one);
- it retires (exits after answering) after a job that ran out of memory or failed
  unexpectedly, when it has grown by RETIRE_GROWTH of its cap (so the cap keeps its
  headroom) and after MAX_JOBS jobs; the parent then forks a fresh one when next needed;
- it exits when its parent goes (the request pipe reaches end of file).
One process uses one worker from one thread at a time; a caller that finds it busy, a
process forked from the owner, or a different cap or job, gets a one-shot child instead.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import pickle
import signal
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

from theodoi.extraction.errors import ReadTimedOut
from theodoi.extraction.readers import isolation

MAX_JOBS = 1000
RETIRE_GROWTH = 0.25  # of the cap: a worker grown this much leaves room for one more file
FRAME = struct.Struct(">Q")  # the length of each pickled message


class _Gone(Exception):
    """The worker ended (or its pipe broke) before it answered."""


class Worker:
    """One warm child running `job(request)` for this process (see the module docstring)."""

    def __init__(self, job: Callable[[Any], Any], memory_mb: int) -> None:
        self.job, self.memory_mb, self.owner = job, memory_mb, os.getpid()
        request_r, self.request_w = os.pipe()
        self.reply_r, reply_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns, never runs the parent's cleanup
            os.close(self.request_w)
            os.close(self.reply_r)
            _serve(job, request_r, reply_w, memory_mb)
        os.close(request_r)
        os.close(reply_w)

    def fits(self, job: Callable[[Any], Any], memory_mb: int) -> bool:
        return self.job is job and self.memory_mb == memory_mb and self.owner == os.getpid()

    def send(self, request: bytes) -> bool:
        """Hand the worker a pickled request; False when it has ended since its last job."""
        try:
            _write(self.request_w, request)
        except OSError:  # BrokenPipeError: it died while idle (the kernel's OOM killer …)
            return False
        return True

    def answer(self, name: str, timeout_s: float) -> tuple[bool, tuple[str, Any]]:
        """(retiring, payload) of the job sent; ReadTimedOut past the deadline, _Gone when
        the worker ended without answering. Either way the worker is then unusable."""
        deadline = time.monotonic() + timeout_s
        size = FRAME.unpack(_read(self.reply_r, FRAME.size, deadline, self.pid, name, timeout_s))[0]
        reply = _Reply(self.reply_r, size, lambda n: _read(self.reply_r, n, deadline, self.pid,
                                                           name, timeout_s))
        answer: tuple[bool, tuple[str, Any]] = pickle.load(reply)  # our own child wrote it
        reply.skip_rest()
        return answer

    def close(self) -> None:
        """Stop the child (end of file on its request pipe, then a kill) and reap it."""
        for fd in (self.request_w, self.reply_r):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.owner == os.getpid():
            isolation.kill(self.pid)  # it may be mid-job for a caller that gave up
            isolation.reap(self.pid)


def _serve(job: Callable[[Any], Any], request_fd: int, reply_fd: int, memory_mb: int) -> None:
    """The worker's loop: one request in, one answer out, until told to stop or retiring."""
    code = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        isolation.cap_memory(memory_mb)
        start = isolation.mapped_bytes()
        for jobs in range(1, MAX_JOBS + 1):
            request = _receive(request_fd)
            if request is None:
                break  # the parent closed the pipe or ended
            work = functools.partial(job, pickle.loads(request))
            del request  # the pickled copy of the file counts against the cap: not kept
            payload = isolation.attempt(work)
            grown = isolation.mapped_bytes() - start > RETIRE_GROWTH * memory_mb * 1048576
            retiring = payload[0] in ("memory", "error") or grown or jobs == MAX_JOBS
            _write(reply_fd, pickle.dumps((retiring, payload), protocol=pickle.HIGHEST_PROTOCOL))
            if retiring:
                break
    except BaseException:  # noqa: BLE001 - even pickling can run out of memory
        code = 1
    finally:
        os._exit(code)


def _receive(fd: int) -> bytes | None:
    """The next pickled request, or None at end of file."""
    head = _read_all(fd, FRAME.size)
    return None if head is None else _read_all(fd, FRAME.unpack(head)[0])


def _read_all(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _write(fd: int, body: bytes) -> None:
    """The length, then the body, without copying the body (a text may be 50 MB)."""
    for part in (FRAME.pack(len(body)), body):
        view = memoryview(part)
        while view:
            view = view[os.write(fd, view):]


def _read(fd: int, size: int, deadline: float, pid: int, name: str,
          timeout_s: float) -> bytearray:
    """`size` bytes from the worker by the deadline (else it is killed: ReadTimedOut), read
    into one buffer so a large answer is never held twice."""
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        wait = deadline - time.monotonic()
        if wait <= 0 or not isolation.readable(fd, wait):
            isolation.kill(pid)
            raise ReadTimedOut(f"đọc tệp quá {timeout_s:g} giây nên đã dừng (tệp hỏng hoặc "
                               "độc hại).", subject=name)
        count = os.readv(fd, [view[got:got + (1 << 20)]])
        if not count:
            raise _Gone
        got += count
    return buffer


class _Reply:
    """The worker's pickled answer of `size` bytes as a file that `pickle.load` reads piece by
    piece (frames of 64 KB) as it arrives: read whole first, the pickle was held beside all
    it unpickles to (a long text's answer took 1.3 times the text's size again)."""

    def __init__(self, fd: int, size: int, read: Callable[[int], bytearray]) -> None:
        self.fd, self.left, self._read = fd, size, read

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return bytes(self._read(n)) if n else b""

    def readline(self) -> bytes:  # the binary protocols never ask; the text one would
        line = bytearray()
        while self.left and not line.endswith(b"\n"):
            line += self.read(1)
        return bytes(line)

    def skip_rest(self) -> None:
        """Read what `pickle.load` left (nothing, from our own child), so the pipe stays in
        step for the next answer."""
        while self.left:
            self.read(1 << 20)


_LOCK = threading.Lock()
_CURRENT: list[Worker] = []  # this process's worker, when it has one


def run(job: Callable[[Any], Any], request: Any, name: str, *, memory_mb: int,
        timeout_s: float) -> Any:
    """`job(request)` in this process's warm worker (forked when needed), with the same
    errors as isolation.run; a one-shot child when the worker is busy in another thread."""
    if not isolation.available() or memory_mb <= 0:
        return job(request)
    if not _LOCK.acquire(blocking=False):
        return isolation.run(lambda: job(request), name, memory_mb=memory_mb,
                             timeout_s=timeout_s)
    try:
        body = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        worker = _worker(job, memory_mb)
        if not worker.send(body):  # gone while idle: not this file's doing, so a new one
            _drop(worker)
            worker = _worker(job, memory_mb)
            if not worker.send(body):
                _drop(worker)
                return isolation.outcome(None, name, memory_mb)
        del body  # a copy of the file: not kept while the answer is read
        try:
            retiring, payload = worker.answer(name, timeout_s)
        except _Gone:
            _drop(worker)
            return isolation.outcome(None, name, memory_mb)
        except BaseException:  # past the deadline, or interrupted: it must not go on
            _drop(worker)
            raise
        if retiring:
            _drop(worker)
        return isolation.outcome(payload, name, memory_mb)
    finally:
        _LOCK.release()


def _worker(job: Callable[[Any], Any], memory_mb: int) -> Worker:
    """The worker for `job` and `memory_mb`, forked when there is none that fits."""
    if _CURRENT and _CURRENT[0].fits(job, memory_mb):
        return _CURRENT[0]
    if _CURRENT:
        _drop(_CURRENT[0])
    _CURRENT.append(Worker(job, memory_mb))
    return _CURRENT[0]


def _drop(worker: Worker) -> None:
    worker.close()
    with contextlib.suppress(ValueError):
        _CURRENT.remove(worker)


def close() -> None:
    """Stop this process's worker, if any (at exit, and where a test must fork afresh)."""
    with _LOCK:
        for worker in list(_CURRENT):
            _drop(worker)


atexit.register(close)
