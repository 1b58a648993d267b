"""The demo's instruction to communes: the sample province's programme 16-CTr/TU (the one
sample 003, Nghi Dương's plan 66-KH/ĐU, implements) with its task "Các đảng ủy xã, phường
xây dựng kế hoạch thực hiện … trước ngày 31/3/2026" tracked per commune.

Storing the programme links Nghi Dương's plan to it (the cascade reads its basis), so
that commune has acted, on 30/03/2026 and on time; activating it makes one item per
commune; one more commune reports by a written report, after the deadline; the others
have not acted. Loading again changes nothing: the programme is stored once, and the
report is entered only when the programme is activated now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from theodoi.services.instructions import tracking
from theodoi.services.register import importing
from theodoi.services.register import review_decisions as review

FILE = "16-CTr-TU-tinh-mau.txt"
PROGRAMME = "\n".join([
    "BAN THƯỜNG VỤ THÀNH ỦY", "*", "Số: 16-CTr/TU", "", "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Tỉnh mẫu, ngày 12 tháng 02 năm 2026", "", "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "về thực hiện mục tiêu tăng trưởng kinh tế ở mức 2 con số giai đoạn 2026 - 2030", "",
    "I. MỤC TIÊU", "", "1. Mục tiêu cụ thể đến năm 2030", "",
    "- Tốc độ tăng trưởng kinh tế (GRDP) bình quân đạt từ 10%/năm trở lên.", "",
    "II. NHIỆM VỤ, GIẢI PHÁP", "",
    "1. Văn phòng Thành ủy chủ trì theo dõi, đôn đốc việc thực hiện Chương trình, "
    "hoàn thành trong Quý IV năm 2026.", "",
    "2. Các đảng ủy xã, phường xây dựng kế hoạch thực hiện Chương trình hành động này, "
    "hoàn thành trước ngày 31/3/2026.", ""])
REPORTER = "Xã Thái Tân"  # reports by a written report, after the deadline
REPORT_ON = date(2026, 4, 8)
REPORT = ("Đảng ủy xã đã quán triệt Chương trình tại hội nghị ngày 08/4/2026; kế hoạch "
          "thực hiện đang trình Ban Thường vụ.")


@dataclass(frozen=True)
class SampleInstruction:
    plan_id: int
    task: str
    communes: int
    reported: str | None  # the commune whose report was entered now


def give_sample_instruction(s: Session, province: str, as_of: date, *,
                            max_bytes: int) -> SampleInstruction | None:
    """Store and activate the programme (when new), make its items, enter the sample
    report when it was activated now and `as_of` has reached the report's day."""
    result = importing.import_plan(s, province, PROGRAMME.encode("utf-8"), FILE,
                                   max_bytes=max_bytes)
    plan = review.get_plan(s, result.plan_id)
    fresh = plan.status == "draft"
    if fresh:
        review.activate(s, plan.id, accept_rest=True)  # makes the items (tracking)
    made = tracking.create_for_plan(s, plan)
    if not made.tasks:
        return None
    board = tracking.show(s, made.tasks[0], as_of)
    reported = _report(s, board["items"]) if fresh and as_of >= REPORT_ON else None
    return SampleInstruction(plan.id, made.tasks[0], board["total"], reported)


def _report(s: Session, items: list[dict[str, object]]) -> str | None:
    row = next((i for i in items if isinstance(i["unit"], dict)
                and i["unit"]["name"] == REPORTER and i["acted_on"] is None), None)
    if row is None:
        return None
    tracking.close(s, tracking.get(s, int(str(row["id"]))), REPORT_ON, REPORT, None)
    return REPORTER


__all__ = ["PROGRAMME", "SampleInstruction", "give_sample_instruction"]
