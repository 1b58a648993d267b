"""Organisation units: find one by code or name, create it when an import names a new one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import levels
from theodoi.domain.errors import BadInput, NotFound
from theodoi.domain.names import slug
from theodoi.services.accounts.access import Principal
from theodoi.services.history import admin as admin_log
from theodoi.storage.models import Unit
from theodoi.storage.repositories import units as repo

LEVELS = levels.LEVELS


@dataclass
class UnitRef:
    """A unit as the edges show it."""

    id: int
    code: str
    name: str
    level: str
    parent: str | None


def ref(unit: Unit) -> UnitRef:
    return UnitRef(unit.id, unit.code, unit.name, unit.level,
                   unit.parent.name if unit.parent else None)


def find(s: Session, text: str) -> Unit:
    """The unit whose code or name is `text`; NotFound or BadInput (ambiguous) otherwise."""
    unit = repo.by_code(s, text.strip())
    if unit:
        return unit
    named = repo.by_name(s, " ".join(text.split()))
    if len(named) == 1:
        return named[0]
    if named:
        codes = ", ".join(u.code for u in named)
        raise BadInput(f"có nhiều đơn vị tên '{text}'; hãy dùng mã: {codes}.")
    raise NotFound(f"không có đơn vị '{text}'.")


def create(s: Session, name: str, *, level: str = "xa", parent: str | None = None,
           code: str | None = None, p: Principal | None = None) -> Unit:
    """A new unit under `parent` (code or name); its code is derived from the names. A
    thôn, tổ dân phố or chi bộ needs a commune as parent (BadInput otherwise). Audited as
    made by `p` (None: the command line or an import naming a new unit)."""
    name = " ".join(name.split())
    if not name:
        raise BadInput("tên đơn vị không được để trống.")
    above = find(s, parent) if parent else None
    levels.check_parent(level, above.level if above else None)
    code = code or (f"{above.code}.{slug(name)}" if above else slug(name))
    if repo.by_code(s, code):
        raise BadInput(f"đã có đơn vị mã '{code}'.")
    unit = repo.add(s, code, name, level, above.id if above else None)
    admin_log.unit_created(s, p, unit)
    return unit


def find_or_create(s: Session, text: str, *, level: str = "xa",
                   parent: str | None = None) -> tuple[Unit, bool]:
    """The unit named `text`, creating it when none exists; (unit, created)."""
    try:
        return find(s, text), False
    except NotFound:
        return create(s, text, level=level, parent=parent), True


def rename(s: Session, unit: Unit, name: str, *, p: Principal | None = None) -> Unit:
    """Give the unit a new name; its code stays (scripts and grants refer to it).
    Audited (by `p`; None: the command line)."""
    name = " ".join(name.split())
    if not name:
        raise BadInput("tên đơn vị không được để trống.")
    before, unit.name = unit.name, name
    s.flush()
    admin_log.unit_changed(s, p, unit, "name", before, name)
    return unit


def move(s: Session, unit: Unit, above: Unit, *, p: Principal | None = None) -> Unit:
    """Put the unit under `above`, which must not be the unit or below it. Audited (by
    `p`; None: the command line)."""
    if unit.id in _chain_ids(above):
        raise BadInput("không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.")
    levels.check_parent(unit.level, above.level)
    before = unit.parent.name if unit.parent else None
    unit.parent = above
    s.flush()
    admin_log.unit_changed(s, p, unit, "parent", before, above.name)
    return unit


def set_restricted_readers(s: Session, p: Principal | None, unit_text: str,
                           roles: list[str] | None) -> Unit:
    """Name the roles that read the unit's restricted plans (None: back to the default,
    rules.RESTRICTED_READERS). Audited (by `p`; None: the command line)."""
    unit = find(s, unit_text)
    setting = None if roles is None else rules.check_readers(roles)
    before = readers_text(unit.restricted_readers)
    unit.restricted_readers = setting
    s.flush()
    admin_log.unit_changed(s, p, unit, "restricted_readers", before, readers_text(setting))
    return unit


def readers_text(setting: str | None) -> str:
    """'lãnh đạo, văn phòng, quản trị': who reads restricted plans, in words."""
    return ", ".join(rules.ROLE_LABELS.get(r, r) for r in rules.restricted_readers(setting)
                     ) or "không ai"


def _chain_ids(unit: Unit) -> set[int]:
    ids: set[int] = set()
    current: Unit | None = unit
    while current is not None and current.id not in ids:
        ids.add(current.id)
        current = current.parent
    return ids


def list_units(s: Session) -> list[UnitRef]:
    return [ref(u) for u in repo.all_units(s)]
