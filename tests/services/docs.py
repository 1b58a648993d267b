"""Small plan texts written for the cascade and link tests, and helpers to import them.

Each text has what the extractor needs for a document's identity: a "Số:" line, a place
and date line, a kind line, a title, bases and a list of targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.conftest import SAMPLES
from theodoi.services.register import importing, units
from theodoi.services.register import review_decisions as review

MAX = 50 << 20
PARTY_SAMPLE = sorted(SAMPLES.glob("003_*.txt"))[0]  # "Thực hiện Chương trình … số 16-CTr/TU"
STATE_SAMPLE = sorted(SAMPLES.glob("002_*.txt"))[0]  # three Kế hoạch bases, none stored


def plan_text(number: str, day: str, *, kind: str = "CHƯƠNG TRÌNH HÀNH ĐỘNG",
              title: str = "về phát triển kinh tế nông thôn giai đoạn 2026 - 2030",
              bases: Sequence[str] = (), targets: Sequence[str] = ()) -> str:
    """A plan as a province or commune office would type it; `day` like '12 tháng 02 năm 2026'."""
    lines = ["BAN THƯỜNG VỤ TỈNH ỦY", "*", f"Số: {number}", "", "ĐẢNG CỘNG SẢN VIỆT NAM",
             f"Thành phố Thử, ngày {day}", "", kind, title, ""]
    lines += [f"Thực hiện {b}." for b in bases]
    lines += ["", "I. MỤC TIÊU", "", "1. Mục tiêu cụ thể đến năm 2030", ""]
    lines += [f"- {t}" for t in targets]
    lines += ["", "II. NHIỆM VỤ, GIẢI PHÁP", "",
              "1. Văn phòng chủ trì tham mưu tổ chức sơ kết, hoàn thành trong Quý IV năm 2026.", ""]
    return "\n".join(lines)


def setup_units(s: Any) -> None:
    units.create(s, "Tỉnh Thử", level="tinh")
    units.create(s, "Xã Thử", level="xa", parent="Tỉnh Thử")


def import_text(s: Any, unit: str, text: str, name: str, *, parent: str | None = None,
                activate: bool = False) -> int:
    """Import a written text into `unit`; activate it when asked; returns the plan id."""
    result = importing.import_plan(s, unit, text.encode("utf-8"), name, max_bytes=MAX,
                                   level="xa", parent=parent)
    if activate:
        review.activate(s, result.plan_id, accept_rest=True)
    return result.plan_id


def import_sample(s: Any, path: Any, unit: str = "Xã Thử", *, activate: bool = False) -> int:
    result = importing.import_plan(s, unit, path.read_bytes(), path.name, max_bytes=MAX,
                                   level="xa", parent="Tỉnh Thử")
    if activate:
        review.activate(s, result.plan_id, accept_rest=True)
    return result.plan_id


CTR_16 = plan_text("16-CTr/TU", "12 tháng 02 năm 2026", targets=[
    "Tỷ lệ hộ gia đình sử dụng nước sạch đạt 95%.",
    "Thu nhập bình quân đầu người đạt 120 triệu đồng/năm.",
    "Trồng mới 50 ha rừng sản xuất."])
KH_20 = plan_text("20-KH/TU", "05 tháng 3 năm 2026", kind="KẾ HOẠCH",
                  title="về chuyển đổi số giai đoạn 2026 - 2030",
                  targets=["Tỷ lệ hồ sơ thủ tục hành chính giải quyết trực tuyến đạt 80%."])
KH_21 = plan_text("21-KH/TU", "06 tháng 3 năm 2026", kind="KẾ HOẠCH",
                  title="về phát triển du lịch giai đoạn 2026 - 2030",
                  targets=["Đón 2 triệu lượt khách du lịch."])

# Three documents of one commune that state some commitments again (NQ -> CTr -> KH).
NQ_XA = plan_text("01-NQ/ĐU", "25 tháng 8 năm 2025", kind="NGHỊ QUYẾT",
                  title="Đại hội Đảng bộ xã lần thứ I, nhiệm kỳ 2025 - 2030", targets=[
                      "Tỷ lệ hộ gia đình sử dụng nước sạch đạt 95%.",
                      "Thu nhập bình quân đầu người đạt 120 triệu đồng/năm.",
                      "Trồng mới 50 ha rừng sản xuất."])
CTR_XA = plan_text("05-CTr/ĐU", "10 tháng 9 năm 2025",
                   bases=["Nghị quyết số 01-NQ/ĐU ngày 25/8/2025 của Đại hội Đảng bộ xã"],
                   targets=["Tỷ lệ hộ dân được sử dụng nước sạch đạt 95%.",
                            "Thu nhập bình quân đầu người đạt 120 triệu đồng/năm.",
                            "Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt 98%."])
KH_XA = plan_text("12/KH-UBND", "20 tháng 9 năm 2025", kind="KẾ HOẠCH",
                  title="thực hiện Chương trình hành động số 05-CTr/ĐU",
                  bases=["Chương trình hành động số 05-CTr/ĐU ngày 10/9/2025 của Đảng ủy xã"],
                  targets=["Tỷ lệ hộ gia đình được sử dụng nước sạch đạt 95%.",
                           "Số doanh nghiệp thành lập mới đạt 20 doanh nghiệp."])
