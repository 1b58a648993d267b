"""Local stand-ins for the outside world of the reminder tests: an SMTP server (aiosmtpd)
that keeps what it receives, optionally with STARTTLS and sign-in, and an HTTP server
standing in for the Zalo and SMS gateways. Both listen on 127.0.0.1 only."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Mailbox:
    """What the SMTP server accepted; `refuse` decides per message (index from 0) to
    answer with a temporary failure instead (after calling it, for a kill mid-batch)."""

    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []
        self.seen = 0
        self.refuse: Callable[[int], bool] = lambda _: False

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        index, self.seen = self.seen, self.seen + 1
        if self.refuse(index):
            return "451 4.3.0 thử lại sau"
        mail = message_from_bytes(envelope.content or b"", policy=policy.default)
        assert isinstance(mail, EmailMessage)
        self.mails.append(mail)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.mails if m["To"] == address]


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by the machine's openssl."""
    cert, key = folder / "smtp.pem", folder / "smtp.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


@contextmanager
def smtp_server(tls: tuple[Path, Path] | None = None,
                login: tuple[str, str] | None = None) -> Iterator[tuple[Mailbox, int]]:
    """A running SMTP server: (its mailbox, its port)."""
    import ssl

    box, port = Mailbox(), free_port()
    kw: dict[str, Any] = {}
    if tls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(tls[0]), str(tls[1]))
        kw |= {"tls_context": context, "require_starttls": True}
    if login is not None:
        def check(server: Any, session: Any, envelope: Any, mechanism: str,
                  data: Any) -> AuthResult:
            ok = (data.login.decode(), data.password.decode()) == login
            return AuthResult(success=ok, handled=False)
        kw |= {"authenticator": check, "auth_required": True}
    controller = Controller(box, hostname="127.0.0.1", port=port, **kw)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


class Gateway(ThreadingHTTPServer):
    """The HTTP gateway's requests: (path, headers, JSON body)."""

    calls: list[tuple[str, dict[str, str], dict[str, Any]]]
    status: int = 200


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        assert isinstance(self.server, Gateway)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.calls.append((self.path, dict(self.headers), json.loads(body)))
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def gateway() -> Iterator[Gateway]:
    server = Gateway(("127.0.0.1", 0), _Handler)
    server.calls = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
