"""Uploading hostile and broken files (bombs, mutated plans) keeps the server up and stores
nothing. An upload is read by a job (services/jobs): what the quick checks at upload see
(a file that is no document at all) answers 400 at once; the rest is queued and its job
fails with a Vietnamese message naming the file, leaving no plan row and no stored file."""

from __future__ import annotations

import random
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.extraction import fuzzing as F
from tests.web.conftest import A, World, run_jobs
from theodoi.services import uow
from theodoi.storage.models import Plan, SourceFile
from theodoi.tools import soffice

CRAFTED = dict(F.crafted())
BAD = [(name, CRAFTED[name]) for name in ("lying-sizes.docx", "laughs.docx", "deep.docx",
                                          "many-pages.pdf", "content-bomb.pdf")]


def _mutated_bad(count: int) -> list[tuple[str, bytes]]:
    """The first `count` mutated seeds (fixed seed) that the readers refuse."""
    from theodoi.domain.errors import BadInput
    from theodoi.extraction import read_source

    found = []
    for name, data in F.mutated(random.Random(7), 200):
        try:
            read_source(data, name, memory_mb=0)
        except BadInput:
            found.append((name, data))
            if len(found) == count:
                break
    return found


def _stored(world: World) -> tuple[int, int]:
    with uow.transaction(world.settings) as s:
        return (s.scalar(select(func.count()).select_from(Plan)) or 0,
                s.scalar(select(func.count()).select_from(SourceFile)) or 0)


def _submit(client: Any, url: str, name: str, data: bytes) -> str:
    """The refusal at upload (400), else the URL of the queued job (202)."""
    r = client.post(url, files={"file": (name, data, "application/octet-stream")})
    if r.status_code == 400:
        return str(r.json()["error"]["message"])
    assert r.status_code == 202, (name, r.status_code, r.text)
    return str(r.json()["url"])


def test_bad_files_are_refused_in_vietnamese_and_nothing_is_stored(
        world: World, as_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(soffice, "find", lambda: None)  # DOC/ODT mutants: refused quickly
    client = as_user("vanphong")
    before = _stored(world)
    url = f"/api/units/{world.units[A]}/plans"
    answers = {name: _submit(client, url, name, data)
               for name, data in [*BAD, *_mutated_bad(5)]}
    run_jobs(world.settings)
    for name, answer in answers.items():
        if answer.startswith("/api/jobs/"):
            job = client.get(answer).json()
            assert job["state"] == "failed", (name, job)
            answer = job["error"]
        assert name in answer and any(ch in answer for ch in "ệạảốờổ"), (name, answer)
    page = client.post(f"/don-vi/{world.units[A]}/tai-len",
                       files={"file": ("lying-sizes.docx", CRAFTED["lying-sizes.docx"], "x")})
    run_jobs(world.settings)
    assert page.status_code == 200 and "/tac-vu/" in str(page.url)
    assert 'data-state="failed"' in client.get(str(page.url)).text
    assert _stored(world) == before
    assert client.get("/").status_code == 200  # the server is still up and answering
    assert client.get(f"/api/units/{world.units[A]}").status_code == 200


def test_a_bomb_stored_before_the_limits_leaves_its_review_page_usable(
        world: World, as_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from theodoi.services.views import review_view

    plan_id = world.plans[A]
    with uow.transaction(world.settings) as s:
        sha = s.get(Plan, plan_id).source_sha256
        stored = s.scalars(select(SourceFile).where(SourceFile.sha256 == sha)).one()
        stored.content, stored.name = CRAFTED["content-bomb.pdf"], "cu.pdf"
    reads: list[str] = []
    real = review_view.read_source

    def counted(*args: Any, **kwargs: Any) -> Any:
        reads.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(review_view, "read_source", counted)
    monkeypatch.setattr(review_view, "_TEXTS", {})
    client = as_user("vanphong")
    for _ in range(2):
        page = client.get(f"/ke-hoach/{plan_id}")
        assert page.status_code == 200 and 'id="nguon-' not in page.text
        assert client.get(f"/api/plans/{plan_id}/review").status_code == 200
    assert reads == ["cu.pdf"]  # refused once, not re-read at every opening
