"""A served process, once warm, moves what it holds for its whole life out of the cyclic
collector's passes (web/app.py `freeze_lifelong`): a full pass, which stops every request
of the process, then traverses only what came after (bench/mixcpu.py: 140 -> 46 ms)."""

from __future__ import annotations

import gc
from pathlib import Path

from fastapi.testclient import TestClient

from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.web.app import create_app


def test_a_warm_app_freezes_what_it_holds_after_one_collection(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'theodoi.db'}"
    db.upgrade(url)
    settings = Settings(database_url=url, data_dir=tmp_path / "data", job_threads=0)
    held = object.__new__(type("Held", (), {}))  # tracked by the collector, alive throughout
    gc.unfreeze()
    try:
        with TestClient(create_app(settings, warm=True)) as client:
            assert gc.get_freeze_count() > 0
            assert not any(o is held for o in gc.get_objects())  # frozen, not traversed
            assert client.get("/healthz").status_code in (200, 503)
    finally:
        gc.unfreeze()


def test_an_app_not_warmed_freezes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'theodoi.db'}"
    db.upgrade(url)
    settings = Settings(database_url=url, data_dir=tmp_path / "data", job_threads=0)
    gc.unfreeze()
    with TestClient(create_app(settings)):
        assert gc.get_freeze_count() == 0
