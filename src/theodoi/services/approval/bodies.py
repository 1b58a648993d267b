"""Who approves for a body: a unit names the people who approve (or return) the products
submitted to one of its bodies ("BTV Đảng ủy", "HĐND xã"). A body with no one named is
approved by the unit's leaders (the APPROVE right), as before; once someone is named, only
they decide for it, whatever their role (the naming is the grant). Naming is the unit
administrator's (ADMINISTER), audited (`unit` / `approvers`)."""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.storage.models import BodyApprover, Task
from theodoi.storage.repositories import accounts as accounts_repo
from theodoi.storage.repositories import approval as repo

DECIDERS = ("lanh_dao", "van_phong", "quan_tri")  # roles a named approver must hold there


def body_key(text: str) -> str:
    """A body's name folded for matching: NFC, lower case, one space."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def named(s: Session, unit_id: int) -> dict[str, dict[str, Any]]:
    """The unit's bodies with people named: body key -> {"body", "users"}."""
    out: dict[str, dict[str, Any]] = {}
    for row, username in repo.approvers(s, [unit_id]):
        entry = out.setdefault(row.body_key, {"body": row.body, "users": []})
        entry["users"].append(username)
    return out


def named_for(s: Session, task: Task, body: str | None) -> list[str] | None:
    """Who decides on the task's product submitted to `body`; None: the unit's leaders."""
    if not body:
        return None
    found = named(s, task.plan.unit_id).get(body_key(body))
    return list(found["users"]) if found else None


def listing(s: Session, p: Principal, unit_id: int) -> dict[str, Any]:
    """The unit's bodies with their named approvers, for whoever reads the unit."""
    unit = access.unit(s, p, unit_id)
    return {"unit": {"id": unit.id, "name": unit.name},
            "can_edit": rules.ADMINISTER in access.actions_at(p, unit),
            "bodies": sorted(named(s, unit.id).values(), key=lambda b: body_key(b["body"]))}


def set_approvers(s: Session, p: Principal, unit_id: int, body: str,
                  usernames: list[str]) -> dict[str, Any]:
    """Name who approves for `body` at the unit (an empty list: its leaders again). Each
    person must hold a leader's, office's or administrator's role at the unit or above."""
    unit = access.unit(s, p, unit_id, rules.ADMINISTER)
    shown = " ".join(body.split())
    if not shown:
        raise BadInput("cần ghi tên cơ quan được trình (ví dụ: Ban Thường vụ Đảng ủy).")
    reach = set(access.chain(unit))
    rows = []
    for name in dict.fromkeys(u.strip() for u in usernames if u.strip()):
        user = accounts_repo.user_by_name(s, name)
        if user is None or not any(g.unit_id in reach and g.role in DECIDERS
                                   for g in user.grants):
            raise BadInput(f"'{name}' không phải lãnh đạo, văn phòng hay quản trị của "
                           f"{unit.name}; không giao duyệt thay {shown} được.")
        rows.append(BodyApprover(unit_id=unit.id, body=shown, body_key=body_key(shown),
                                 user_id=user.id))
    before = named(s, unit.id).get(body_key(shown), {}).get("users", [])
    repo.replace_approvers(s, unit.id, body_key(shown), rows)
    after = named(s, unit.id).get(body_key(shown), {}).get("users", [])
    audit.record(s, p, unit.id, "unit", unit.id, "approvers",
                 ", ".join(before) or "lãnh đạo đơn vị", ", ".join(after) or "lãnh đạo đơn vị",
                 detail={"name": unit.name, "body": shown})
    return {"unit": {"id": unit.id, "name": unit.name}, "body": shown, "users": after}
