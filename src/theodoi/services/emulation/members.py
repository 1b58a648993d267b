"""A movement's criteria and participants: added, changed and removed by the office, each
change checked against the movement's (or the row's) version and audited."""

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
from theodoi.storage.models import Movement, MovementCriterion, MovementParticipant, Registration
from theodoi.storage.repositories import accounts as people
from theodoi.storage.repositories import emulation as repo

CRITERION_FIELDS = ("text", "applies_to", "kind", "threshold", "target_id", "reward_form")


def _rule(s: Session, m: Movement, kind: str, threshold: Any, target_id: Any
          ) -> E.CriterionRule:
    """The checked kind/threshold/target; the target must be one of the unit's."""
    try:
        value = None if threshold in (None, "") else float(str(threshold).replace(",", "."))
        target = None if target_id in (None, "") else int(str(target_id).lstrip("Tt"))
    except ValueError:
        raise BadInput("ngưỡng phải là số (%), chỉ tiêu là số hiệu (T12).") from None
    rule = E.check_criterion(kind, value, target)
    if target is not None:
        row = repo.target(s, target)
        if row is None or row.plan.unit_id != m.unit_id:
            raise FieldError(f"không có chỉ tiêu T{target} ở đơn vị này.", field="target_id")
    return rule


def _applies(value: str | None) -> str:
    value = value or "all"
    if value not in E.APPLIES_TO:
        raise FieldError(f"tiêu chí áp dụng cho '{value}' không có; dùng: "
                         f"{', '.join(E.APPLIES_TO)}.", field="applies_to")
    return value


def add_criterion(s: Session, p: Principal, movement_id: int, version: int,
                  fields: Mapping[str, Any]) -> dict[str, Any]:
    """A new criterion at the end of the movement's list."""
    m = C.movement(s, p, movement_id, rules.REVIEW)
    C.check_version(m, version, f"Phong trào thi đua số {movement_id}")
    text = " ".join(str(fields.get("text") or "").split())
    if not text:
        raise FieldError("tiêu chí cần có nội dung.", field="text")
    rule = _rule(s, m, fields.get("kind") or "judged", fields.get("threshold"),
                 fields.get("target_id"))
    row = MovementCriterion(movement_id=m.id, position=len(m.criteria), text=text,
                            applies_to=_applies(fields.get("applies_to")), kind=rule.kind,
                            threshold=rule.threshold, target_id=rule.target_id,
                            reward_form=_form(fields.get("reward_form")), conditions=[])
    repo.add(s, row)
    m.criteria.append(row)
    audit.record(s, p, m.unit_id, C.CRITERION, row.id, "created", None, text)
    return C.criterion_json(row)


def _form(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if value not in E.REWARD_FORMS:
        raise FieldError(f"hình thức khen thưởng '{value}' không có.", field="reward_form")
    return str(value)


def update_criterion(s: Session, p: Principal, criterion_id: int, version: int,
                     changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change a criterion's text, participants, kind, threshold, target or reward form."""
    m, row = C.criterion(s, p, criterion_id, rules.REVIEW)
    C.check_version(row, version, f"Tiêu chí số {criterion_id}")
    unknown = set(changes) - set(CRITERION_FIELDS)
    if unknown:
        raise BadInput(f"không sửa được: {', '.join(sorted(unknown))}.")
    merged = {k: changes.get(k, getattr(row, k)) for k in CRITERION_FIELDS}
    rule = _rule(s, m, merged["kind"], merged["threshold"], merged["target_id"])
    text = " ".join(str(merged["text"] or "").split())
    if not text:
        raise FieldError("tiêu chí cần có nội dung.", field="text")
    after = {"text": text, "applies_to": _applies(merged["applies_to"]), "kind": rule.kind,
             "threshold": rule.threshold, "target_id": rule.target_id,
             "reward_form": _form(merged["reward_form"])}
    before = {k: getattr(row, k) for k in after}
    for k, v in after.items():
        setattr(row, k, v)
    s.flush()
    audit.record_changes(s, p, m.unit_id, C.CRITERION, row.id, before, after)
    return C.criterion_json(row)


def remove_criterion(s: Session, p: Principal, criterion_id: int, version: int) -> int:
    """Remove the criterion; the id of its movement."""
    m, row = C.criterion(s, p, criterion_id, rules.REVIEW)
    C.check_version(row, version, f"Tiêu chí số {criterion_id}")
    audit.record(s, p, m.unit_id, C.CRITERION, row.id, "deleted", row.text, None)
    m.criteria.remove(row)
    s.flush()
    return m.id


def add_participant(s: Session, p: Principal, movement_id: int, version: int,
                    fields: Mapping[str, Any]) -> dict[str, Any]:
    """A participant: `agency_id` (an agency of the unit; a thôn/tổ dân phố may be one),
    `unit_id` (a unit below, for a thôn/tổ dân phố), `username` (a user) or only `name`
    (a named person or a thôn not in the register). Its registration starts as a draft."""
    m = C.movement(s, p, movement_id, rules.REVIEW)
    C.check_version(m, version, f"Phong trào thi đua số {movement_id}")
    part = MovementParticipant(movement_id=m.id, kind=str(fields.get("kind") or ""), name="")
    name = _link(s, p, m, part, fields)
    part.kind, part.name = E.check_participant(part.kind, str(fields.get("name") or name))
    if any(x.name == part.name for x in m.participants):
        raise Conflict(f"“{part.name}” đã là đối tượng của phong trào này.")
    part.registration = Registration(commitments=[], state="draft")
    repo.add(s, part)
    m.participants.append(part)
    audit.record(s, p, m.unit_id, C.PARTICIPANT, part.id, "created", None, part.name)
    return C.participant_json(p, m, part, True)


def _link(s: Session, p: Principal, m: Movement, part: MovementParticipant,
          fields: Mapping[str, Any]) -> str:
    """Fill the participant's link from `fields`; the linked record's name."""
    if fields.get("agency_id") not in (None, ""):
        agency = access.agency(s, p, int(fields["agency_id"]))
        if agency.unit_id != m.unit_id:
            raise FieldError("cơ quan này không thuộc đơn vị của phong trào.", field="agency_id")
        part.agency_id = agency.id
        return agency.name
    if fields.get("unit_id") not in (None, ""):
        unit = access.unit(s, p, int(fields["unit_id"]))
        if unit.parent_id != m.unit_id:
            raise FieldError("thôn, tổ dân phố phải là đơn vị trực thuộc.", field="unit_id")
        part.unit_id = unit.id
        return unit.name
    if fields.get("username"):
        user = people.user_by_name(s, str(fields["username"]))
        if user is None:
            raise FieldError(f"không có người dùng '{fields['username']}'.", field="username")
        part.user_id = user.id
        return user.full_name or user.username
    return ""


def remove_participant(s: Session, p: Principal, participant_id: int, version: int) -> int:
    """Remove the participant with its registration; the id of its movement."""
    m, part = C.participant(s, p, participant_id)
    access.unit(s, p, m.unit_id, rules.REVIEW)
    C.check_version(part, version, f"Đối tượng thi đua số {participant_id}")
    audit.record(s, p, m.unit_id, C.PARTICIPANT, part.id, "deleted", part.name, None)
    m.participants.remove(part)
    s.flush()
    return m.id
