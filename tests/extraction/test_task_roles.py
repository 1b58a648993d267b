"""Role lines ('Cơ quan chủ trì: …', 'Cơ quan thực hiện: …') read by the one rule for blocks
and prose (stages/task_blocks.assign_role)."""

from __future__ import annotations

from theodoi.extraction import extract

PLAN = """ỦY BAN NHÂN DÂN
XÃ AN BÌNH
Số: 12/KH-UBND
KẾ HOẠCH
Triển khai thi hành Luật Việc làm

II. NHIỆM VỤ
1. Tuyên truyền, phổ biến Luật Việc làm
Cơ quan chủ trì: Phòng Văn hóa - Xã hội.
Cơ quan thực hiện: Đoàn Thanh niên, Hội Liên hiệp Phụ nữ.
Thời gian thực hiện: Quý II năm 2026.
2. Rà soát văn bản có liên quan
Cơ quan thực hiện: Công an xã.
Thời gian thực hiện: trong năm 2026.
"""


def test_the_bodies_that_carry_out_work_beside_a_lead_are_its_co_agencies() -> None:
    """'Cơ quan thực hiện' after 'Cơ quan chủ trì' names the co-agencies (it replaced the
    lead before); alone it names the lead ('Cơ quan thực hiện: Bộ Công an.')."""
    tasks = extract(PLAN.encode(), "ke-hoach.txt")["tasks"]
    assert [(t["lead_agency"], t["co_agencies"], t["due"]["date"]) for t in tasks] == [
        ("Phòng Văn hóa - Xã hội", ["Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ"], "2026-06-30"),
        ("Công an xã", [], "2026-12-31"),
    ]
