"""The data stamps a page reads, for its HTTP validator (the web's ETag and 304).

Every write that changes what a unit's pages show replaces the unit's data stamp in the
same transaction (storage/stamping.py), so the stamps a page is made from say whether it
can have changed. They are read here, with the person's access checked as the page checks
it, before the page reads any row: a validator is then never newer than the page sent
under it (a write in between makes the next request's stamps differ, never the same).
"""

from __future__ import annotations

from operator import itemgetter

from sqlalchemy.orm import Session

from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.storage.repositories import stamps

Stamps = tuple[object, ...]


def of_unit(s: Session, p: Principal, unit_id: int, *, below: bool = False) -> Stamps:
    """The database and the unit's stamp; with `below`, each unit's under it too (a
    province's dashboard has a row of each; a commune has none). NotFound or Forbidden
    as the unit's pages."""
    scope = access.unit_scope(s, p, unit_id)
    own = stamps.known_or_read(s, unit_id, scope.stamp)
    under = stamps.below(s, unit_id) if below else {}
    return (stamps.url_of(s), unit_id, own,  # (id, stamp) of each, by id
            *sorted(zip(under, map(itemgetter(1), under.values()), strict=True)))


def of_item(s: Session, p: Principal, ref: str) -> Stamps:
    """The database, the item and its unit's stamp; NotFound as the item's page."""
    scope = access.item_scope(s, p, ref)
    return (stamps.url_of(s), ref, stamps.known_or_read(s, scope.chain[0], scope.stamp))
