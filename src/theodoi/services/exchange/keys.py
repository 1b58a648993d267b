"""A unit's shared key for its packages: made at the commune (`new`), registered at the
province with the same value (`register`), listed by fingerprint only (never the key)."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput
from theodoi.services.accounts.access import Principal
from theodoi.services.exchange import package
from theodoi.services.exchange.export import unit_for
from theodoi.storage.models import ExchangeKey, Unit, utcnow
from theodoi.storage.repositories import exchange as repo

KEY_BYTES = 32


def new(s: Session, p: Principal | None, unit_id: int) -> str:
    """A fresh random key for the unit, replacing any it had; returned once, to be given
    to the unit above through a safe channel (quan_tri: ADMINISTER)."""
    unit = unit_for(s, p, unit_id, rules.ADMINISTER)
    secret = secrets.token_hex(KEY_BYTES)
    _put(s, p, unit, secret)
    return secret


def register(s: Session, p: Principal | None, unit_id: int, text: str) -> str:
    """Register the key a unit below made (64 hex digits), replacing any it had; returns
    its fingerprint, to compare with the one the commune sees."""
    unit = unit_for(s, p, unit_id, rules.ADMINISTER)  # first: out of scope is not there
    secret = "".join(text.split()).lower()
    try:
        ok = len(bytes.fromhex(secret)) == KEY_BYTES
    except ValueError:
        ok = False
    if not ok:
        raise BadInput(f"khóa trao đổi phải là {2 * KEY_BYTES} chữ số thập lục phân "
                       "(0-9, a-f) như lệnh tạo khóa ở xã in ra.")
    _put(s, p, unit, secret)
    return package.fingerprint(secret)


def _put(s: Session, p: Principal | None, unit: Unit, secret: str) -> None:
    row = repo.key_of(s, unit.id)
    by = p.username if p else None
    if row is None:
        repo.add(s, ExchangeKey(unit_id=unit.id, secret=secret, set_by=by))
        return
    row.secret, row.set_by, row.set_at = secret, by, utcnow()
    s.flush()


def listing(s: Session, p: Principal | None, unit_id: int) -> list[dict[str, Any]]:
    """The keys of the unit and the units right under it: whose, fingerprint, when set."""
    unit = unit_for(s, p, unit_id, rules.ADMINISTER)
    ids = [unit.id, *[u.id for u in repo.units_under(s, unit.id)]]
    names = {unit.id: unit, **{u.id: u for u in repo.units_under(s, unit.id)}}
    return [{"unit": {"id": k.unit_id, "code": names[k.unit_id].code,
                      "name": names[k.unit_id].name},
             "fingerprint": package.fingerprint(k.secret), "set_by": k.set_by,
             "set_at": _iso(k.set_at), "set_text": f"{k.set_at:%H:%M %d/%m/%Y}"}
            for k in repo.keys_below(s, ids)]


def _iso(when: datetime) -> str:
    return when.replace(microsecond=0).isoformat()
