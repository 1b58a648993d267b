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
slot; bodies are already capped by the security middleware), and the slot is given back as
soon as the response starts: what is left is sending bytes. Static files skip the queue.
A body sent without a length that grows past the limit is refused (413) as it arrives.
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from theodoi.web.security import refuse_too_large

UNQUEUED = ("/static/",)


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
        receive = await _buffered(scope, receive, self.max_body)
        if receive is None:
            await refuse_too_large(send, self.max_body)
            return
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


async def _buffered(scope: Scope, receive: Receive, limit: int) -> Receive | None:
    """A `receive` that hands the app the whole body at once, read here first; after it,
    the real `receive` (which tells of a client that went away). None when the body is
    longer than `limit` bytes."""
    if not _has_body(scope):
        return receive
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away mid-body
            return _replay([message], receive)
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > limit:
            return None
        if not message.get("more_body", False):
            break
    return _replay([{"type": "http.request", "body": b"".join(chunks),
                     "more_body": False}], receive)


def _replay(messages: list[dict[str, Any]], receive: Receive) -> Receive:
    async def replayed() -> Message:
        return messages.pop(0) if messages else await receive()

    return replayed
