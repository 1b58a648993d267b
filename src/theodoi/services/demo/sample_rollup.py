"""The demo's roll-up: the sample province's own plan, whose GRDP, poverty and health
insurance targets its sample communes carry, linked as a person would link them, so the
province's dashboard and target pages show each commune's figure and the aggregate.

Deterministic and idempotent: the plan is stored once (the same bytes are never stored
twice), activated only while it is the untouched draft the demo stored, populations are
set only where none is known, and only new suggestions are decided: per province target
and commune the best-scoring suggestion is confirmed with the relation suggested; any
other, and one whose goal is more than ten times the province's (a share of households
lifted out of poverty, not the poverty rate), is rejected, as a clerk would.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.errors import NotFound
from theodoi.services.demo.sample import PROVINCE, changed_since_loading
from theodoi.services.register import importing, units
from theodoi.services.register import review_decisions as review
from theodoi.services.rollup import matching, pages
from theodoi.storage.models import Plan

FILE_NAME = "tinh-mau-15-KH-UBND.txt"
PLAN_TEXT = """ỦY BAN NHÂN DÂN
TỈNH MẪU
Số: 15/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tỉnh mẫu, ngày 05 tháng 01 năm 2026

KẾ HOẠCH
Phát triển kinh tế - xã hội giai đoạn 2026 - 2030

I. MỤC TIÊU

1. Mục tiêu cụ thể đến năm 2030

- Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) bình quân đạt 10%/năm.
- Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm còn dưới 1%.
- Tỷ lệ dân số tham gia bảo hiểm y tế đạt 98%.

II. NHIỆM VỤ, GIẢI PHÁP

1. Sở Tài chính chủ trì theo dõi, tổng hợp kết quả thực hiện các chỉ tiêu của các xã, \
thị trấn, hoàn thành trong Quý IV năm 2026.
"""
# made-up populations of the sample communes, for the population-weighted mean
POPULATIONS = {"Thị trấn Cổ Lễ": 14500, "Xã Thái Tân": 9800, "Xã Nghi Dương": 11200,
               "Xã Ngọc Liên": 8600}
FAR_APART = 10.0  # a commune goal ten times the province's measures something else


@dataclass(frozen=True)
class RollupOutcome:
    """What the demo did: the province plan's id, links confirmed and rejected now."""

    plan_id: int
    confirmed: int
    rejected: int


def link_province(s: Session, max_bytes: int) -> RollupOutcome:
    """Store and activate the province's plan, set the communes' populations, and decide
    the new suggestions between the province's targets and its communes' (flushed only)."""
    result = importing.import_plan(s, PROVINCE, PLAN_TEXT.encode("utf-8"), FILE_NAME,
                                   max_bytes=max_bytes, level="tinh")
    plan = s.get(Plan, result.plan_id)
    if plan is not None and changed_since_loading(plan) is None:
        review.activate(s, plan.id, accept_rest=True)
    for name, people in POPULATIONS.items():
        unit = _unit(s, name)
        if unit is not None and unit.population is None:
            pages.set_population(s, unit, people)
    confirmed = rejected = 0
    for row, keep in _decisions(matching.suggest(s, units.find(s, PROVINCE)), result.plan_id):
        matching.decide(s, matching.get(s, row["id"]), "confirmed" if keep else "rejected",
                        None, "demo")
        confirmed, rejected = confirmed + keep, rejected + (not keep)
    return RollupOutcome(result.plan_id, confirmed, rejected)


def _unit(s: Session, name: str) -> Any:
    try:
        return units.find(s, name)
    except NotFound:  # a sample commune renamed or removed: nothing to set
        return None


def _decisions(rows: list[dict[str, Any]], plan_id: int) -> list[tuple[dict[str, Any], bool]]:
    """Each new suggestion of the province plan's targets with whether to confirm it."""
    best: dict[tuple[str, int], dict[str, Any]] = {}
    groups: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["upper"]["plan"] == plan_id:
            groups[(row["upper"]["ref"], row["lower"]["unit_id"])].append(row)
    for key, found in groups.items():
        best[key] = max(found, key=lambda r: (r["score"], -r["id"]))
    return [(row, row is best[key] and not _far_apart(row))
            for key, found in groups.items() for row in found]


def _far_apart(row: dict[str, Any]) -> bool:
    upper, lower = row["upper"].get("value"), row["lower"].get("value")
    if not upper or not lower:
        return False
    return bool(max(upper, lower) / min(upper, lower) > FAR_APART)
