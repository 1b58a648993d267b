"""Yearly roadmap lines go to the target they are about: the statement they break down,
the indicator their lead-in names, or, when the lead-in names nothing, each line is the
target of its year. Written in the words of plans, not copied from one document."""

from __future__ import annotations

from tests.extraction.test_targets import TASK_PLAN, targets
from theodoi.extraction import extract

PLAN = TASK_PLAN  # prose under "nhiệm vụ, giải pháp", where roadmaps stand


def _by_indicator(body: str) -> dict[str, dict]:
    return {t["indicator"]: t for t in targets(body, PLAN)}


def test_a_breakdown_lead_in_gives_its_years_to_the_statement_before() -> None:
    found = _by_indicator(
        "Phấn đấu đến năm 2030 tỷ lệ trường học đạt chuẩn quốc gia đạt 90%. Cụ thể:\n"
        "+ Năm 2027: Đạt 70%.\n+ Năm 2028: Đạt 80%.\n")
    (target,) = found.values()
    assert target["value"] == 90
    assert target["milestones"] == [{"year": 2027, "value": 70}, {"year": 2028, "value": 80}]


def test_a_lead_in_naming_an_indicator_makes_its_own_target() -> None:
    found = _by_indicator(
        "Duy trì tỷ lệ hộ dùng nước hợp vệ sinh đạt 100%.\n"
        "Phấn đấu tỷ lệ hộ gia đình phân loại chất thải rắn tại nguồn:\n"
        "+ Năm 2026: Đạt 40%.\n+ Năm 2027: Đạt 60%.\n+ Năm 2029: Đạt 90%.\n")
    water = found["Tỷ lệ hộ dùng nước hợp vệ sinh"]
    assert water["milestones"] == []  # not the roadmap's: it is only the sentence before
    sorting = found["Tỷ lệ hộ gia đình phân loại chất thải rắn tại nguồn"]
    assert (sorting["value"], sorting["unit"], sorting["deadline_year"]) == (90, "%", 2029)
    assert [m["year"] for m in sorting["milestones"]] == [2026, 2027, 2029]
    assert sorting["rule"] == "target_roadmap"


def test_an_amount_each_year_after_a_lead_in_naming_a_total_adds_up() -> None:
    found = _by_indicator(
        "Phấn đấu số hợp tác xã nông nghiệp thành lập mới:\n"
        "+ Năm 2026 có 02 hợp tác xã.\n+ Năm 2028 có thêm 03 hợp tác xã.\n")
    (target,) = found.values()
    assert (target["kind"], target["value"], target["deadline_year"]) == ("change", 5, 2028)


def test_lines_naming_what_they_bring_are_each_the_target_of_their_year() -> None:
    found = targets(
        "Tập trung nguồn lực cho xây dựng nông thôn mới. Phấn đấu:\n"
        "+ Năm 2026 có 01 thôn đạt chuẩn nông thôn mới kiểu mẫu: Thôn Đông.\n"
        "+ Năm 2027 có 02 thôn đạt chuẩn nông thôn mới kiểu mẫu: Thôn Tây; Thôn Nam.\n",
        PLAN)
    assert [(t["value"], t["deadline_year"], t["milestones"]) for t in found] == [
        (1, 2026, []), (2, 2027, [])]
    assert [t["indicator"] for t in found] == [
        "Số thôn đạt chuẩn nông thôn mới kiểu mẫu (Thôn Đông)",
        "Số thôn đạt chuẩn nông thôn mới kiểu mẫu (Thôn Tây, Thôn Nam)"]


def test_a_breakdown_under_a_restatement_reaches_the_listed_target() -> None:
    """'Sản phẩm' opening the list item and 'sản phẩm' in the restatement are one unit."""
    text = ("KẾ HOẠCH\nPhát triển kinh tế - xã hội giai đoạn 2026 - 2030\nI. CHỈ TIÊU\n"
            "(1) Có thêm 04 Sản phẩm đạt tiêu chuẩn OCOP 3 sao trở lên.\n"
            "II. NHIỆM VỤ, GIẢI PHÁP\n"
            "Phấn đấu đến năm 2030 có thêm 4 sản phẩm OCOP trở lên. Trong đó:\n"
            "+ Năm 2027 có 01 sản phẩm OCOP.\n+ Năm 2029 có 03 sản phẩm OCOP.\n")
    (target,) = extract(text.encode(), filename="kh.txt")["targets"]
    assert (target["value"], target["deadline_year"]) == (4, 2030)
    assert target["milestones"] == [{"year": 2027, "value": 1}, {"year": 2029, "value": 3}]
