"""Running it for real: GET /healthz, request ids and one log line per request."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import World, login
from theodoi import logs
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.storage.models import Job, utcnow
from theodoi.web.app import create_app


def _client(url: str, tmp_path: Path) -> TestClient:
    return TestClient(create_app(Settings(database_url=url, data_dir=tmp_path / "data")))


def test_healthz_answers_200_without_sign_in_and_says_only_status_words(
        db_url: str, tmp_path: Path) -> None:
    r = _client(db_url, tmp_path).get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok",
                                                   "worker": "ok"}}  # nothing waits
    assert "set-cookie" not in r.headers and r.headers["cache-control"] == "no-store"


def test_healthz_is_503_when_the_schema_is_not_current(empty_db_url: str,
                                                       tmp_path: Path) -> None:
    db.upgrade(empty_db_url, "0003")
    r = _client(empty_db_url, tmp_path).get("/healthz")
    assert r.status_code == 503
    assert r.json()["checks"] == {"database": "ok", "migrations": "fail",
                                  "worker": "not_configured"}


def test_healthz_is_503_when_the_database_does_not_answer(tmp_path: Path) -> None:
    url = "postgresql+psycopg://theodoi:bi-mat@127.0.0.1:1/theodoi"  # nothing listens
    r = _client(url, tmp_path).get("/healthz")
    assert r.status_code == 503
    assert r.json() == {"status": "fail", "checks": {"database": "fail",
                                                     "migrations": "fail", "worker": "fail"}}
    assert "bi-mat" not in r.text and "127.0.0.1" not in r.text


def test_healthz_fails_when_no_worker_serves_the_queue(db_url: str, tmp_path: Path) -> None:
    """A job waiting longer than THEODOI_JOB_STALE_SECONDS (120) means no worker runs; a
    running job with a fresh heartbeat means one does."""
    client = _client(db_url, tmp_path)  # no lifespan: this app runs no job threads
    with db.session_factory(db_url)() as s:
        job = Job(kind="import_plan", payload={}, created_at=utcnow() - timedelta(minutes=5))
        s.add(job)
        s.commit()
        r = client.get("/healthz")
        assert r.status_code == 503 and r.json()["checks"]["worker"] == "fail"
        job.state, job.heartbeat = "running", utcnow()
        s.commit()
        assert client.get("/healthz").json()["checks"]["worker"] == "ok"
        job.heartbeat = utcnow() - timedelta(minutes=5)  # its worker died mid-job
        s.commit()
        assert client.get("/healthz").status_code == 503


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def request_log() -> Iterator[Collect]:
    handler = Collect()
    logger = logging.getLogger("theodoi.requests")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def test_every_request_gets_an_id_and_one_log_line_with_its_user(
        world: World, request_log: Collect) -> None:
    client = world.client()
    login(client, "vanphong")
    request_log.records.clear()
    r = client.get("/api/me", headers={"X-Request-ID": "proxy-123.a_b"})
    assert r.status_code == 200 and r.headers["x-request-id"] == "proxy-123.a_b"
    (record,) = request_log.records
    fields = logs.fields_of(record)
    assert fields["request_id"] == "proxy-123.a_b"
    assert (fields["method"], fields["path"], fields["status"]) == ("GET", "/api/me", 200)
    with uow.transaction(world.settings) as s:
        assert fields["user_id"] == accounts.get_user(s, "vanphong").id
    assert isinstance(fields["duration_ms"], float) and fields["duration_ms"] >= 0
    assert fields["worker"] == os.getpid()  # the test client serves in this process


def test_an_unsafe_request_id_is_replaced_and_static_files_and_errors_are_logged(
        db_url: str, tmp_path: Path, request_log: Collect) -> None:
    client = _client(db_url, tmp_path)
    forged = "x\" level=error user_id=1"
    r = client.get("/static/khong-co.css", headers={"X-Request-ID": forged})
    rid = r.headers["x-request-id"]
    assert r.status_code == 404 and rid != forged and len(rid) == 32
    r2 = client.get("/api/me")
    assert r2.status_code == 401 and r2.headers["x-request-id"] not in (rid, "")
    got = [(logs.fields_of(x)["path"], logs.fields_of(x)["status"],
            logs.fields_of(x)["user_id"]) for x in request_log.records]
    assert got == [("/static/khong-co.css", 404, None), ("/api/me", 401, None)]


def test_the_json_format_writes_one_object_per_line() -> None:
    record = logging.LogRecord("theodoi.requests", logging.INFO, __file__, 1, "request",
                               None, None)
    record.__dict__.update(request_id="abc", method="GET", path="/x", status=200,
                           duration_ms=1.5, user_id=7)
    line = logs.JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert {k: data[k] for k in ("level", "logger", "message", "request_id", "method",
                                 "path", "status", "duration_ms", "user_id")} == {
        "level": "info", "logger": "theodoi.requests", "message": "request",
        "request_id": "abc", "method": "GET", "path": "/x", "status": 200,
        "duration_ms": 1.5, "user_id": 7}
    text_line = logs.TextFormatter().format(record)
    assert "request request_id=abc method=GET path=/x status=200" in text_line
