"""Report downloads from the unit and plan pages and the API: same build as the CLI."""

from __future__ import annotations

import io
import time
from typing import Any
from urllib.parse import unquote

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.tools import need
from tests.web.conftest import A, World, run_jobs
from tests.web.test_explanations_pages import activate
from theodoi.reports import pdf
from theodoi.services.jobs import report_pdf, runner
from theodoi.services.reporting.report_files import ascii_name, pdf_available
from theodoi.services.uow import transaction

PDF_NAME = "Báo cáo năm 2026 - Xã An Bình.pdf"


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
    assert "BÁO CÁO" in text and "quý III năm 2026" in text
    asked = reader.get(f"/don-vi/{unit}/bao-cao", params={
        "kind": "quy", "period": "Q3/2026", "format": "docx",
        "request": "Công văn số 88/UBND-VP ngày 01/10/2026 của UBND tỉnh"})
    text = [p.text for p in Document(io.BytesIO(asked.content)).paragraphs]
    assert any(t.startswith("Thực hiện Công văn số 88/UBND-VP ngày 01/10/2026 của UBND tỉnh; ")
               for t in text)
    too_long = reader.get(f"/api/units/{unit}/report", params={
        "kind": "quy", "period": "Q3/2026", "request": "x" * 501})
    assert too_long.status_code == 400 and "500 ký tự" in too_long.json()["error"]["message"]
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


def test_bad_choices_are_refused_at_once_and_queue_nothing(world: World,
                                                           as_user: Any) -> None:
    activate(as_user("vanphong"), world, A)
    unit = world.units[A]
    client = as_user("lanhdao")
    for fmt in ("docx", "pdf"):
        wrong = client.get(f"/api/units/{unit}/report",
                           params={"kind": "quy", "period": "2026", "format": fmt})
        assert wrong.status_code == 400 and "không khớp" in wrong.json()["error"]["message"]
        empty = client.get(f"/don-vi/{unit}/bao-cao",
                           params={"kind": "nam", "period": "", "format": fmt})
        assert empty.status_code == 400 and "Hãy nhập kỳ báo cáo" in empty.text
    unknown = client.get(f"/api/units/{unit}/report",
                         params={"kind": "thang", "period": "2026", "format": "pdf"})
    assert unknown.status_code == 400 and "thang" in unknown.json()["error"]["message"]
    outsider = as_user("khac").get(f"/api/units/{unit}/report",
                                   params={"kind": "nam", "period": "2026", "format": "pdf"})
    assert outsider.status_code == 404
    assert run_jobs(world.settings) == 0


