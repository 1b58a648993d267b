"""The v1 test plan activated, its targets given lead agencies: the ground of progress tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.services.conftest import PLANS, load
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import Plan

V1 = PLANS / "ke-hoach-v1.txt"
LEADS = {"Thu nhập": "Phòng Kinh tế", "hộ nghèo": "Phòng VH-XH", "bảo hiểm y tế": "Phòng VH-XH"}


@dataclass
class Refs:
    plan_id: int
    income: str  # 90 triệu đồng/năm by 2030
    poor: str  # hộ nghèo dưới 1%
    insured: str  # BHYT 95%
    invest: str  # task: Kế hoạch đầu tư công, Phòng Kinh tế, Quý III/2026
    tourism: str  # task: du lịch cộng đồng, Phòng VH-XH, Quý IV/2027


def active_v1(s: Any, unit: str = "Xã An Bình", *, activate: bool = True) -> Refs:
    """Import v1 into `unit`, give each target its lead agency, activate; flushed only."""
    plan_id = load(s, V1, unit=unit).plan_id
    plan = s.get(Plan, plan_id)
    refs = {}
    for t in plan.targets:
        word = next(w for w in LEADS if w in t.indicator)
        review.correct(s, f"t{t.id}", {"lead_agency": LEADS[word]})
        refs[word] = f"t{t.id}"
    tasks = {("invest" if "đầu tư" in k.title else "tourism" if "du lịch" in k.title
              else "other"): f"k{k.id}" for k in plan.tasks}
    if activate:
        review.activate(s, plan_id, accept_rest=True)
    return Refs(plan_id, refs["Thu nhập"], refs["hộ nghèo"], refs["bảo hiểm y tế"],
                tasks["invest"], tasks["tourism"])
