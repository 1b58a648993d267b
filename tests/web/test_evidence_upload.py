"""The evidence file of a reported value, through the 'Việc của tôi' form and the API:
a file that is not what it claims, an empty one and an oversized one are refused in
Vietnamese, and nothing is stored — no record, no attachment, no file in the data folder."""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.web.conftest import World
from tests.web.progress_world import implement
from theodoi.services import uow
from theodoi.services.progress import records as progress
from theodoi.storage.models import Attachment

MB = 1024 * 1024
BAD = [
    ("bao-cao.pdf", b"MZ\x90\x00\x03\x00\x00\x00PE\x00\x00", "không phải tệp PDF, DOCX"),
    ("bao-cao.pdf", b"<html><body><script>alert(1)</script></body></html>",
     "không phải tệp PDF, DOCX"),
    ("bao-cao.pdf", b"", "rỗng (0 byte)"),
    ("bao-cao.pdf", b"%PDF-1.4\n" + b"0" * MB, "lớn hơn giới hạn 1 MB"),
]


@pytest.fixture
def agency(world: World, as_user: Any) -> Any:
    implement(as_user, world, validate=False)
    world.settings.max_evidence_mb = 1  # the app reads its settings on every request
    return as_user("donvi")


def _stored(world: World) -> tuple[int, int, list[Path]]:
    with uow.transaction(world.settings) as s:
        records = len(progress.history(s, "t1"))
        files = s.scalar(select(func.count()).select_from(Attachment)) or 0
    folder = world.settings.data_dir
    return records, files, sorted(folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize(("name", "content", "words"), BAD)
def test_a_bad_evidence_file_on_the_form_stores_nothing(world: World, agency: Any,
                                                        name: str, content: bytes,
                                                        words: str) -> None:
    before = _stored(world)
    r = agency.post("/muc/t1/so-lieu", data={"period": "2026", "value": "60"},
                    files={"evidence": (name, content, "application/pdf")},
                    headers={"HX-Request": "true"})
    assert r.status_code == 400 and r.headers["HX-Retarget"] == "#thong-bao"
    shown = html.unescape(r.text)
    assert f"Tệp minh chứng '{name}' {words}" in shown and "Số liệu chưa được ghi." in shown
    assert _stored(world) == before == (0, 0, before[2])


@pytest.mark.parametrize(("name", "content", "words"), BAD)
def test_a_bad_evidence_file_through_the_api_stores_nothing(world: World, agency: Any,
                                                            name: str, content: bytes,
                                                            words: str) -> None:
    before = _stored(world)
    r = agency.post("/api/items/t1/progress", json={
        "period": "2026", "value": "60",
        "evidence": {"name": name, "content_base64": base64.b64encode(content).decode()}})
    assert r.status_code == 400
    assert r.json()["error"]["message"].startswith(f"tệp minh chứng '{name}' {words}")
    assert _stored(world) == before


def test_a_real_pdf_is_kept_with_the_value(world: World, agency: Any) -> None:
    content = b"%PDF-1.4\n" + b"0" * (MB - 100)
    r = agency.post("/muc/t1/so-lieu", data={"period": "2026", "value": "60"},
                    files={"evidence": ("bao-cao.pdf", content, "application/pdf")},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    records, files, _ = _stored(world)
    assert (records, files) == (1, 1)
