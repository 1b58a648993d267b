"""Users, roles and units as a quan_tri manages them on the web: every action scoped.

The CLI acts as the server's owner; here the same services (`users`, `register.units`)
run for a signed-in person, who must hold `administer` at the unit named. Users are
global, so a person is managed only through a unit: a grant at it or below it makes
them visible there, and a password is reset only for someone all of whose grants the
administrator's own grants reach (a commune's quan_tri cannot take over the province's).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.history import admin as admin_log
from theodoi.services.register import agencies, units
from theodoi.storage.models import RoleGrant, Unit, User
from theodoi.storage.repositories import accounts as repo
from theodoi.storage.repositories import units as unit_repo


@dataclass
class GrantRow:
    """One role of a person, as the administration page lists it."""

    unit_id: int
    unit: str
    role: str
    role_label: str
    agency: str | None


@dataclass
class PersonRow:
    username: str
    full_name: str
    active: bool
    must_change_password: bool
    grants: list[GrantRow]


@dataclass
class Administration:
    """What the page of a unit's users and units shows, and what its forms offer."""

    unit: units.UnitRef
    people: list[PersonRow]
    below: list[units.UnitRef]  # the units under this one, where roles may also be given
    parents: list[units.UnitRef]  # where this unit may be moved (administered, not below)
    agencies: list[agencies.AgencyRow]  # the directory, for a don_vi account
    roles: dict[str, str]
    levels: dict[str, str]
    readers: list[str]  # the roles that read the unit's restricted plans


def _subtree(s: Session, unit: Unit) -> list[Unit]:
    """The unit and every unit below it."""
    return [u for u in unit_repo.all_units(s) if unit.id in access.chain(u)]


def _administers(p: Principal, unit: Unit) -> bool:
    return rules.ADMINISTER in access.actions_at(p, unit)


def overview(s: Session, p: Principal, unit_id: int) -> Administration:
    unit = access.unit(s, p, unit_id, rules.ADMINISTER)
    below = _subtree(s, unit)
    subtree = {u.id for u in below}
    people = [_person(u, subtree) for u in repo.all_users(s)
              if any(g.unit_id in subtree for g in u.grants)]
    parents = [units.ref(u) for u in access.my_units(s, p)
               if u.id not in subtree and _administers(p, u)]
    return Administration(units.ref(unit), people,
                          [units.ref(u) for u in below if u.id != unit.id],
                          parents, agencies.directory(s, unit),
                          dict(rules.ROLE_LABELS), dict(units.LEVELS),
                          list(rules.restricted_readers(unit.restricted_readers)))


def _person(user: User, subtree: set[int]) -> PersonRow:
    grants = [GrantRow(g.unit_id, g.unit.name, g.role, rules.ROLE_LABELS[g.role],
                       g.agency.name if g.agency else None)
              for g in user.grants if g.unit_id in subtree]
    return PersonRow(user.username, user.full_name, user.active, user.must_change_password,
                     grants)


def create_user(s: Session, p: Principal, unit_id: int, username: str, password: str, *,
                full_name: str = "", role: str = "", agency_id: int | None = None,
                must_change: bool = True) -> User:
    """A new account with a role at the unit (a don_vi one speaks for `agency_id`)."""
    unit = access.unit(s, p, unit_id, rules.ADMINISTER)
    rules.check_grant(role, agency_id)  # before the account exists: all or nothing
    user = accounts.create_user(s, username, password, full_name=full_name,
                                must_change_password=must_change, p=p, unit_id=unit.id)
    _grant(s, p, user.username, unit, role, agency_id)
    return user


def grant(s: Session, p: Principal, unit_id: int, username: str, role: str,
          agency_id: int | None = None) -> RoleGrant:
    """Give an existing account a role at the unit (and every unit below it)."""
    unit = access.unit(s, p, unit_id, rules.ADMINISTER)
    return _grant(s, p, username, unit, role, agency_id)


