"""A static file and a dashboard are answered while large uploads are still arriving and
while one is being worked on (issue 14, H1/H2), through a real server.

The uploads are held open by the test (their bodies stop half-way, then their processing
waits on an event), so what is shown is an order of events, not a speed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.web.conftest import A, World
from tests.web.live import served, signed_in
from tests.web.progress_world import activate
from theodoi.services.views import my_work
from theodoi.web.app import create_app

PIECE = b"x" * (1 << 20)
PNG = b"\x89PNG\r\n\x1a\n"  # the evidence must look like a picture
BOUNDARY = "ranh-gioi-thu-nghiem"


class SlowUpload:
    """A value with an 8 MB evidence file whose body stops after its first MB until
    `rest` is set; `done` is set when the server has answered it."""

    def __init__(self, client: httpx.Client, ref: str, period: str) -> None:
        self.client, self.ref = client, ref
        self.started, self.rest, self.done = (threading.Event(), threading.Event(),
                                              threading.Event())
        self.status = 0
        head = "".join(f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n"
                       f"{v}\r\n" for k, v in (("period", period), ("value", "12")))
        head += (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"evidence\"; "
                 "filename=\"minh-chung.png\"\r\nContent-Type: image/png\r\n\r\n")
        self.head, self.tail = head.encode(), f"\r\n--{BOUNDARY}--\r\n".encode()

    def body(self) -> Iterator[bytes]:
        yield self.head + PNG + PIECE[len(PNG):]
        self.started.set()
        self.rest.wait(120)
        for _ in range(7):
            yield PIECE
        yield self.tail

    def run(self) -> None:
        size = len(self.head) + 8 * len(PIECE) + len(self.tail)
        r = self.client.post(f"/muc/{self.ref}/so-lieu", content=self.body(), headers={
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            "Content-Length": str(size), "HX-Request": "true"})
        self.status, self.text = r.status_code, r.text
        self.done.set()


@pytest.fixture
def held_saves(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event,
                                                                   threading.Event]]:
    """Saving a value waits for `release` after setting `entered`."""
    entered, release = threading.Event(), threading.Event()
    real = my_work.record_value

    def held(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        release.wait(120)
        return real(*args, **kwargs)

    monkeypatch.setattr(my_work, "record_value", held)
    yield entered, release
    release.set()


def _others_answer(base: str, client: httpx.Client, unit_id: int) -> list[int]:
    static = httpx.get(f"{base}/static/app.css", timeout=30)
    page = client.get(f"/don-vi/{unit_id}/tong-quan", timeout=30)
    return [static.status_code, page.status_code]


def test_static_and_dashboard_answer_while_uploads_arrive_and_are_worked_on(
        world: World, held_saves: tuple[threading.Event, threading.Event]) -> None:
    entered, release = held_saves
    settings = world.settings.model_copy(update={"web_active_requests": 2})
    with served(create_app(settings)) as base:
        reader = signed_in(base, "quantri")
        ref = next(r for r in activate(reader, world, A) if r.startswith("t"))
        # two periods: two saves of one period at one moment are a race one of them loses
        # (409: one current record per target and period), which is not what this tests
        uploads = [SlowUpload(signed_in(base, "quantri"), ref, period)
                   for period in ("2026", "2027")]
        threads = [threading.Thread(target=u.run) for u in uploads]
        try:
            for thread, upload in zip(threads, uploads, strict=True):
                thread.start()
                assert upload.started.wait(10)
            # two bodies half-way in, as many as there are slots: they hold none
            assert _others_answer(base, reader, world.units[A]) == [200, 200]
            assert not any(u.done.is_set() for u in uploads)
            uploads[0].rest.set()
            assert entered.wait(30)  # the first is now being saved, and waits there
            assert _others_answer(base, reader, world.units[A]) == [200, 200]
            assert not any(u.done.is_set() for u in uploads)
        finally:
            for upload in uploads:
                upload.rest.set()
            release.set()
            for thread in threads:
                thread.join(60)
    assert [u.status for u in uploads] == [200, 200], uploads[0].text
