"""A plan with no recognised heading: the clauses stage used to crash (W100) and yield nothing."""

from __future__ import annotations

from theodoi.extraction import extract
from theodoi.extraction.stages.clauses import section_clauses

PLAN = ("Tỷ lệ hộ nghèo giảm còn dưới 2%.\n"
        "Tỷ lệ che phủ rừng đạt 45%.\n"
        "Phấn đấu 100% thôn có nhà văn hóa đạt chuẩn.\n")


def test_a_text_without_headings_is_one_section_of_clauses() -> None:
    spans = section_clauses(PLAN, [])
    assert [PLAN[s:e] for s, e in spans] == PLAN.strip().split("\n")


def test_a_three_line_plan_without_headings_gives_its_targets() -> None:
    result = extract(PLAN.encode(), filename="kh.txt")
    assert "W100" not in {w["code"] for w in result["warnings"]}
    found = [(PLAN[t["span"][0]:t["span"][1]], t["value"], t["unit"]) for t in result["targets"]]
    assert found == [("Tỷ lệ hộ nghèo giảm còn dưới 2%.", 2.0, "%"),
                     ("Tỷ lệ che phủ rừng đạt 45%.", 45.0, "%"),
                     ("Phấn đấu 100% thôn có nhà văn hóa đạt chuẩn.", 100.0, "%")]
