"""The reward dossier page /doi-tuong/N/ho-so and its JSON twins (issue 21 item 4): the
office proposes Phòng Kinh tế's participation for a reward, the agency uploads a paper,
the page shows what is still missing and gives the báo cáo thành tích as a DOCX; a
reader sees the checklist without forms; another agency does not find it."""

from __future__ import annotations

import base64
import io
from typing import Any

from docx import Document

from tests.web.conftest import A, World

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _form(client: Any, path: str, files: Any = None, **fields: str) -> Any:
    token = client.headers["X-CSRF-Token"]
    return client.post(path, data={"csrf_token": token, **fields}, files=files,
                       follow_redirects=False, headers={"X-CSRF-Token": ""})


def _participant(world: World, office: Any, agency: str = "Phòng Kinh tế") -> int:
    """A movement typed in by hand (so the usual four papers of Decree 98) with `agency`."""
    m = office.post(f"/api/units/{world.units[A]}/movements",
                    json={"name": "Phong trào thi đua CCHC năm 2026"}).json()
    office.put(f"/api/movements/{m['id']}", json={"version": m["version"],
                                                  "changes": {"deadline": "10/11/2026"}})
    m = office.get(f"/api/movements/{m['id']}").json()
    agencies = office.get(f"/api/units/{world.units[A]}/agencies").json()["agencies"]
    found = next(a["id"] for a in agencies if a["name"] == agency)
    part = office.post(f"/api/movements/{m['id']}/participants",
                       json={"version": m["version"], "kind": "agency", "agency_id": found})
    return int(part.json()["id"])


def test_office_opens_agency_uploads_page_shows_missing(world: World, as_user: Any) -> None:
    office, agency = as_user("vanphong"), as_user("donvi")
    x = _participant(world, office)
    page = office.get(f"/doi-tuong/{x}/ho-so?ngay=2026-11-03").text
    assert "Chưa được đề nghị khen thưởng" in page and "còn 7 ngày" in page
    assert "Đề nghị khen thưởng, mở hồ sơ" in page
    assert "Đề nghị khen thưởng, mở hồ sơ" not in agency.get(f"/doi-tuong/{x}/ho-so").text
    assert _form(agency, f"/doi-tuong/{x}/ho-so", reward_form="giay_khen").status_code == 403
    r = _form(office, f"/doi-tuong/{x}/ho-so", reward_form="giay_khen")
    assert r.status_code == 303 and r.headers["location"].startswith(f"/doi-tuong/{x}/ho-so")
    r = _form(agency, f"/doi-tuong/{x}/ho-so/2", files={
        "file": ("bien-ban-binh-xet.pdf", PDF, "application/pdf")})
    assert r.status_code == 303
    page = agency.get(f"/doi-tuong/{x}/ho-so?ngay=2026-11-12").text
    assert "Còn thiếu 2 mục." in page and "quá hạn 2 ngày" in page
    assert "bien-ban-binh-xet.pdf" in page and "Giấy khen" in page
    view = agency.get(f"/api/participants/{x}/dossier").json()
    assert [i["state"] for i in view["papers"]] == ["missing", "present", "produced", "missing"]
    got = agency.get(view["papers"][1]["files"][0]["url"])
    assert got.status_code == 200 and got.content == PDF
    assert "Hồ sơ khen thưởng, báo cáo thành tích" in office.get(
        f"/thi-dua/{view['movement']['id']}").text


def test_api_upload_and_bad_file(world: World, as_user: Any) -> None:
    office = as_user("vanphong")
    x = _participant(world, office)
    assert office.post(f"/api/participants/{x}/dossier", json={}).status_code == 201
    bad = office.post(f"/api/participants/{x}/dossier/papers/1",
                      json={"name": "to-trinh.pdf",
                            "content_base64": base64.b64encode(b"<html>").decode()})
    assert bad.status_code == 400 and "Hồ sơ chưa được ghi." in bad.json()["error"]["message"]
    ok = office.post(f"/api/participants/{x}/dossier/papers/1",
                     json={"name": "to-trinh.pdf",
                           "content_base64": base64.b64encode(PDF).decode()})
    assert ok.status_code == 201 and ok.json()["missing"] == 2
    assert office.post(f"/api/participants/{x}/dossier/papers/9",
                       json={"name": "a.pdf", "content_base64": base64.b64encode(PDF)
                             .decode()}).status_code == 400


