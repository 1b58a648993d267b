"""Movements: proposed by a plan that launches one, created from it or by hand, listed,
shown and edited (every change audited)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import emulation as E
from theodoi.domain.errors import BadInput, Conflict, FieldError
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import common as C
from theodoi.services.history import audit
from theodoi.storage.models import Movement, MovementCriterion, Plan
from theodoi.storage.repositories import emulation as repo

EDITABLE = ("name", "slogan", "period_start", "period_end", "deadline", "receiver", "plan_id")
DATES = ("period_start", "period_end", "deadline")


def section_of(s: Session, plan: Plan) -> dict[str, Any] | None:
    """The `emulation` section of the plan's stored extraction (schema 1.1), or None."""
    found = repo.extraction_of(s, plan)
    section = found.get("emulation") if found else None
    return section if isinstance(section, dict) else None


def proposals(s: Session, p: Principal, unit_id: int) -> list[dict[str, Any]]:
    """The unit's plans that launch a movement none has been created from yet."""
    access.unit(s, p, unit_id)
    out = []
    for plan in repo.unit_plans(s, unit_id):
        section = section_of(s, plan)
        if section and repo.launched_by(s, plan.id) is None:
            out.append({"plan_id": plan.id, "plan_title": plan.title, "name": section["name"],
                        "criteria": len(section.get("criteria") or []),
                        "version": plan.version})
    return out


def of_plan(s: Session, p: Principal, plan_id: int) -> dict[str, Any] | None:
    """What the plan's page says of emulation: the movement created from it
    (`movement_id`), or the one it proposes (`name`, `version`), or None."""
    plan = access.plan(s, p, plan_id)
    section = section_of(s, plan)
    if section is None:
        return None
    done = repo.launched_by(s, plan_id)
    return {"name": section["name"], "version": plan.version,
            "movement_id": done.id if done else None,
            "can_create": done is None and rules.REVIEW in access.actions_at(p, plan.unit)}


def list_movements(s: Session, p: Principal, unit_id: int) -> dict[str, Any]:
    """The unit's movements and the plans that propose one (the JSON of the list page)."""
    unit = access.unit(s, p, unit_id)
    return {"unit_id": unit.id, "unit": unit.name,
            "can_manage": rules.REVIEW in access.actions_at(p, unit),
            "movements": [{"id": m.id, "name": m.name, "period_start": C.iso(m.period_start),
                           "period_end": C.iso(m.period_end), "deadline": C.iso(m.deadline),
                           "criteria": len(m.criteria), "participants": len(m.participants),
                           "signed": sum(1 for x in m.participants if x.registration
                                         and x.registration.state == "signed")}
                          for m in repo.of_unit(s, unit_id)],
            "proposals": proposals(s, p, unit_id)}


def get(s: Session, p: Principal, movement_id: int) -> dict[str, Any]:
    return C.movement_json(s, p, C.movement(s, p, movement_id))


def create_from_plan(s: Session, p: Principal, plan_id: int, version: int) -> dict[str, Any]:
    """Store the movement plan `plan_id` (seen at `version`) launches, with the criteria
    its section states, each of the kind its conditions propose (domain.emulation); the
    other parts of the section are kept in `details` as read."""
    plan = access.plan(s, p, plan_id, rules.REVIEW)
    C.check_version(plan, version, f"Kế hoạch số {plan_id}")
    section = section_of(s, plan)
    if section is None:
        raise BadInput(f"kế hoạch số {plan_id} không phát động phong trào thi đua nào (không "
                       "có phần khẩu hiệu, nội dung, tiêu chuẩn khen thưởng …).")
    done = repo.launched_by(s, plan_id)
    if done is not None:
        raise Conflict(f"đã tạo phong trào thi đua số {done.id} từ kế hoạch số {plan_id}.")
    m = _movement_of(plan, section)
    m.criteria = [_criterion(i, c) for i, c in enumerate(section.get("criteria") or [])]
    repo.add(s, m)
    audit.record(s, p, m.unit_id, C.MOVEMENT, m.id, "created", None, m.name,
                 detail={"from_plan": plan_id})
    return C.movement_json(s, p, m)


