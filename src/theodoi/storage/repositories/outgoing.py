"""Queries of the register of outgoing documents: the next number of a unit's year and
symbol (taken atomically), a unit's documents, those sent to a unit, those of the units
below one for a set of periods."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from theodoi.storage.models import OutgoingCounter, OutgoingDocument, Unit


def next_number(s: Session, unit_id: int, year: int, symbol: str) -> int:
    """The next number of the unit's register for `year` and `symbol`, taken for good.

    One statement increments the counter and reads it back: on PostgreSQL it holds the
    counter's row lock until the transaction ends, so a second taker waits and then gets
    the number after; on SQLite the first write takes the database's one write lock. The
    counter row is created first when missing (ON CONFLICT DO NOTHING: two first takers
    create one row). The unique constraint on the documents is the last guard."""
    dialect = postgresql if s.get_bind().dialect.name == "postgresql" else sqlite
    s.execute(dialect.insert(OutgoingCounter)
              .values(unit_id=unit_id, year=year, symbol=symbol, last_number=0)
              .on_conflict_do_nothing())
    taken = s.execute(update(OutgoingCounter)
                      .where(OutgoingCounter.unit_id == unit_id, OutgoingCounter.year == year,
                             OutgoingCounter.symbol == symbol)
                      .values(last_number=OutgoingCounter.last_number + 1)
                      .returning(OutgoingCounter.last_number)
                      .execution_options(synchronize_session=False)).scalar_one()
    return int(taken)


def add(s: Session, row: OutgoingDocument) -> OutgoingDocument:
    s.add(row)
    s.flush()
    return row


def get(s: Session, doc_id: int) -> OutgoingDocument | None:
    return s.get(OutgoingDocument, doc_id)


def of_unit(s: Session, unit_id: int, year: int | None = None) -> list[OutgoingDocument]:
    """The unit's register, newest number first (of one year when given)."""
    query = select(OutgoingDocument).where(OutgoingDocument.unit_id == unit_id)
    if year is not None:
        query = query.where(OutgoingDocument.year == year)
    return list(s.scalars(query.order_by(OutgoingDocument.year.desc(),
                                         OutgoingDocument.number.desc(),
                                         OutgoingDocument.id.desc())))


def sent_to(s: Session, unit_id: int) -> list[OutgoingDocument]:
    """What was sent to the unit (its inbox), newest first."""
    return list(s.scalars(select(OutgoingDocument)
                          .where(OutgoingDocument.to_unit_id == unit_id,
                                 OutgoingDocument.state == "da_gui")
                          .order_by(OutgoingDocument.sent_on.desc(),
                                    OutgoingDocument.id.desc())))


def children(s: Session, unit_id: int) -> list[Unit]:
    """The units right under `unit_id`, by name."""
    return list(s.scalars(select(Unit).where(Unit.parent_id == unit_id).order_by(Unit.name)))


def sent_by_units(s: Session, unit_ids: list[int], period_keys: list[str]
                  ) -> list[OutgoingDocument]:
    """The documents the units sent on any of the periods, oldest first."""
    if not unit_ids or not period_keys:
        return []
    return list(s.scalars(select(OutgoingDocument)
                          .where(OutgoingDocument.unit_id.in_(unit_ids),
                                 OutgoingDocument.period_key.in_(period_keys),
                                 OutgoingDocument.state == "da_gui")
                          .order_by(OutgoingDocument.sent_on, OutgoingDocument.id)))
