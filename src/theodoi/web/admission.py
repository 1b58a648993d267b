"""At most a few requests of a worker process at work at once; the others wait their turn.

Why (bench/web.py, 2 cores, 2 processes): with every request let in, 50 concurrent clients
put up to 40 threads per process (anyio's pool) in the race for one interpreter lock, each
of a request's thread hops waited behind all the others, and a cached commune dashboard
went from ~750 requests a second at 10 clients to ~480 at 50. Requests queued here cost
nothing while they wait (a coroutine, no thread, no connection), and the few at work keep
the pace of 10 clients.

It also rules out a stall: a request holds its one database connection across its thread
hops, so with more requests at work than pooled connections, threads could all wait for a
connection held by requests that wait for a thread (until the pool's 30 s timeout). With
`slots` no more than the pool's connections, a request never waits for either.

A request's body is read in full before it queues (a phone's slow upload does not hold a
slot), into a temporary file that keeps a small body in memory and moves a large one to
disk (so a 50 MB upload costs 50 MB of disk, not of memory), and the limit is enforced as
the body arrives: a body past it is refused (413) at once, whatever its headers said. The
slot is given back as soon as the response starts: what is left is sending bytes. Static
files skip the queue.
"""

from __future__ import annotations

import asyncio
from tempfile import SpooledTemporaryFile
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from theodoi.web.security import refuse_too_large

UNQUEUED = ("/static/",)
IN_MEMORY = 1 << 20  # a body up to this size is never written to disk
CHUNK = 1 << 20  # what the app is handed at a time of a body read back from disk


class AdmissionMiddleware:
    """Pure ASGI; `slots` requests of this process at work at once; bodies up to
    `max_body` bytes."""

    def __init__(self, app: ASGIApp, slots: int, max_body: int) -> None:
        self.app, self.slots, self.max_body = app, slots, max_body
        self._free: asyncio.Semaphore | None = None  # made in the server's event loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(UNQUEUED):
            await self.app(scope, receive, send)
            return
        if self._free is None:
            self._free = asyncio.Semaphore(self.slots)
        spool = SpooledTemporaryFile(max_size=IN_MEMORY)  # noqa: SIM115  (closed below)
        try:
            body = await _spooled(scope, receive, spool, self.max_body)
            if body is None:
                await refuse_too_large(send, self.max_body)
                return
            await self._admitted(scope, body, send)
        finally:
            spool.close()  # a body on disk is deleted here

    async def _admitted(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wait for a free slot, then run the app; the slot is freed when the response
        starts (or the app ends without one)."""
        assert self._free is not None
        free = self._free
        await free.acquire()
        held = True

        async def started(message: Message) -> None:
            nonlocal held
            if held and message["type"] == "http.response.start":
                held = False
                free.release()
            await send(message)

        try:
            await self.app(scope, receive, started)
        finally:
            if held:
                free.release()


def _has_body(scope: Scope) -> bool:
    headers = dict(scope.get("headers", []))
    length = headers.get(b"content-length", b"")
    return (length.isdigit() and int(length) > 0) or b"transfer-encoding" in headers


async def _spooled(scope: Scope, receive: Receive, spool: Any, limit: int) -> Receive | None:
    """Read the whole body into `spool`; a `receive` that hands it to the app from there,
    then passes on the real `receive` (which tells of a client that went away). None as
    soon as more than `limit` bytes have arrived: the rest is never read."""
    if not _has_body(scope):
        return receive
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away mid-body
            return _replay([message], receive)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        await _write(spool, chunk)
        if not message.get("more_body", False):
            break
    spool.seek(0)
    return _read_back(spool, size, receive)


def _on_disk(spool: Any) -> bool:
    return bool(getattr(spool, "_rolled", True))


async def _write(spool: Any, chunk: bytes) -> None:
    """In memory on the loop; once on disk (or about to be), on a worker thread."""
    if _on_disk(spool) or spool.tell() + len(chunk) > IN_MEMORY:
        await run_in_threadpool(spool.write, chunk)
    else:
        spool.write(chunk)


def _read_back(spool: Any, size: int, receive: Receive) -> Receive:
    """The spooled body (`size` bytes) in pieces of CHUNK bytes (a small body in one),
    then the real `receive`."""
    done = False

    async def replayed() -> Message:
        nonlocal done
        if done:
            return await receive()
        if _on_disk(spool):
            chunk = await run_in_threadpool(spool.read, CHUNK)
        else:
            chunk = spool.read(CHUNK)
        done = spool.tell() >= size
        return {"type": "http.request", "body": chunk, "more_body": not done}

    return replayed


def _replay(messages: list[Message], receive: Receive) -> Receive:
    async def replayed() -> Message:
        return messages.pop(0) if messages else await receive()

    return replayed
