"""uvicorn must not rewrite the client address from X-Forwarded-For (issue 14, low): it
believes the header from any loopback peer by default, so a local client could choose
the address the sign-in limit counts. web.deps.client_of decides, from the setting
THEODOI_TRUSTED_PROXIES."""

from __future__ import annotations

from typing import Any

import pytest

from theodoi.settings import Settings
from theodoi.web import server


def test_one_process_serves_without_proxy_headers(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Any) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(server.uvicorn, "run", lambda app, **kw: seen.update(kw))
    server.serve(Settings(data_dir=tmp_path), "127.0.0.1", 8123, 1)
    assert seen["proxy_headers"] is False


def test_each_worker_process_serves_without_proxy_headers(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    seen: dict[str, Any] = {}

    class Config:
        def __init__(self, app: Any, **kw: Any) -> None:
            seen.update(kw)

    class Server:
        def __init__(self, config: Any) -> None:
            pass

        def run(self, sockets: Any) -> None:
            pass

    monkeypatch.setattr(server.uvicorn, "Config", Config)
    monkeypatch.setattr(server.uvicorn, "Server", Server)
    monkeypatch.setattr(server, "listening_socket", lambda *a, **k: None)
    server._worker("127.0.0.1", 8123)
    assert seen["proxy_headers"] is False


def test_a_bad_trusted_proxy_is_refused_at_start_up_in_vietnamese(tmp_path: Any) -> None:
    with pytest.raises(ValueError, match="không phải địa chỉ IP"):
        Settings(data_dir=tmp_path, trusted_proxies="127.0.0.1, proxy.local")
    assert Settings(data_dir=tmp_path, trusted_proxies="::1, 10.0.0.0/8").trusted_proxies
