"""Uploading hostile and broken files (bombs, mutated plans) keeps the server up and stores
nothing: each answer is a 400 with a Vietnamese message, no plan row and no stored file."""

from __future__ import annotations

import random
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.extraction import fuzzing as F
from tests.web.conftest import A, World
from theodoi.extraction.readers import soffice
from theodoi.services import uow
from theodoi.storage.models import Plan, SourceFile

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


def test_bad_files_are_refused_in_vietnamese_and_nothing_is_stored(
        world: World, as_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(soffice, "find", lambda: None)  # DOC/ODT mutants: refused quickly
    client = as_user("vanphong")
    before = _stored(world)
    for name, data in [*BAD, *_mutated_bad(5)]:
        page = client.post(f"/don-vi/{world.units[A]}/tai-len",
                           files={"file": (name, data, "application/octet-stream")})
        assert page.status_code == 400, (name, page.status_code)
        assert "text/html" in page.headers["content-type"] and name in page.text
        api = client.post(f"/api/units/{world.units[A]}/plans",
                          files={"file": (name, data, "application/octet-stream")})
        assert api.status_code == 400, (name, api.text)
        message = api.json()["error"]["message"]
        assert message.startswith(name) and any(ch in message for ch in "ệạảốờổ")
    assert _stored(world) == before
    assert client.get("/").status_code == 200  # the server is still up and answering
    assert client.get(f"/api/units/{world.units[A]}").status_code == 200


def test_a_bomb_stored_before_the_limits_leaves_its_review_page_usable(
        world: World, as_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from theodoi.services import review_view

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
