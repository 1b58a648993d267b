"""The cascade of documents: which stored plan each basis of a plan names, and what is left.

A commune plan "Thực hiện Chương trình hành động số 16-CTr/TU …" implements the province's
programme. `link_plan` reads each basis (kind, number, date), links it to the stored plan
with the same number (and the same date when both have one) and, the other way round,
links the bases of earlier plans that named the plan just imported. `pending` lists the
higher-level documents a unit has not yet turned into a plan of its own (chưa cụ thể hóa).

Matching prefers the plan's own unit, then its ancestors nearest first; a plan of any
other unit is taken only when all candidates belong to one unit, because numbers such as
"01/KH-UBND" restart every year in every commune.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, NotFound
from theodoi.extraction.references import number_digits, number_key, parse
from theodoi.services.accounts.access import Principal
from theodoi.services.history import admin as admin_log
from theodoi.services.register import units
from theodoi.services.register.review_decisions import get_plan
from theodoi.storage.models import Basis, Plan
from theodoi.storage.repositories import links as repo
from theodoi.storage.repositories import plans as plan_repo
from theodoi.storage.repositories import units as units_repo

# Text of a basis a person added by linking two plans by hand (not read from the file).
MANUAL_MARK = "Liên kết thủ công: "
KIND_LABELS = {"ke_hoach": "Kế hoạch", "chuong_trinh_hanh_dong": "Chương trình hành động",
               "nghi_quyet": "Nghị quyết", "de_an": "Đề án", "bao_cao": "Báo cáo",
               "quyet_dinh": "Quyết định", "khac": "Văn bản"}
_STATUS_RANK = {"active": 0, "draft": 1, "closed": 2}


@dataclass
class Pending:
    """What a unit has yet to implement: stored plans above it, and documents not stored."""

    unit: str
    plans: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)


def link_plan(s: Session, plan: Plan) -> int:
    """Fill the plan's basis references, link them, and link earlier bases naming it.

    Returns how many bases were linked (the plan's own and earlier ones). Flushes.
    """
    linked = 0
    for basis in plan.bases:
        fill_reference(basis)
        if basis.linked_plan_id is None and basis.ref_number:
            found = best_match(s, plan, basis.ref_number, basis.ref_date)
            if found is not None:
                basis.linked_plan_id = found.id
                linked += 1
    s.flush()
    return linked + _link_earlier(s, plan)


def fill_reference(basis: Basis) -> None:
    """Kind, normalised number and date of the document the basis text names."""
    ref = parse(basis.text.removeprefix(MANUAL_MARK))
    basis.ref_kind, basis.ref_number, basis.ref_date = ref.kind, ref.number, ref.date


def best_match(s: Session, plan: Plan, number: str, when: date | None) -> Plan | None:
    """The stored plan a basis of `plan` numbered `number` (dated `when`) names, or None."""
    key = number_key(number)
    if plan.number and number_key(plan.number) == key:
        return None  # a document's own number, or another version of it: never its basis
    found = [p for p in repo.plans_numbered(s, number_digits(number))
             if p.id != plan.id and p.number and number_key(p.number) == key
             and _dates_agree(p.issued_on, when)]
    for unit_id in [plan.unit_id, *(u.id for u in units_repo.ancestors(s, plan.unit))]:
        mine = [p for p in found if p.unit_id == unit_id]
        if mine:
            return _preferred(mine)
    if len({p.unit_id for p in found}) == 1:
        return _preferred(found)
    return None  # none, or the same number in unrelated units: a person decides


def _dates_agree(a: date | None, b: date | None) -> bool:
    return a is None or b is None or a == b


def _preferred(plans: list[Plan]) -> Plan:
    """Among versions of one document: the active one, else the newest."""
    return min(plans, key=lambda p: (_STATUS_RANK.get(p.status, 3), -p.id))


def _link_earlier(s: Session, plan: Plan) -> int:
    """Link unlinked bases of other plans that name `plan`; how many were linked."""
    if not plan.number:
        return 0
    key, count = number_key(plan.number), 0
    for basis in repo.open_bases_naming(s, number_digits(plan.number)):
        if (basis.plan_id == plan.id or number_key(basis.ref_number or "") != key
                or not _dates_agree(basis.ref_date, plan.issued_on)):
            continue
        found = best_match(s, basis.plan, basis.ref_number or key, basis.ref_date)
        if found is not None:
            basis.linked_plan_id = found.id
            count += 1
    s.flush()
    return count


def link(s: Session, plan_id: int, implements_id: int, *,
         p: Principal | None = None) -> Basis:
    """Record by hand that plan `plan_id` implements plan `implements_id`.

    The other plan must belong to the same unit or a unit above it: an id of another
    commune's plan is almost always a typing mistake. A basis that names the other plan's
    number is linked; otherwise a basis marked as a manual link is added. A new link is
    audited (by `p`; None: the command line).
    """
    plan, other = get_plan(s, plan_id), get_plan(s, implements_id)
    _check_linkable(s, plan, other)
    for basis in plan.bases:
        if basis.linked_plan_id == other.id:
            return basis
    found = next((b for b in plan.bases if other.number and b.ref_number and (
        number_key(b.ref_number) == number_key(other.number))), None)
    if found is not None:
        found.linked_plan_id = other.id
    else:
        found = _manual_basis(plan, other)
        plan.bases.append(found)  # through the collection, so a second call sees it
    s.flush()
    admin_log.plan_linked(s, p, plan.unit_id, plan.id, None, plan_words(other))
    return found


def plan_words(plan: Plan) -> str:
    """'kế hoạch số 12 (20-KH/TU)': a plan named in the history."""
    return f"kế hoạch số {plan.id}" + (f" ({plan.number})" if plan.number else "")


def _check_linkable(s: Session, plan: Plan, other: Plan) -> None:
    if plan.id == other.id:
        raise BadInput(f"kế hoạch số {plan.id} không thể thực hiện chính nó.")
    allowed = {plan.unit_id, *(u.id for u in units_repo.ancestors(s, plan.unit))}
    if other.unit_id not in allowed:
        raise BadInput(f"kế hoạch số {other.id} thuộc {other.unit.name}, không phải "
                       f"{plan.unit.name} hay đơn vị cấp trên; không liên kết được.")


def _manual_basis(plan: Plan, other: Plan) -> Basis:
    label = KIND_LABELS.get(other.kind, "Văn bản")
    number = f" số {other.number}" if other.number else ""
    when = f" ngày {other.issued_on:%d/%m/%Y}" if other.issued_on else ""
    text = f"{MANUAL_MARK}{label}{number}{when} của {other.unit.name} về {other.title}".strip()
    position = max((b.position for b in plan.bases), default=-1) + 1
    basis = Basis(position=position, text=text, linked_plan_id=other.id)
    fill_reference(basis)
    return basis


def unlink(s: Session, plan_id: int, implements_id: int, *,
           p: Principal | None = None) -> int:
    """Undo a link: manual bases go, read ones stay unlinked; how many bases changed.
    Audited (by `p`; None: the command line)."""
    plan = get_plan(s, plan_id)
    bases = [b for b in plan.bases if b.linked_plan_id == implements_id]
    if not bases:
        raise NotFound(f"kế hoạch số {plan_id} không liên kết với kế hoạch số "
                       f"{implements_id}.")
    for basis in bases:
        if basis.text.startswith(MANUAL_MARK):
            plan.bases.remove(basis)
        else:
            basis.linked_plan_id = None
    s.flush()
    other = plan_repo.get(s, implements_id)
    admin_log.plan_linked(s, p, plan.unit_id, plan.id,
                          plan_words(other) if other else f"kế hoạch số {implements_id}", None)
    return len(bases)


def pending(s: Session, unit_text: str) -> Pending:
    """Active plans of the units above that no open plan of the unit implements yet, and
    the unit's bases that name a document not in the register (chưa có trong sổ)."""
    unit = units.find(s, unit_text)
    bases = repo.bases_of_open_plans(s, unit.id)
    implemented = {b.linked_plan_id for b in bases if b.linked_plan_id is not None}
    above = repo.active_plans_of(s, (u.id for u in units_repo.ancestors(s, unit)))
    result = Pending(unit.name)
    result.plans = [plan_row(p) for p in above if not _versions(s, p) & implemented]
    result.missing = _missing(bases)
    return result


def _versions(s: Session, plan: Plan) -> set[int]:
    """The plan and the versions it replaced: implementing any of them counts."""
    ids: set[int] = set()
    current: Plan | None = plan
    while current is not None and current.id not in ids:
        ids.add(current.id)
        current = s.get(Plan, current.revises_id) if current.revises_id else None
    return ids


def _missing(bases: list[Basis]) -> list[dict[str, Any]]:
    """Unlinked bases naming a document, one row per document with the plans citing it."""
    rows: dict[str, dict[str, Any]] = {}
    for b in bases:
        if b.linked_plan_id is not None or not (b.ref_kind or b.ref_number):
            continue
        key = (f"{number_key(b.ref_number)} {b.ref_date}" if b.ref_number
               else " ".join(b.text.lower().split()))
        row = rows.setdefault(key, {"text": b.text, "kind": b.ref_kind,
                                    "number": b.ref_number, "date": b.ref_date,
                                    "cited_by": []})
        if b.plan_id not in row["cited_by"]:
            row["cited_by"].append(b.plan_id)
    return list(rows.values())


def plan_row(plan: Plan) -> dict[str, Any]:
    """A plan as the cascade lists it."""
    return {"id": plan.id, "unit": plan.unit.name, "kind": plan.kind, "number": plan.number,
            "issued_on": plan.issued_on, "title": plan.title, "status": plan.status}