def test_achievement_report_downloads_as_docx(world: World, as_user: Any) -> None:
    office = as_user("vanphong")
    x = _participant(world, office)
    for path in (f"/doi-tuong/{x}/bao-cao-thanh-tich.docx?ngay=01/10/2026",
                 f"/api/participants/{x}/achievement-report?as_of=2026-10-01"):
        r = office.get(path)
        assert r.status_code == 200 and r.headers["content-type"] == DOCX
        assert "bao-cao-thanh-tich-phong-kinh-te-2026-10-01.docx" in r.headers[
            "content-disposition"]
        text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
        assert "Tên tập thể: Phòng Kinh tế" in text


def test_reader_sees_no_form_other_agency_gets_404(world: World, as_user: Any) -> None:
    office = as_user("vanphong")
    x = _participant(world, office)
    office.post(f"/api/participants/{x}/dossier", json={"reward_form": "giay_khen"})
    page = as_user("xem").get(f"/doi-tuong/{x}/ho-so").text
    assert "Còn thiếu 3 mục." in page and "Nộp tệp" not in page
    y = _participant(world, office, "Phòng Văn hóa - Xã hội")
    agency = as_user("donvi")
    assert agency.get(f"/doi-tuong/{y}/ho-so").status_code == 404
    assert agency.get(f"/doi-tuong/{y}/bao-cao-thanh-tich.docx").status_code == 404
    assert as_user("khac").get(f"/api/participants/{x}/dossier").status_code == 404


def test_dashboard_shows_the_deadline_to_office_and_leaders(world: World,
                                                            as_user: Any) -> None:
    """Deadline 10/11/2026: 9 days left on 01/11, overdue 2 days on 12/11 while Phòng
    Kinh tế's dossier misses papers; an agency user and a reader are not shown it."""
    office = as_user("vanphong")
    x = _participant(world, office)
    unit = world.units[A]
    page = office.get(f"/don-vi/{unit}/tong-quan?ngay=01/11/2026").text
    assert "Hạn nộp hồ sơ thi đua, khen thưởng" in page
    assert "Phong trào thi đua CCHC năm 2026</a> — trước ngày 10/11/2026" in page
    assert "còn 9 ngày" in page
    # past the day with no dossier opened, nothing is left to chase
    assert "Hạn nộp hồ sơ thi đua" not in office.get(
        f"/don-vi/{unit}/tong-quan?ngay=12/11/2026").text
    office.post(f"/api/participants/{x}/dossier", json={})
    leader = as_user("lanhdao")
    page = leader.get(f"/don-vi/{unit}/tong-quan?ngay=12/11/2026").text
    assert "quá hạn 2 ngày" in page and "1 hồ sơ còn thiếu giấy tờ" in page
    [d] = leader.get(f"/api/units/{unit}/dashboard?as_of=2026-11-12").json()[
        "movement_deadlines"]
    assert (d["date"], d["code"], d["days"], d["incomplete"]) == ("2026-11-10",
                                                                  "qua_han", 2, 1)
    for who in ("donvi", "xem"):
        assert "Hạn nộp hồ sơ thi đua" not in as_user(who).get(
            f"/don-vi/{unit}/tong-quan?ngay=01/11/2026").text
        assert as_user(who).get(f"/api/units/{unit}/dashboard?as_of=2026-11-01").json()[
            "movement_deadlines"] == []


def test_dashboard_tag_changes_with_the_deadline(world: World, as_user: Any) -> None:
    """Movements are on no data stamp: a changed deadline must not be answered 304."""
    office = as_user("vanphong")
    _participant(world, office)
    path = f"/don-vi/{world.units[A]}/tong-quan?ngay=01/11/2026"
    first = office.get(path)
    m = office.get(f"/api/units/{world.units[A]}/movements").json()["movements"][0]
    version = office.get(f"/api/movements/{m['id']}").json()["version"]
    office.put(f"/api/movements/{m['id']}", json={"version": version,
                                                  "changes": {"deadline": "20/11/2026"}})
    again = office.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 200 and "còn 19 ngày" in again.text
