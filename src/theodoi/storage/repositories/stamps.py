"""Reading units' data stamps (see storage/stamping.py for how writes replace them)."""

from __future__ import annotations

import secrets
import weakref
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Engine, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from theodoi.storage import held
from theodoi.storage.models import Plan, Unit, UnitStamp


def fresh(dialect_name: str, unit_ids: set[int] | list[int]) -> Any:
    """An INSERT of a new random stamp for each unit (lowest id first), in the backend's
    own dialect so the caller can add ON CONFLICT (both backends speak it)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    rows = [{"unit_id": i, "stamp": secrets.randbits(63)} for i in sorted(unit_ids)]
    return dialect.insert(UnitStamp).values(rows)


def read(s: Session, unit_ids: list[int]) -> dict[int, int]:
    """The stamp of each unit; a unit that never had one (rows written around the ORM, or
    a database older than stamps) gets one now, so what is cached under it stays valid
    until the next write."""
    found = dict(s.execute(select(UnitStamp.unit_id, UnitStamp.stamp)
                           .where(UnitStamp.unit_id.in_(unit_ids))).all())
    missing = [i for i in unit_ids if i not in found]
    if missing:
        exists = list(s.scalars(select(Unit.id).where(Unit.id.in_(missing))))
        if exists:
            s.execute(fresh(s.get_bind().dialect.name, exists).on_conflict_do_nothing())
            found.update(s.execute(select(UnitStamp.unit_id, UnitStamp.stamp)
                                   .where(UnitStamp.unit_id.in_(exists))).all())
    return found


def known_or_read(s: Session, unit_id: int, known: int | None) -> int | None:
    """`known` (a stamp read with the unit's scope, before any of its rows), or when it
    had none, the one `read` makes now."""
    return known if known is not None else read(s, [unit_id]).get(unit_id)


def _tree() -> Any:
    """Every unit under the one bound to :top (not itself), at any depth."""
    tree = select(Unit.id).where(Unit.parent_id == bindparam("top")).cte(recursive=True)
    return tree.union_all(select(Unit.id).join(tree, Unit.parent_id == tree.c.id))


TREE = _tree()  # (id) of every unit under the one bound to :top
_UNDER = (select(Unit.id, Unit.name, UnitStamp.stamp, Unit.parent_id, Unit.restricted_readers,
                 Unit.level, Plan.id).join(TREE, Unit.id == TREE.c.id)
          .outerjoin(UnitStamp, UnitStamp.unit_id == Unit.id)
          .outerjoin(Plan, (Plan.unit_id == Unit.id) & Plan.restricted.is_(True))
          .order_by(Unit.id, Plan.id))


class Under(NamedTuple):
    """A unit under another, as a province's pages read it on every request."""

    name: str
    stamp: int | None  # None for a unit without one yet (see `read`)
    parent_id: int | None
    readers: str | None  # who reads its restricted plans (Unit.restricted_readers)
    restricted: tuple[int, ...]  # the ids of its restricted plans
    level: str = "xa"  # its level (domain.levels): a commune's thôn are not its peers


def under(s: Session, unit_id: int) -> dict[int, Under]:
    """Each unit under `unit_id` (its communes, at any depth; not itself) by id, in id
    order: name, data stamp, parent, readers and restricted plans, from one query held in
    the session until it writes (storage/held.py). A province's dashboard asks for the
    stamps (its ETag, its communes' rows, its roll-up) and the restricted plans (each
    commune's row, the roll-up) on every request: once, not five times. Read-only; it
    flushes first as the session's own execute would (pending writes are seen), then
    runs on the connection: the ORM's execute path was a quarter of its cost."""
    def query() -> dict[int, Under]:
        if s.autoflush:
            s.flush()  # a no-op when nothing is pending; else it drops what is held
        if held.holds(s, ("nothing under", unit_id)):
            return {}  # the unit's scope, read since the session last wrote, said so
        out: dict[int, Under] = {}
        rows = s.connection().execute(_UNDER, {"top": unit_id}).all()  # one fetch, not one a row
        for i, name, stamp, parent, readers, level, plan_id in rows:
            found = out.get(i)  # a unit has a row per restricted plan, else one
            if found is None:
                out[i] = Under(name, stamp, parent, readers,
                               () if plan_id is None else (plan_id,), level)
            elif plan_id is not None:
                out[i] = found._replace(restricted=(*found.restricted, plan_id))
        return out

    return held.read(s, ("under", unit_id), query)


def all_stamped(found: dict[int, tuple[str, int | None]]) -> bool:
    """Whether every unit of `below`'s answer has its stamp (none is None): a loop in C,
    where a generator over a province's hundred communes ran twice a warm dashboard."""
    return None not in map(itemgetter(1), found.values())


def nothing_under(s: Session, unit_id: int) -> None:
    """No unit stands under `unit_id` (its scope query said so): `under` then answers
    without its query (a commune's dashboard asks), until the session writes."""
    held.hold(s, ("nothing under", unit_id), True)


def below(s: Session, unit_id: int, skip: tuple[str, ...] = ()
          ) -> dict[int, tuple[str, int | None]]:
    """Each unit under `unit_id` (its communes, at any depth; not itself; none of a level
    in `skip`): its name and data stamp, None for a unit without one yet (see `read`);
    from `under`. Read-only."""
    return held.read(s, ("below", unit_id, skip), lambda: {
        i: (u.name, u.stamp) for i, u in under(s, unit_id).items() if u.level not in skip})


_URLS: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def url_of(s: Session) -> str:
    """Which database the session reads: part of every cache key (rendered once per
    engine: a page asks on every request)."""
    bind = s.get_bind()  # a connection when the session was opened on one (not an engine)
    engine = bind if isinstance(bind, Engine) else bind.engine
    url = _URLS.get(engine)
    if url is None:
        url = _URLS[engine] = engine.url.render_as_string(hide_password=False)
    return url
