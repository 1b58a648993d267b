"""Reward dossiers and the báo cáo thành tích (issue 21 item 4) on both databases: sample
002's movement in Thị trấn Cổ Lễ with the v1 plan's items; Phòng Kinh tế leads the income
target (90 triệu đồng/năm by 2030) and the public-investment task (Quý III/2026); Phòng
VH-XH the poverty and health-insurance targets and the tourism task (Quý IV/2027).
Expected values are read from the documents by hand."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from docx import Document

from tests.services.conftest import SAMPLES, load
from tests.services.progress_setup import active_v1
from theodoi.domain.access import Grant
from theodoi.domain.errors import BadInput, Conflict, FieldError, Forbidden, NotFound
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import (
    achievements,
    council,
    dossier,
    evaluation,
    members,
    movements,
)
from theodoi.services.history import audit
from theodoi.services.progress import records
from theodoi.services.register import agencies, units

CO_LE = "Thị trấn Cổ Lễ"
S002 = SAMPLES / "002_d2b9d9a47977116e.txt"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
MAX = 1 << 20
DAY = date(2026, 10, 1)


class Town:
    """Sample 002 and plan v1 in Cổ Lễ; the movement with Phòng Kinh tế and Phòng VH-XH."""

    def __init__(self, s: Any) -> None:
        self.refs = active_v1(s, CO_LE)
        plan = load(s, S002, CO_LE).plan_id
        unit = units.find(s, CO_LE)
        self.unit = unit.id
        kt = agencies.resolve(s, unit, "Phòng Kinh tế").id  # type: ignore[union-attr]
        vh = agencies.resolve(s, unit, "Phòng VH-XH").id  # type: ignore[union-attr]
        office = accounts.create_user(s, "vanphong", "mat-khau-du-dai-1")
        kinh_te = accounts.create_user(s, "kinhte", "mat-khau-du-dai-1")
        self.office = Principal(office.id, "vanphong", "Văn phòng",
                                (Grant(self.unit, "van_phong"),))
        self.kinh_te = Principal(kinh_te.id, "kinhte", "Phòng Kinh tế",
                                 (Grant(self.unit, "don_vi", kt),))
        self.other = Principal(kinh_te.id + 1000, "vhxh", "Phòng VH-XH",
                               (Grant(self.unit, "don_vi", vh),))
        offer = movements.proposals(s, self.office, self.unit)[0]
        m = movements.create_from_plan(s, self.office, plan, offer["version"])
        self.movement = m["id"]
        a = members.add_participant(s, self.office, m["id"], m["version"],
                                    {"kind": "agency", "agency_id": kt})
        m = movements.get(s, self.office, m["id"])
        b = members.add_participant(s, self.office, m["id"], m["version"],
                                    {"kind": "agency", "agency_id": vh})
        self.kt, self.vh = a["id"], b["id"]


@pytest.fixture
def town(session: Any) -> Town:
    return Town(session)


def test_checklist_from_the_movements_dossier_list(session: Any, town: Town) -> None:
    """Sample 002 names four papers; before a dossier is opened nothing can be uploaded;
    once opened, the achievement report is produced by theodoi and three are missing."""
    view = dossier.page(session, town.office, town.kt, DAY)
    assert [x["kind"] for x in view["papers"]] == [
        "proposal", "review_minutes", "achievement_report", "council_minutes"]
    assert view["papers"][1]["text"] == "Biên bản bình xét khen thưởng"
    assert view["dossier"] is None and view["can_open"] and not view["can_upload"]
    with pytest.raises(BadInput, match="chưa được đề nghị khen thưởng"):
        dossier.upload(session, town.office, town.kt, 0, "to-trinh.pdf", PDF, max_bytes=MAX,
                       as_of=DAY)
    with pytest.raises(Forbidden):
        dossier.open_dossier(session, town.kinh_te, town.kt, "giay_khen", DAY)
    view = dossier.open_dossier(session, town.office, town.kt, "giay_khen", DAY)
    assert view["dossier"]["reward_label"] == "Giấy khen"
    assert [x["state"] for x in view["papers"]] == ["missing", "missing", "produced", "missing"]
    assert view["missing"] == 3 and not view["complete"]
    with pytest.raises(Conflict):
        dossier.open_dossier(session, town.office, town.kt, None, DAY)
    with pytest.raises(FieldError):
        dossier.open_dossier(session, town.office, town.vh, "huy_chuong_vang", DAY)


def test_upload_by_the_participant_fills_its_item(session: Any, town: Town) -> None:
    dossier.open_dossier(session, town.office, town.kt, None, DAY)
    view = dossier.upload(session, town.kinh_te, town.kt, 1, "bien-ban-binh-xet.pdf", PDF,
                          max_bytes=MAX, as_of=DAY)
    item = view["papers"][1]
    assert item["state"] == "present" and item["files"][0]["name"] == "bien-ban-binh-xet.pdf"
    assert item["files"][0]["by"] == "Phòng Kinh tế" and view["missing"] == 2
    got = dossier.stored(session, town.kinh_te, item["files"][0]["id"])
    assert got.content == PDF and got.media_type == "application/pdf"
    for i in (0, 3):
        view = dossier.upload(session, town.office, town.kt, i, f"giay-{i}.pdf", PDF,
                              max_bytes=MAX, as_of=DAY)
    assert view["complete"] and view["missing"] == 0
    fields = [e.field for e in audit.history(session, "reward_dossier", view["dossier"]["id"])]
    assert sorted(fields) == ["created", "item_1", "item_2", "item_4"]


def test_bad_uploads_store_nothing(session: Any, town: Town) -> None:
    dossier.open_dossier(session, town.office, town.kt, None, DAY)
    with pytest.raises(BadInput, match="không phải tệp"):
        dossier.upload(session, town.office, town.kt, 0, "to-trinh.pdf", b"<html>",
                       max_bytes=MAX, as_of=DAY)
    with pytest.raises(FieldError, match="không có mục số 5"):
        dossier.upload(session, town.office, town.kt, 4, "a.pdf", PDF, max_bytes=MAX,
                       as_of=DAY)
    with pytest.raises(NotFound):  # another agency does not even see the participant
        dossier.upload(session, town.other, town.kt, 0, "a.pdf", PDF, max_bytes=MAX,
                       as_of=DAY)
    view = dossier.page(session, town.office, town.kt, DAY)
    assert view["missing"] == 3 and all(not x["files"] for x in view["papers"])


def test_deadline_stands_as_days_left_or_overdue(session: Any, town: Town) -> None:
    """Sample 002: "trước ngày 10/11/2024"."""
    assert dossier.page(session, town.office, town.kt, date(2024, 11, 3))["deadline"][
        "words"] == "còn 7 ngày"
    assert dossier.page(session, town.office, town.kt, date(2024, 11, 10))["deadline"][
        "code"] == "hom_nay"
    late = dossier.page(session, town.office, town.kt, date(2024, 11, 13))["deadline"]
    assert (late["code"], late["words"]) == ("qua_han", "quá hạn 3 ngày")


def _docx_text(content: bytes) -> tuple[str, list[list[str]]]:
    doc = Document(io.BytesIO(content))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    return paragraphs, rows


def test_achievement_report_numbers_match_the_register(session: Any, town: Town) -> None:
    """Phòng Kinh tế on 01/10/2026: income 95 triệu in Q3 against 90 planned; the
    public-investment plan done on 15/09/2026, before its Quý III/2026 deadline; the
    yearly follow-up report (section III.1, "trước ngày 15/12 hằng năm") not yet due."""
    records.record_progress(session, town.refs.income, "Q3/2026", "95",
                            at=datetime(2026, 9, 20))
    records.update_task(session, town.refs.invest, "hoan_thanh", on=date(2026, 9, 15))
    dossier.open_dossier(session, town.office, town.kt, "giay_khen", DAY)
    name, content = achievements.document(session, town.kinh_te, town.kt, DAY)
    assert name == "bao-cao-thanh-tich-phong-kinh-te-2026-10-01.docx"
    text, rows = _docx_text(content)
    assert "BÁO CÁO THÀNH TÍCH" in text and "ĐỀ NGHỊ TẶNG GIẤY KHEN" in text
    assert "Mẫu số 03" in text and "Tên tập thể: Phòng Kinh tế" in text
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text
    assert text.count("[Phần do đơn vị tự viết]") == 4  # I.1, I.2, II.4, III
    assert "Chủ trì 1 chỉ tiêu; đạt, vượt 1 chỉ tiêu." in text
    assert ("Chủ trì 2 nhiệm vụ; đã hoàn thành 1 (đúng hạn 1, trễ hạn 0); quá hạn 0; "
            "đang thực hiện, chưa đến hạn 1.") in text
    income = next(r for r in rows if r[1].startswith("Thu nhập bình quân"))
    assert income[2:5] == ["triệu đồng/năm", "90", "95"] and income[5] in ("Đạt", "Vượt")
    task = next(r for r in rows if r[1] == "Xây dựng Kế hoạch đầu tư công trung hạn")
    assert task[2:] == ["30/09/2026", "Hoàn thành đúng hạn"]
    follow_up = next(r for r in rows if r[1].startswith("Giao Phòng Kinh tế chủ trì"))
    assert follow_up[2:] == ["15/12/2026", "Chưa đến hạn"]
    assert rows[0][0].split("\n")[:3] == ["ỦY BAN NHÂN DÂN", "THỊ TRẤN CỔ LỄ", "PHÒNG KINH TẾ"]


def test_achievement_of_an_agency_with_nothing_done(session: Any, town: Town) -> None:
    """Phòng VH-XH: two targets without figures and a task due Quý IV/2027."""
    _, content = achievements.document(session, town.office, town.vh, DAY)
    text, rows = _docx_text(content)
    assert "ĐỀ NGHỊ TẶNG ……" in text  # no reward proposed yet: a blank
    assert "Chủ trì 2 chỉ tiêu; đạt, vượt 0 chỉ tiêu." in text
    assert [r[5] for r in rows if r[1].startswith("Tỷ lệ")] == ["Chưa có số liệu"] * 2
    assert ("Chủ trì 1 nhiệm vụ; đã hoàn thành 0 (đúng hạn 0, trễ hạn 0); quá hạn 0; "
            "đang thực hiện, chưa đến hạn 1.") in text
    with pytest.raises(NotFound):
        achievements.document(session, town.kinh_te, town.vh, DAY)



def _vote(s: Any, town: Town, participant: int, on: date) -> None:
    """The office fills the participant's sheet as of `on`, judges every judged
    criterion met and records the council's 7 of 9 votes for a giấy khen."""
    sheet = evaluation.fill(s, town.office, participant, on)
    for line in sheet["criteria"]:
        if line["kind"] == "judged":
            sheet = council.judge(s, town.office, sheet["sheet_id"], sheet["version"],
                                  line["criterion_id"], True)
    council.vote(s, town.office, sheet["sheet_id"], sheet["version"], 7, 9, on, "giay_khen")


