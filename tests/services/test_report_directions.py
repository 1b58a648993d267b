"""Leaders' directions (ý kiến chỉ đạo) of the period quoted in the report: in the limits
where the item is behind, worst first and once each; under Công tác lãnh đạo, chỉ đạo
otherwise; no user names in the text."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from typing import Any

from docx import Document

from tests.services.progress_setup import active_v1
from theodoi.reports.guidance import HEADING
from theodoi.services.progress import records as progress
from theodoi.services.register import review_decisions as review
from theodoi.services.register import units
from theodoi.services.reporting import report_data as reporting
from theodoi.storage.models import ItemComment, RoleGrant, User

UNIT = "Xã An Bình"
Q4 = reporting.Request(UNIT, "quy", "Q4/2026")


def _say(s: Any, author: User | None, ref: str, body: str, on: date,
         direction: bool = True) -> None:
    target = ref.startswith("t")
    s.add(ItemComment(target_id=int(ref[1:]) if target else None,
                      task_id=None if target else int(ref[1:]),
                      author_id=author.id if author else None,
                      author_name=author.full_name if author else "ai đó",
                      direction=direction, body=body,
                      created_at=datetime.combine(on, datetime.min.time()).replace(hour=9)))
    s.flush()


def _ground(s: Any) -> Any:
    """Quý IV/2026: BHYT set yearly at 95 % reaches 80 (không đạt), the investment plan
    due in Quý III is not done (quá hạn), the poverty rate at 0,8 % is below its 1 %."""
    r = active_v1(s)
    review.correct(s, r.insured, {"recurrence": "annual"})
    progress.record_progress(s, r.insured, "Q4/2026", "80")
    progress.record_progress(s, r.poor, "Q4/2026", "0,8")
    unit = units.find(s, UNIT)
    leader = User(username="chutich.ab", full_name="Trần Văn Lực", password_hash="x")
    clerk = User(username="vanphong.ab", full_name="Lê Thị Mai", password_hash="x")
    s.add_all([leader, clerk])
    s.flush()
    s.add_all([RoleGrant(user_id=leader.id, unit_id=unit.id, role="lanh_dao"),
               RoleGrant(user_id=clerk.id, unit_id=unit.id, role="van_phong")])
    s.flush()
    _say(s, leader, r.invest, "@vanphong.ab Khẩn trương trình phê duyệt Kế hoạch đầu tư "
                              "công trước 30/11.", date(2026, 10, 15))
    _say(s, leader, r.insured, "Tăng cường vận động người dân tham gia bảo hiểm y tế.",
         date(2026, 11, 20))
    _say(s, leader, r.insured, "Tăng cường vận động người dân tham gia  bảo hiểm y tế",
         date(2026, 11, 25))  # said again: quoted once
    _say(s, leader, r.poor, "Duy trì rà soát hộ nghèo hằng quý", date(2026, 11, 5))
    _say(s, clerk, r.insured, "Đã nhắc Phòng VH-XH.", date(2026, 11, 21), direction=False)
    _say(s, leader, r.insured, "Chỉ đạo của quý trước.", date(2026, 9, 20))
    return r


def test_directions_on_items_behind_are_quoted_in_the_limits_worst_first(
        session: Any) -> None:
    _ground(session)
    report = reporting.build_report(session, Q4)
    [quoted] = [s for s in report.limits if s.heading == HEADING]
    assert quoted.lines == [
        "Đối với tỷ lệ dân số tham gia bảo hiểm y tế (không đạt), đồng chí lãnh đạo xã An "
        "Bình chỉ đạo: “Tăng cường vận động người dân tham gia bảo hiểm y tế”.",
        "Đối với xây dựng Kế hoạch đầu tư công trung hạn (quá hạn), đồng chí lãnh đạo xã "
        "An Bình chỉ đạo: “Khẩn trương trình phê duyệt Kế hoạch đầu tư công trước 30/11”."]
    assert report.guidance == ["Đồng chí lãnh đạo xã An Bình chỉ đạo về tỷ lệ hộ nghèo: "
                               "“Duy trì rà soát hộ nghèo hằng quý”."]


def test_the_docx_quotes_them_with_no_user_name(session: Any) -> None:
    _ground(session)
    report = reporting.build_report(session, Q4)
    text = [p.text for p in Document(BytesIO(reporting.render(report, "docx"))).paragraphs]
    limits, assessment = text.index("2. Tồn tại, hạn chế"), text.index("II. ĐÁNH GIÁ CHUNG")
    lead, results = text.index("1. Công tác lãnh đạo, chỉ đạo"), \
        text.index("2. Kết quả thực hiện các chỉ tiêu")
    heading = next(i for i, line in enumerate(text) if line.endswith(HEADING))
    assert assessment < limits < heading
    assert text[heading + 1].startswith("- Đối với tỷ lệ dân số tham gia bảo hiểm y tế")
    assert ("- Đồng chí lãnh đạo xã An Bình chỉ đạo về tỷ lệ hộ nghèo: “Duy trì rà soát "
            "hộ nghèo hằng quý”.") in text[lead:results]
    whole = "\n".join(text)
    for internal in ("chutich.ab", "vanphong.ab", "@", "Trần Văn Lực", "Lê Thị Mai",
                     "Đã nhắc", "quý trước"):
        assert internal not in whole, internal


def test_no_direction_in_the_period_adds_nothing(session: Any) -> None:
    r = active_v1(session)
    progress.record_progress(session, r.poor, "Q4/2026", "0,8")
    report = reporting.build_report(session, Q4)
    assert all(s.heading != HEADING for s in report.limits) and report.guidance == []