def _grant(s: Session, p: Principal, username: str, unit: Unit, role: str,
           agency_id: int | None) -> RoleGrant:
    return accounts.grant(s, username, unit.code, role,
                          str(agency_id) if agency_id is not None else None, p=p)


def revoke(s: Session, p: Principal, unit_id: int, username: str, role: str) -> None:
    """Take back a role given at the unit; never one's own (nobody locks themselves out)."""
    unit = access.unit(s, p, unit_id, rules.ADMINISTER)
    if role not in rules.ROLES:
        raise BadInput(f"vai trò '{role}' không có; dùng: {', '.join(rules.ROLES)}.")
    user = accounts.get_user(s, username)
    found = repo.find_grant(s, user.id, unit.id, role)
    if found is None:
        raise NotFound(f"'{user.username}' không có vai trò {role} ở {unit.name}.")
    if user.id == p.user_id:
        raise BadInput("không thể tự thu hồi vai trò của chính mình; hãy nhờ một quản trị "
                       "khác.")
    before = admin_log.role_text(found.role, found.agency)
    repo.delete_grant(s, found)
    admin_log.role_changed(s, p, user, unit.id, before, None)


def reset_password(s: Session, p: Principal, unit_id: int, username: str,
                   password: str | None, must_change: bool) -> User:
    """Set a new password (every session of the person ends) or, with none given, only
    make them change theirs at the next request."""
    user = _managed(s, p, unit_id, username)
    if password:
        return accounts.set_password(s, user.username, password,
                                     must_change_password=must_change, p=p)
    if not must_change:
        raise BadInput("hãy nhập mật khẩu mới, hoặc chọn bắt đổi mật khẩu.")
    user.must_change_password = True
    s.flush()
    admin_log.password_set(s, p, user, new_password=False, must_change=True)
    return user


def _managed(s: Session, p: Principal, unit_id: int, username: str) -> User:
    """A person shown at the unit whose every grant the administrator's grants reach."""
    unit = access.unit(s, p, unit_id, rules.ADMINISTER)
    subtree = {u.id for u in _subtree(s, unit)}
    user = repo.user_by_name(s, username.strip())
    if user is None or not any(g.unit_id in subtree for g in user.grants):
        raise NotFound(f"đơn vị {unit.name} không có người dùng '{username}'.")
    if not all(_administers(p, g.unit) for g in user.grants):
        raise BadInput(f"'{user.username}' còn có vai trò ở đơn vị bạn không quản trị; "
                       "hãy nhờ quản trị cấp trên đặt mật khẩu.")
    return user


def create_unit(s: Session, p: Principal, unit_id: int, name: str, level: str,
                code: str | None = None) -> Unit:
    """A new unit under this one."""
    above = access.unit(s, p, unit_id, rules.ADMINISTER)
    return units.create(s, name, level=level, parent=above.code, code=code or None, p=p)


def rename(s: Session, p: Principal, unit_id: int, name: str) -> Unit:
    """A unit's new name (its code, which others may have written down, stays)."""
    unit = access.unit(s, p, unit_id, rules.ADMINISTER)
    return units.rename(s, unit, name, p=p)


def set_readers(s: Session, p: Principal, unit_id: int, roles: list[str] | None
                ) -> list[str]:
    """Name the roles that read the unit's restricted plans (None: the default); the
    roles that read them now."""
    unit = access.unit(s, p, unit_id, rules.ADMINISTER)
    made = units.set_restricted_readers(s, p, unit.code, roles)
    return list(rules.restricted_readers(made.restricted_readers))


def move(s: Session, p: Principal, unit_id: int, parent_id: int) -> Unit:
    """Put the unit under another one the person also administers."""
    unit = access.unit(s, p, unit_id, rules.ADMINISTER)
    above = access.unit(s, p, parent_id, rules.ADMINISTER)
    return units.move(s, unit, above, p=p)
