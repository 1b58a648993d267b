"""web/admission.py: at most `slots` requests at work per process, bodies read before the
queue (a large one on disk, the limit enforced as it arrives), the slot given back when
the response starts, static files never queued."""

from __future__ import annotations

import asyncio
import hashlib
import json
import tracemalloc
from typing import Any

from starlette.types import Message, Receive, Scope, Send

from theodoi.web.admission import AdmissionMiddleware
from theodoi.web.security import BODY_SLACK


class Recorder:
    """An ASGI app that notes how many requests it holds at once, waits for `gate`
    before it answers, and echoes the body it was given."""

    def __init__(self) -> None:
        self.active = self.most = 0
        self.gate = asyncio.Event()
        self.bodies: list[bytes] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.active += 1
        self.most = max(self.most, self.active)
        message = await receive() if scope["method"] == "POST" else {"body": b""}
        self.bodies.append(message["body"])
        await self.gate.wait()
        self.active -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": message["body"]})


def _scope(path: str = "/don-vi/1/tong-quan", method: str = "GET",
           headers: list[tuple[bytes, bytes]] | None = None) -> Scope:
    return {"type": "http", "method": method, "path": path, "headers": headers or []}


async def _call(app: Any, scope: Scope, chunks: list[bytes] | None = None) -> list[Message]:
    sent: list[Message] = []
    messages = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
                for i, c in enumerate(chunks)] if chunks else []

    async def receive() -> Message:
        if messages:
            await asyncio.sleep(0)  # a body that arrives in pieces
            return messages.pop(0)
        await asyncio.Event().wait()  # the client stays
        raise AssertionError

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent


def test_no_more_than_the_slots_are_at_work_and_the_rest_wait_their_turn() -> None:
    async def main() -> tuple[int, int, list[int]]:
        inner = Recorder()
        app = AdmissionMiddleware(inner, slots=3, max_body=1000)
        calls = [asyncio.create_task(_call(app, _scope())) for _ in range(10)]
        for _ in range(20):
            await asyncio.sleep(0)
        at_once = inner.active
        inner.gate.set()
        results = await asyncio.gather(*calls)
        return at_once, inner.most, [r[0]["status"] for r in results]

    at_once, most, statuses = asyncio.run(main())
    assert at_once == 3 and most == 3
    assert statuses == [200] * 10


def test_static_files_are_never_queued() -> None:
    async def main() -> int:
        inner = Recorder()
        app = AdmissionMiddleware(inner, slots=1, max_body=1000)
        calls = [asyncio.create_task(_call(app, _scope("/static/app.css")))
                 for _ in range(5)]
        for _ in range(20):
            await asyncio.sleep(0)
        active = inner.active
        inner.gate.set()
        await asyncio.gather(*calls)
        return active

    assert asyncio.run(main()) == 5


def test_the_slot_is_given_back_when_the_response_starts() -> None:
    """A response still sending its body (a big download to a slow phone) no longer
    holds the slot: the next request is let in."""
    async def main() -> list[str]:
        order: list[str] = []
        release_body = asyncio.Event()

        async def slow_body(scope: Scope, receive: Receive, send: Send) -> None:
            order.append(f"in {scope['path']}")
            await send({"type": "http.response.start", "status": 200, "headers": []})
            if scope["path"] == "/first":
                await release_body.wait()
            await send({"type": "http.response.body", "body": b"x"})
            order.append(f"out {scope['path']}")

        app = AdmissionMiddleware(slow_body, slots=1, max_body=1000)
        first = asyncio.create_task(_call(app, _scope("/first")))
        second = asyncio.create_task(_call(app, _scope("/second")))
        await asyncio.wait_for(second, 1)
        release_body.set()
        await first
        return order

    assert asyncio.run(main()) == ["in /first", "in /second", "out /second", "out /first"]


def test_a_body_is_read_whole_before_the_request_queues() -> None:
    """A slow upload does not hold a slot while it arrives; the app gets it in one piece."""
    async def main() -> tuple[int, list[bytes], list[Message]]:
        inner = Recorder()
        app = AdmissionMiddleware(inner, slots=1, max_body=1000)
        headers = [(b"content-length", b"9")]
        sent = asyncio.create_task(_call(app, _scope(method="POST", headers=headers),
                                         [b"abc", b"def", b"ghi"]))
        for _ in range(20):
            await asyncio.sleep(0)
        active = inner.active
        inner.gate.set()
        return active, inner.bodies, await sent

    active, bodies, sent = asyncio.run(main())
    assert active == 1 and bodies == [b"abcdefghi"]
    assert sent[1]["body"] == b"abcdefghi"


