"""Stored files open for whoever may read their item: a value's evidence and a task's
product file, with their name and type kept (PDF and images shown in place, office files
saved), a Vietnamese name safe in the header, and nothing for anyone else (404, the same
words as an id that does not exist)."""

from __future__ import annotations

import base64
import html
import re
from typing import Any

import pytest

from tests.conftest import FIXTURES
from tests.web.conftest import World
from tests.web.progress_world import implement

PDF = (FIXTURES / "fixtures" / "ke-hoach-ubnd.pdf").read_bytes()
DOCX = (FIXTURES / "fixtures" / "ke-hoach-ubnd.docx").read_bytes()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.fixture
def agency(world: World, as_user: Any) -> Any:
    implement(as_user, world, validate=False)
    return as_user("donvi")


def _file_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'href="/tep/(\d+)"', page)]


def _value_with(client: Any, name: str, content: bytes, media: str) -> int:
    r = client.post("/muc/t1/so-lieu", data={"period": "2026", "value": "60"},
                    files={"evidence": (name, content, media)}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return _file_ids(client.get("/chi-tieu/t1").text)[0]


def test_a_pdf_with_a_vietnamese_name_opens_in_place(agency: Any) -> None:
    file_id = _value_with(agency, "Báo cáo quý I.pdf", PDF, "application/pdf")
    r = agency.get(f"/tep/{file_id}")
    assert r.status_code == 200 and r.content == PDF
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == (
        "inline; filename=\"Bao-cao-quy-I.pdf\"; "
        "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20I.pdf")
    assert r.headers["x-content-type-options"] == "nosniff"


def test_an_office_file_is_saved_not_shown(agency: Any) -> None:
    file_id = _value_with(agency, "bien-ban.docx", DOCX, "application/octet-stream")
    r = agency.get(f"/api/files/{file_id}")
    assert r.status_code == 200 and r.content == DOCX
    assert r.headers["content-type"] == ("application/vnd.openxmlformats-officedocument."
                                         "wordprocessingml.document")
    assert r.headers["content-disposition"].startswith('attachment; filename="bien-ban.docx"')


def test_the_target_page_lists_the_file_with_who_and_when(agency: Any) -> None:
    file_id = _value_with(agency, "Ảnh hiện trường.png", PNG, "image/png")
    page = html.unescape(agency.get("/chi-tieu/t1").text)
    listed = page[page.index("Tệp minh chứng và sản phẩm"):]
    assert f'<a href="/tep/{file_id}"' in listed and "Ảnh hiện trường.png" in listed
    assert "— donvi," in listed and "(Năm 2026)" in listed
    shown = agency.get(f"/tep/{file_id}")
    assert shown.headers["content-disposition"].startswith("inline;")


def test_a_task_update_carries_its_product_file(agency: Any) -> None:
    r = agency.post("/muc/k1/tien-do", data={"state": "hoan_thanh",
                                             "product": "Kế hoạch đã ký"},
                    files={"evidence": ("Kế hoạch đã ký.pdf", PDF, "application/pdf")},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    page = html.unescape(agency.get("/nhiem-vu/k1").text)
    file_id = _file_ids(page)[0]
    assert "Kế hoạch đã ký.pdf" in page[page.index("Tệp minh chứng và sản phẩm"):]
    assert agency.get(f"/tep/{file_id}").content == PDF


def test_a_task_update_through_the_api_carries_a_file_and_refuses_a_bad_one(
        agency: Any) -> None:
    bad = agency.post("/api/items/k1/update", json={
        "state": "hoan_thanh", "evidence": {"name": "san-pham.pdf",
                                            "content_base64": base64.b64encode(b"MZ").decode()}})
    assert bad.status_code == 400
    assert bad.json()["error"]["message"].endswith("Tiến độ chưa được ghi.")
    assert agency.get("/api/items/k1").json()["history"] == []
    good = agency.post("/api/items/k1/update", json={
        "state": "hoan_thanh", "evidence": {"name": "san-pham.pdf",
                                            "content_base64": base64.b64encode(PDF).decode()}})
    assert good.status_code == 201, good.text
    row = good.json()
    assert row["evidence"] == "san-pham.pdf"
    assert agency.get(f"/api/files/{row['evidence_id']}").content == PDF


def test_nobody_outside_the_item_reaches_its_file(world: World, agency: Any,
                                                  as_user: Any) -> None:
    office = as_user("vanphong")  # records on k2, which Phòng VH-XH leads
    r = office.post("/muc/k2/tien-do", data={"state": "dang_thuc_hien"},
                    files={"evidence": ("bien-ban.pdf", PDF, "application/pdf")},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    file_id = _file_ids(office.get("/nhiem-vu/k2").text)[0]
    assert as_user("xem").get(f"/tep/{file_id}").status_code == 200
    for client in (agency, as_user("khac")):  # another agency, another commune
        hidden = client.get(f"/api/files/{file_id}")
        missing = client.get("/api/files/999999")
        assert hidden.status_code == missing.status_code == 404
        assert hidden.json()["error"]["message"] == f"không có tệp số {file_id}."
        assert client.get(f"/tep/{file_id}").status_code == 404
