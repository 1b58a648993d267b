"""Report downloads from the unit and plan pages and the API: same build as the CLI."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import unquote

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.web.conftest import A, World
from tests.web.test_explanations_pages import activate
from theodoi.reports import pdf
from theodoi.services.report_files import ascii_name


def test_a_docx_and_an_xlsx_download_with_a_vietnamese_file_name(world: World,
                                                                   as_user: Any) -> None:
    activate(as_user("vanphong"), world, A)
    unit = world.units[A]
    reader = as_user("xem")
    r = reader.get(f"/api/units/{unit}/report",
                   params={"kind": "quy", "period": "Q3/2026", "format": "docx"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Bao-cao-quy-III-2026-Xa-An-Binh.docx"')
    utf8 = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(utf8) == "Báo cáo quý III-2026 - Xã An Bình.docx"
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "BÁO CÁO" in text and "Quý III năm 2026" in text
    page = reader.get(f"/don-vi/{unit}/bao-cao", params={"kind": "nam", "period": "2026",
                                                         "format": "xlsx"})
    assert page.status_code == 200
    book = load_workbook(io.BytesIO(page.content))
    assert "Chỉ tiêu" in book.sheetnames
    assert "Bao-cao-nam-2026-Xa-An-Binh.xlsx" in page.headers["content-disposition"]


def test_every_reader_may_download_a_plans_report_and_outsiders_may_not(world: World,
                                                                         as_user: Any) -> None:
    activate(as_user("vanphong"), world, A)
    unit, plan = world.units[A], world.plans[A]
    for user in ("quantri", "lanhdao", "vanphong", "donvi", "xem", "tinh"):
        r = as_user(user).get(f"/don-vi/{unit}/bao-cao", params={
            "kind": "6_thang", "period": "6 tháng 2026", "format": "docx", "plan": plan})
        assert r.status_code == 200, (user, r.text)
        assert f"KH-so-{plan}" in r.headers["content-disposition"]
    outsider = as_user("khac")
    assert outsider.get(f"/api/units/{unit}/report",
                        params={"kind": "nam", "period": "2026"}).status_code == 404
    other_plan = world.plans["Xã Bình Minh"]
    r = as_user("tinh").get(f"/api/units/{unit}/report",
                            params={"kind": "nam", "period": "2026", "plan": other_plan})
    assert r.status_code == 404


def test_bad_choices_and_a_missing_libreoffice_are_told_in_vietnamese(
        world: World, as_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    activate(as_user("vanphong"), world, A)
    unit = world.units[A]
    client = as_user("lanhdao")
    wrong = client.get(f"/api/units/{unit}/report", params={"kind": "quy", "period": "2026"})
    assert wrong.status_code == 400 and "không khớp" in wrong.json()["error"]["message"]
    empty = client.get(f"/don-vi/{unit}/bao-cao", params={"kind": "nam", "period": ""})
    assert empty.status_code == 400 and "Hãy nhập kỳ báo cáo" in empty.text
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    r = client.get(f"/api/units/{unit}/report",
                   params={"kind": "nam", "period": "2026", "format": "pdf"})
    assert r.status_code == 400 and "LibreOffice" in r.json()["error"]["message"]


def test_the_unit_and_plan_pages_offer_the_report_form(world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    unit_page = client.get(f"/don-vi/{world.units[A]}").text
    assert f'action="/don-vi/{world.units[A]}/bao-cao"' in unit_page and "sơ kết" in unit_page
    assert "Tải báo cáo" not in client.get(f"/ke-hoach/{world.plans[A]}").text  # a draft
    activate(client, world, A)
    plan_page = client.get(f"/ke-hoach/{world.plans[A]}").text
    assert f'name="plan" value="{world.plans[A]}"' in plan_page and "Tải XLSX" not in plan_page


@pytest.mark.parametrize(("name", "expected"), [
    ("Báo cáo sơ kết giữa nhiệm kỳ 2025 - 2030 - Thị trấn Cổ Lễ.docx",
     "Bao-cao-so-ket-giua-nhiem-ky-2025-2030-Thi-tran-Co-Le.docx"),
    ("Đảng ủy xã Ngọc Liên.xlsx", "Dang-uy-xa-Ngoc-Lien.xlsx")])
def test_the_ascii_fallback_name(name: str, expected: str) -> None:
    assert ascii_name(name) == expected