def test_a_body_without_length_that_grows_past_the_limit_is_refused_in_vietnamese() -> None:
    async def main() -> tuple[list[Message], list[bytes]]:
        inner = Recorder()
        inner.gate.set()
        app = AdmissionMiddleware(inner, slots=1, max_body=BODY_SLACK + (1 << 20))
        headers = [(b"transfer-encoding", b"chunked")]
        sent = await _call(app, _scope(method="POST", headers=headers),
                           [b"a" * (2 << 20), b"b", b"never read"])
        return sent, inner.bodies

    sent, bodies = asyncio.run(main())
    assert sent[0]["status"] == 413 and bodies == []  # the app never saw it
    error = json.loads(sent[1]["body"])["error"]
    assert error["code"] == "E103" and error["message"] == "tệp lớn hơn giới hạn 1 MB."


class Digest:
    """An ASGI app that reads the body piece by piece, keeping only its size and hash."""

    def __init__(self) -> None:
        self.size, self.pieces = 0, 0
        self.hash = hashlib.sha256()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            self.size += len(message["body"])
            self.pieces += 1
            self.hash.update(message["body"])
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def test_a_large_body_waits_on_disk_not_in_memory_and_arrives_whole() -> None:
    """16 MB sent in 64 KB pieces: the app gets every byte, in pieces, while the memory
    the middleware held at its peak stays a small part of the body."""
    piece, count = bytes(range(256)) * 256, 256  # 64 KB x 256 = 16 MB
    expected = hashlib.sha256(piece * count).hexdigest()

    async def main() -> tuple[Digest, int]:
        inner = Digest()
        app = AdmissionMiddleware(inner, slots=1, max_body=32 << 20)
        headers = [(b"content-length", str(len(piece) * count).encode())]
        tracemalloc.start()
        sent = await _call(app, _scope(method="POST", headers=headers), [piece] * count)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert sent[0]["status"] == 200
        return inner, peak

    inner, peak = asyncio.run(main())
    assert inner.size == len(piece) * count and inner.hash.hexdigest() == expected
    assert inner.pieces >= 16  # handed over from disk a piece at a time
    assert peak < 4 << 20, peak  # the 16 MB never sat in memory


def test_a_body_longer_than_its_stated_length_is_refused_once_it_passes_the_limit() -> None:
    """The limit counts what arrives, not what the headers say; what comes after the
    limit is never read and the app never runs."""
    async def main() -> tuple[list[Message], list[bytes], int]:
        inner = Recorder()
        inner.gate.set()
        app = AdmissionMiddleware(inner, slots=1, max_body=BODY_SLACK + (1 << 20))
        headers = [(b"content-length", b"10")]  # a lie
        chunks = [b"a" * (1 << 20)] * 3 + [b"never read"] * 5
        messages = [{"type": "http.request", "body": c, "more_body": True} for c in chunks]
        total = len(messages)

        async def receive() -> Message:
            return messages.pop(0)

        sent: list[Message] = []

        async def send(message: Message) -> None:
            sent.append(message)

        await app(_scope(method="POST", headers=headers), receive, send)
        return sent, inner.bodies, total - len(messages)

    sent, bodies, read = asyncio.run(main())
    assert sent[0]["status"] == 413 and bodies == []
    assert read == 3  # 3 MB > 2 MB: refused at the third piece, the rest left unread
    assert "tệp lớn hơn giới hạn 1 MB" in json.loads(sent[1]["body"])["error"]["message"]


def test_a_body_still_arriving_holds_no_slot() -> None:
    """With one slot, a request whose body has not finished arriving does not stop the
    next request from being worked on."""
    async def main() -> list[str]:
        order: list[str] = []
        rest = asyncio.Event()
        inner = Recorder()
        inner.gate.set()
        app = AdmissionMiddleware(inner, slots=1, max_body=1000)

        async def slow_receive() -> Message:
            if not order:
                order.append("first piece")
                return {"type": "http.request", "body": b"abc", "more_body": True}
            await rest.wait()
            order.append("last piece")
            return {"type": "http.request", "body": b"def", "more_body": False}

        async def send(_message: Message) -> None:
            return None

        upload = asyncio.create_task(app(_scope(method="POST",
                                                headers=[(b"content-length", b"6")]),
                                         slow_receive, send))
        await asyncio.sleep(0)
        await asyncio.wait_for(_call(app, _scope("/don-vi/1/tong-quan")), 5)
        order.append("page answered")
        rest.set()
        await upload
        return order

    assert asyncio.run(main()) == ["first piece", "page answered", "last piece"]
