"""Every proposed item says which rule proposed it (issue 15: the review page shows it), as a
code of rules/provenance.py that has words for the clerk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SAMPLES
from theodoi.extraction import extract
from theodoi.extraction.rules.provenance import RULE_LABELS

PLAN = """ỦY BAN NHÂN DÂN XÃ AN BÌNH
Số: 20/KH-UBND                    An Bình, ngày 10 tháng 02 năm 2026

KẾ HOẠCH
Chuyển đổi số năm 2026

I. NHIỆM VỤ
1. Giao Phòng Kinh tế chủ trì, phối hợp với Công an xã rà soát dữ liệu đất đai; hoàn thành trước ngày 30/6/2026.
2. Phân công thực hiện
TT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành
1 | Xây dựng kế hoạch chuyển đổi số | Phòng Văn hóa - Xã hội | Công an xã | Quý II/2026
2 | Rà soát thủ tục hành chính | Văn phòng HĐND và UBND | Phòng Kinh tế | Quý III/2026
"""


@pytest.mark.parametrize("plan", [*sorted(SAMPLES.glob("*.txt")),
                                  *sorted((FIXTURES / "unseen").glob("*.txt"))],
                         ids=lambda p: Path(p).stem)
def test_every_item_names_a_known_rule(plan: Path) -> None:
    result = extract(plan)
    rules = [item["rule"] for item in result["targets"] + result["tasks"]]
    assert rules and set(rules) <= set(RULE_LABELS)


def test_a_target_list_a_table_row_and_a_sentence_are_told_apart() -> None:
    listed = extract(FIXTURES / "plans" / "ke-hoach-v2.txt")
    assert [t["rule"] for t in listed["targets"]] == ["target_list"] * 4  # (1) … (4)
    found = extract(PLAN.encode("utf-8"), filename="ke-hoach.txt")
    assert [(t["lead_agency"], t["rule"]) for t in found["tasks"]] == [
        ("Phòng Kinh tế", "task_prose"),            # "Giao Phòng Kinh tế chủ trì …"
        ("Phòng Văn hóa - Xã hội", "task_table"),   # the rows of the table
        ("Văn phòng HĐND và UBND", "task_table")]