def test_council_minutes_are_produced_once_the_council_voted(session: Any,
                                                             town: Town) -> None:
    """Paper 4 of sample 002 (biên bản họp Hội đồng) is missing until the council votes
    on the participant's sheet, then theodoi produces it, linked to the minutes of that
    evaluation day; another participant's vote does not count, and the agency's user sees
    the state without the link (the minutes list every participant)."""
    dossier.open_dossier(session, town.office, town.kt, "giay_khen", DAY)
    filled = evaluation.fill(session, town.office, town.kt, DAY)  # filled, not yet voted
    assert filled["council"] is None
    assert dossier.page(session, town.office, town.kt, DAY)["papers"][3]["state"] == "missing"
    _vote(session, town, town.vh, DAY)
    view = dossier.page(session, town.office, town.kt, DAY)
    assert view["papers"][3]["state"] == "missing" and view["missing"] == 3
    _vote(session, town, town.kt, DAY)
    view = dossier.page(session, town.office, town.kt, date(2026, 10, 5))
    minutes = view["papers"][3]
    assert (minutes["state"], minutes["state_label"]) == ("produced", "theodoi lập được")
    assert minutes["produced_url"] == f"/thi-dua/{town.movement}/giay-to/bien-ban?ngay=2026-10-01"
    assert minutes["produced_label"] == ("Tải biên bản họp Hội đồng (DOCX) của đợt bình xét "
                                         "ngày 01/10/2026")
    assert view["missing"] == 2 and [x["state"] for x in view["papers"]] == [
        "missing", "missing", "produced", "produced"]
    own = dossier.page(session, town.kinh_te, town.kt, DAY)["papers"][3]
    assert own["state"] == "produced" and own["produced_url"] is None
