"""Leaders' directions as the report quotes them (reports/guidance.py), by hand."""

from __future__ import annotations

from datetime import date

from tests.reports.inputs import EXPLANATIONS, STATE, TARGETS, TASKS, UPCOMING
from theodoi.domain.periods import quarter
from theodoi.reports.data import build_report
from theodoi.reports.guidance import HEADING, DirectionInput, clean, speaker

LEADER = "đồng chí lãnh đạo xã Ngọc Liên"


def _report(*given: DirectionInput):  # type: ignore[no-untyped-def]
    return build_report(STATE, "quy", quarter(2026, 3), TARGETS, TASKS, EXPLANATIONS,
                        UPCOMING, guidance=given)


def test_the_speaker_is_a_title_or_role_words_never_a_user_name() -> None:
    assert speaker("Chủ tịch UBND xã", "Xã Ngọc Liên") == "đồng chí Chủ tịch UBND xã"
    assert speaker(None, "Xã Ngọc Liên") == LEADER
    assert speaker("  ", "Tỉnh Thanh Hóa") == "đồng chí lãnh đạo tỉnh Thanh Hóa"
    assert clean("@pkt.ngoclien  đề nghị   hoàn thành trước 15/10.") == \
        "Đề nghị hoàn thành trước 15/10"
    assert clean("Gửi anh@xa.gov.vn bản tổng hợp") == "Gửi anh@xa.gov.vn bản tổng hợp"


def test_one_quote_per_direction_naming_its_items_the_worst_first() -> None:
    # CT-2 hộ nghèo chậm tiến độ, CT-3 thu nhập có nguy cơ, NV-2 quá hạn; CT-4 vượt
    report = _report(
        DirectionInput("NV-2", LEADER, "Hoàn thành rà soát trong tháng 10", date(2026, 8, 20)),
        DirectionInput("CT-3", LEADER, "Rà soát các nguồn thu nhập", date(2026, 7, 10)),
        DirectionInput("CT-2", LEADER, "Rà soát các nguồn thu nhập.", date(2026, 7, 12)),
        DirectionInput("CT-4", LEADER, "Giữ vững kết quả thu gom", date(2026, 9, 1)),
        DirectionInput("CT-4", LEADER, "@pkt.nl   ", date(2026, 9, 2)),  # nothing left to quote
        DirectionInput("XX-9", LEADER, "Mục không thuộc báo cáo", date(2026, 9, 3)))
    [quoted] = [s for s in report.limits if s.heading == HEADING]
    assert quoted.lines == [
        "Đối với tỷ lệ hộ nghèo, thu nhập bình quân đầu người (chậm tiến độ, có nguy cơ "
        "không đạt), đồng chí lãnh đạo xã Ngọc Liên chỉ đạo: “Rà soát các nguồn thu "
        "nhập”.",
        "Đối với rà soát hộ nghèo, cận nghèo (quá hạn), đồng chí lãnh đạo xã Ngọc Liên chỉ "
        "đạo: “Hoàn thành rà soát trong tháng 10”."]
    assert report.limits[-1] == quoted  # after the limits by field and the overdue tasks
    assert report.guidance == ["Đồng chí lãnh đạo xã Ngọc Liên chỉ đạo về tỷ lệ chất thải "
                               "rắn được thu gom: “Giữ vững kết quả thu gom”."]
