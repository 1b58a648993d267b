"""Audit entries for the administration of people and units: accounts created, roles
granted and revoked, passwords reset, units created, moved and renamed, target links
decided, plans linked to the plan they implement, who reads restricted plans.

The services that make these changes call here for the web (a signed-in person `p`) and
the command line (`p` None: the server's administrator, written as `SERVER`) alike, so
an entry exists whichever edge made the change. Each entry sits on the unit concerned,
whose history page says it in words; no password is ever written, only that one was set.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.storage.models import Agency, RoleGrant, Unit, User

SERVER = "quản trị máy chủ (dòng lệnh)"  # who acted when the command line did
NEW_PASSWORD = "đặt mật khẩu mới"
MUST_CHANGE = "phải đổi mật khẩu khi đăng nhập"


def _by(p: Principal | None) -> str | None:
    return None if p is not None else SERVER


def role_text(role: str, agency: Agency | None) -> str:
    """'văn phòng', 'đơn vị (cơ quan chủ trì) — Phòng Kinh tế': a grant in words."""
    label = rules.ROLE_LABELS.get(role, role)
    return f"{label} — {agency.name}" if agency is not None else label


def user_created(s: Session, p: Principal | None, user: User, unit_id: int | None) -> None:
    """An account made (at the unit it is made for; None: no unit yet)."""
    audit.record(s, p, unit_id, "user", user.id, "created", None, _who(user),
                 detail={"name": user.username}, username=_by(p))


def role_changed(s: Session, p: Principal | None, user: User, unit_id: int,
                 old: str | None, new: str | None) -> None:
    """A role given (`old` None), changed, or taken back (`new` None) at the unit; a
    grant given again as it was writes nothing."""
    if old == new:
        return
    audit.record(s, p, unit_id, "user", user.id, "role", old, new,
                 detail={"name": user.username}, username=_by(p))


def granted(s: Session, p: Principal | None, user: User, grant: RoleGrant,
            before: str | None) -> None:
    """A grant as it stands now, against what the same role at the unit was before."""
    role_changed(s, p, user, grant.unit_id, before, role_text(grant.role, grant.agency))


def password_set(s: Session, p: Principal | None, user: User, *, new_password: bool,
                 must_change: bool) -> None:
    """A password reset (or only a change demanded), on every unit the person has a role."""
    what = "; ".join(w for w, on in ((NEW_PASSWORD, new_password), (MUST_CHANGE, must_change))
                     if on)
    units: list[int | None] = [*sorted({g.unit_id for g in user.grants})] or [None]
    for unit_id in units:
        audit.record(s, p, unit_id, "user", user.id, "password", None, what,
                     detail={"name": user.username}, username=_by(p))


def _who(user: User) -> str:
    return f"{user.username} ({user.full_name})" if user.full_name else user.username


def unit_created(s: Session, p: Principal | None, unit: Unit) -> None:
    """A unit made: on its own history, and on the history of the unit above it."""
    for at in sorted({unit.id, unit.parent_id} - {None}, key=lambda i: i != unit.id):
        audit.record(s, p, at, "unit", unit.id, "created", None, unit.name,
                     detail={"name": unit.name}, username=_by(p))


def unit_changed(s: Session, p: Principal | None, unit: Unit, field: str, old: str | None,
                 new: str | None) -> None:
    """A unit renamed (`name`), moved (`parent`: the names above) or given other readers
    of its restricted plans (`restricted_readers`); nothing when it stays the same."""
    if old == new:
        return
    audit.record(s, p, unit.id, "unit", unit.id, field, old, new,
                 detail={"name": unit.name}, username=_by(p))


def link_decided(s: Session, p: Principal | None, unit_id: int, link_id: int, old: str,
                 new: str, pair: str) -> None:
    """A suggested target link confirmed or dismissed (`pair`: the two targets' refs)."""
    audit.record(s, p, unit_id, "target_link", link_id, "decision", old, new,
                 detail={"name": pair}, username=_by(p))


def plan_linked(s: Session, p: Principal | None, unit_id: int, plan_id: int,
                old: str | None, new: str | None) -> None:
    """The plan now implements (`new`) or no longer implements (`old`) a higher plan."""
    audit.record(s, p, unit_id, "plan", plan_id, "implements", old, new, username=_by(p))
