"""The app served by uvicorn in a thread of the test, on 127.0.0.1 and a free port: the
event loop, the threadpool and the admission queue of a real server, for tests that
send requests from many threads at once."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn

from tests.web.conftest import PASSWORD


@contextmanager
def served(app: Any, lifespan: str = "off") -> Iterator[str]:
    """Serve `app` until the block ends; yields the base URL. `lifespan="on"` runs the
    app's lifespan (its job runner), as a real server does."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan=lifespan))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def signed_in(base: str, username: str, password: str = PASSWORD,
              timeout: float = 60) -> httpx.Client:
    """A client with its own session, sending the session's CSRF token."""
    client = httpx.Client(base_url=base, timeout=timeout)
    pre = client.get("/api/csrf").json()["csrf_token"]
    r = client.post("/api/login", json={"username": username, "password": password},
                    headers={"X-CSRF-Token": pre})
    assert r.status_code == 200, r.text
    client.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return client