def test_without_libreoffice_the_pdf_job_fails_with_the_reason_in_vietnamese(
        world: World, as_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    activate(as_user("vanphong"), world, A)
    monkeypatch.setattr(pdf.lo, "find", lambda: None)
    with pytest.raises(pdf.PdfUnavailable) as missing:
        pdf.soffice()
    client = as_user("lanhdao")
    r = client.get(f"/api/units/{world.units[A]}/report",
                   params={"kind": "nam", "period": "2026", "format": "pdf"})
    assert r.status_code == 202, r.text
    job = r.json()
    assert r.headers["location"] == job["url"] == f"/api/jobs/{job['id']}"
    assert (job["kind"], job["state"], job["filename"]) == ("report_pdf", "queued", PDF_NAME)
    assert run_jobs(world.settings) == 1
    failed = client.get(job["url"]).json()
    assert (failed["state"], failed["error"]) == ("failed", missing.value.render())
    assert "LibreOffice" in failed["error"] and failed["file_url"] is None
    page = client.get(job["page"]).text
    assert "Không tạo được PDF" in page and "libreoffice-writer" in page
    assert f"/tac-vu/{job['id']}/tep" not in page
    assert client.get(f"{job['url']}/file").status_code == 404
    assert client.get(f"/tac-vu/{job['id']}/tep").status_code == 404
    assert not (world.settings.data_dir / report_pdf.FOLDER).exists() \
        or not any((world.settings.data_dir / report_pdf.FOLDER).iterdir())


def _pdf_download(r: Any) -> None:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Bao-cao-nam-2026-Xa-An-Binh.pdf"')
    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == PDF_NAME


def test_a_pdf_is_made_by_a_job_then_downloaded_by_who_may_read_it(world: World,
                                                                   as_user: Any) -> None:
    need(None if pdf_available() else "LibreOffice (soffice) is not installed", "LibreOffice")
    activate(as_user("vanphong"), world, A)
    unit = world.units[A]
    reader = as_user("xem")
    asked = reader.get(f"/don-vi/{unit}/bao-cao", follow_redirects=False,
                       params={"kind": "nam", "period": "2026", "format": "pdf"})
    assert asked.status_code == 303
    page_url = asked.headers["location"]
    job_id = int(page_url.rsplit("/", 1)[1])
    assert page_url == f"/tac-vu/{job_id}"
    waiting = reader.get(page_url).text
    assert "Tạo PDF báo cáo" in waiting and "đang chờ" in waiting and PDF_NAME in waiting
    assert reader.get(f"{page_url}/tep").status_code == 404  # not made yet
    api = reader.get(f"/api/units/{unit}/report",
                     params={"kind": "nam", "period": "2026", "format": "pdf"})
    assert api.status_code == 202
    assert run_jobs(world.settings) == 2
    done = reader.get(f"/api/jobs/{job_id}").json()
    assert (done["state"], done["result"]["filename"]) == ("done", PDF_NAME)
    assert done["file_page"] == f"{page_url}/tep"
    assert done["file_url"] == f"/api/jobs/{job_id}/file"
    assert f'href="{page_url}/tep"' in reader.get(page_url).text
    _pdf_download(reader.get(f"{page_url}/tep"))
    _pdf_download(reader.get(api.json()["url"] + "/file"))
    _pdf_download(as_user("tinh").get(done["file_url"]))  # the province reads the commune
    outsider = as_user("khac")
    assert outsider.get(done["file_url"]).status_code == 404
    assert outsider.get(f"{page_url}/tep").status_code == 404
    assert reader.get("/api/jobs/999999/file").status_code == 404


def test_the_sweep_removes_a_stored_pdf_after_a_day_or_when_no_job_names_it(
        world: World, as_user: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    activate(as_user("vanphong"), world, A)
    monkeypatch.setattr(report_pdf.reporting, "render", lambda _report, _fmt: b"%PDF-1.7 x")
    client = as_user("lanhdao")
    job = client.get(f"/api/units/{world.units[A]}/report",
                     params={"kind": "nam", "period": "2026", "format": "pdf"}).json()
    run_jobs(world.settings)
    done = client.get(job["url"]).json()
    folder = world.settings.data_dir / report_pdf.FOLDER
    stored = folder / done["result"]["file"]
    assert stored.read_bytes() == b"%PDF-1.7 x"
    assert client.get(done["file_url"]).content == b"%PDF-1.7 x"
    stray = folder / "left-by-a-removed-job.pdf"
    stray.write_bytes(b"%PDF")
    hour_later = time.time() + runner.SWEEP_AFTER.total_seconds() + 60
    with transaction(world.settings) as s:
        assert report_pdf.sweep(s, world.settings, runner.SWEEP_AFTER, time.time()) == []
        assert report_pdf.sweep(s, world.settings, runner.SWEEP_AFTER, hour_later) \
            == [stray.name]
    assert stored.exists() and not stray.exists()
    day_later = time.time() + report_pdf.KEEP.total_seconds() + 60
    with transaction(world.settings) as s:
        assert report_pdf.sweep(s, world.settings, runner.SWEEP_AFTER, day_later) \
            == [stored.name]
    r = client.get(done["file_url"])
    assert r.status_code == 404 and "hãy tạo lại" in r.json()["error"]["message"]


def test_the_unit_and_plan_pages_offer_the_report_form(world: World, as_user: Any) -> None:
    client = as_user("vanphong")
    unit_page = client.get(f"/don-vi/{world.units[A]}").text
    assert f'action="/don-vi/{world.units[A]}/bao-cao"' in unit_page and "sơ kết" in unit_page
    assert 'name="request"' in unit_page and "Văn bản yêu cầu báo cáo" in unit_page
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
