"""Running the web app under uvicorn, in one process or several.

Several processes share one listening socket made here rather than by uvicorn: uvicorn's
own (`--workers`) is created without naming the TCP protocol, so asyncio does not set
TCP_NODELAY on the connections it accepts, and every response of a kept-alive connection
then waited ~40 ms for the client's delayed acknowledgement (measured: a static file
44 ms with uvicorn's socket, 1-2 ms with this one).
"""

from __future__ import annotations

import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

from theodoi.settings import Settings
from theodoi.web.app import create_app

FACTORY = "theodoi.web.app:create_app"  # what each worker process builds the app from


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound TCP socket the worker processes inherit."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def serve(settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve until stopped. One worker runs in this process with `settings`; several are
    processes that read their settings from the environment (the caller puts them there)."""
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
        return
    config = uvicorn.Config(FACTORY, factory=True, host=host, port=port, workers=workers,
                            log_level="warning")
    Multiprocess(config, sockets=[listening_socket(host, port)]).run()