def _movement_of(plan: Plan, section: Mapping[str, Any]) -> Movement:
    period = section.get("period") or {}
    deadline = section.get("deadline") or {}
    receiver = deadline.get("receiver")
    if receiver and deadline.get("via"):
        receiver = f"{receiver} (qua {deadline['via']})"
    details = {k: section.get(k) for k in ("contents", "participants", "rewards", "dossier",
                                           "responsible")}
    details |= {"period_text": period.get("text"), "deadline_text": deadline.get("text")}
    start = C.parse_date(period.get("start"), "period_start")
    if start is None and plan.issued_on and "ban hành" in (period.get("text") or ""):
        start = plan.issued_on  # "từ ngày … ban hành kế hoạch": the date a person corrected
    return Movement(unit_id=plan.unit_id, source_plan_id=plan.id, name=section["name"],
                    slogan=section.get("slogan"), period_start=start,
                    period_end=C.parse_date(period.get("end"), "period_end"),
                    deadline=C.parse_date(deadline.get("date"), "deadline"),
                    receiver=receiver, details=details)


def _criterion(position: int, c: Mapping[str, Any]) -> MovementCriterion:
    codes = [x["code"] for x in c.get("conditions") or []]
    kind = E.proposed_kind(codes)
    return MovementCriterion(position=position, applies_to=c.get("applies_to") or "all",
                             text=c["text"], kind=kind, threshold=E.default_threshold(kind),
                             reward_form=c.get("reward"), conditions=codes)


def create(s: Session, p: Principal, unit_id: int, name: str, *,
           plan_id: int | None = None) -> dict[str, Any]:
    """A movement typed in by the office, with only its name (and the plan it serves)."""
    unit = access.unit(s, p, unit_id, rules.REVIEW)
    name = " ".join((name or "").split())
    if not name:
        raise FieldError("phong trào thi đua cần có tên.", field="name")
    m = Movement(unit_id=unit.id, name=name, details={})
    if plan_id is not None:
        m.plan_id = _served(s, p, unit.id, plan_id)
    repo.add(s, m)
    audit.record(s, p, m.unit_id, C.MOVEMENT, m.id, "created", None, m.name)
    return C.movement_json(s, p, m)


def _served(s: Session, p: Principal, unit_id: int, plan_id: int) -> int:
    plan = access.plan(s, p, plan_id)
    if plan.unit_id != unit_id:
        raise FieldError(f"kế hoạch số {plan_id} không phải của đơn vị này.", field="plan_id")
    return plan.id


def update(s: Session, p: Principal, movement_id: int, version: int,
           changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change the movement's own fields (EDITABLE); each change audited."""
    m = C.movement(s, p, movement_id, rules.REVIEW)
    C.check_version(m, version, f"Phong trào thi đua số {movement_id}")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise BadInput(f"không sửa được: {', '.join(sorted(unknown))}.")
    after = {k: _value(s, p, m, k, v) for k, v in changes.items()}
    if "name" in after and not after["name"]:
        raise FieldError("phong trào thi đua cần có tên.", field="name")
    start, end = (after.get(k, getattr(m, k)) for k in ("period_start", "period_end"))
    if start and end and end < start:
        raise FieldError("ngày kết thúc trước ngày bắt đầu.", field="period_end")
    before = {k: getattr(m, k) for k in after}
    for k, v in after.items():
        setattr(m, k, v)
    s.flush()
    audit.record_changes(s, p, m.unit_id, C.MOVEMENT, m.id, before, after)
    return C.movement_json(s, p, m)


def _value(s: Session, p: Principal, m: Movement, key: str, value: Any) -> Any:
    if key in DATES:
        return C.parse_date(value, key)
    if key == "plan_id":
        return None if value in (None, "") else _served(s, p, m.unit_id, int(value))
    text = " ".join(str(value or "").split())
    return text or None
