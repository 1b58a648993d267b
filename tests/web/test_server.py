"""`theodoi serve`: how many processes, and the shared socket's connections sent without
Nagle's delay (uvicorn's own --workers socket left every kept-alive response ~40 ms late)."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import pytest

from theodoi.cli import user as cli_user
from theodoi.domain.errors import BadInput
from theodoi.settings import Settings
from theodoi.web import server


def test_connections_accepted_on_the_shared_socket_have_no_nagle_delay() -> None:
    sock = server.listening_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    seen: list[int] = []

    async def main() -> None:
        def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            raw = writer.get_extra_info("socket")
            seen.append(raw.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        listening = await asyncio.start_server(accepted, sock=sock)
        async with listening:
            _r, w = await asyncio.open_connection("127.0.0.1", port)
            for _ in range(50):
                if seen:
                    break
                await asyncio.sleep(0.01)
            w.close()

    asyncio.run(main())
    assert seen and seen[0] != 0


def test_zero_workers_means_one_per_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_user.os, "cpu_count", lambda: 6)
    assert (cli_user.worker_count(0), cli_user.worker_count(3)) == (6, 3)
    monkeypatch.setattr(cli_user.os, "cpu_count", lambda: None)
    assert cli_user.worker_count(0) == 1


def test_several_workers_read_the_same_database_from_the_environment(
        db_url: str, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[tuple[str, int, int]] = []
    monkeypatch.setattr(server, "serve",
                        lambda _settings, host, port, workers: served.append((host, port,
                                                                                workers)))
    monkeypatch.setenv("THEODOI_DATABASE_URL", "sqlite:///elsewhere.db")  # restored after
    monkeypatch.setenv("THEODOI_DATA_DIR", "elsewhere")
    settings = Settings(database_url=db_url, data_dir=tmp_path)
    cli_user.run_server(settings, "127.0.0.1", 8123, workers=2)
    assert served == [("127.0.0.1", 8123, 2)]
    import os

    assert os.environ["THEODOI_DATABASE_URL"] == db_url
    assert os.environ["THEODOI_DATA_DIR"] == str(tmp_path)


def test_each_worker_listens_on_its_own_socket_of_the_same_port() -> None:
    first = server.listening_socket("127.0.0.1", 0, reuse_port=True)
    port = first.getsockname()[1]
    second = server.listening_socket("127.0.0.1", port, reuse_port=True)
    try:
        first.listen()
        second.listen()
        assert second.getsockname()[1] == port
        with pytest.raises(BadInput, match="không mở được cổng"):  # refused at once
            server.serve(Settings(), "127.0.0.1", port, 2)
    finally:
        first.close()
        second.close()


def test_the_server_takes_the_c_http_parser_and_event_loop() -> None:
    """What `theodoi serve` gets from uvicorn's "auto" choices once the project's pinned
    dependencies are installed: httptools' parser and (but on Windows) uvloop's loop."""
    import sys

    from uvicorn.loops.auto import auto_loop_factory
    from uvicorn.protocols.http.auto import AutoHTTPProtocol
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    assert AutoHTTPProtocol is HttpToolsProtocol
    loop = auto_loop_factory()()
    try:
        expected = "asyncio" if sys.platform == "win32" else "uvloop"
        assert type(loop).__module__.split(".")[0] == expected
    finally:
        loop.close()
