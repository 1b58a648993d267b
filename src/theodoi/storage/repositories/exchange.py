"""Queries of the exchange between installations: a unit's key, the packages imported,
which local row each record of a package became, and what a unit's package holds."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from theodoi.storage.models import (
    ExchangeImport,
    ExchangeItem,
    ExchangeKey,
    Installation,
    OutgoingDocument,
    Plan,
    ProgressRecord,
    Target,
    Unit,
)


def installation_id(s: Session) -> str | None:
    """This installation's id (the one row of `installation`), None before it is made."""
    return s.scalar(select(Installation.installation_id).where(Installation.id == 1))


def add_installation_id(s: Session, value: str) -> None:
    """Store `value` as this installation's id unless another request stored one first
    (its row then stands: a savepoint keeps the caller's transaction usable)."""
    try:
        with s.begin_nested():
            s.add(Installation(id=1, installation_id=value))
    except IntegrityError:
        pass


def key_of(s: Session, unit_id: int) -> ExchangeKey | None:
    return s.get(ExchangeKey, unit_id)


def keys_below(s: Session, unit_ids: list[int]) -> list[ExchangeKey]:
    """The keys registered for the given units."""
    return list(s.scalars(select(ExchangeKey).where(ExchangeKey.unit_id.in_(unit_ids))
                          .order_by(ExchangeKey.unit_id)))


def add(s: Session, row: object) -> None:
    s.add(row)
    s.flush()


def imported(s: Session, unit_id: int, manifest_sha256: str) -> ExchangeImport | None:
    """The import of this very package for the unit, if it was imported before."""
    return s.scalar(select(ExchangeImport).where(
        ExchangeImport.unit_id == unit_id, ExchangeImport.manifest_sha256 == manifest_sha256))


def newest(s: Session, unit_id: int, period_key: str) -> ExchangeImport | None:
    """The import of the unit's period exported last (row-locked: two imports of one
    period take turns)."""
    return s.scalar(select(ExchangeImport)
                    .where(ExchangeImport.unit_id == unit_id,
                           ExchangeImport.period_key == period_key)
                    .order_by(ExchangeImport.exported_at.desc(), ExchangeImport.id.desc())
                    .limit(1).with_for_update())


def imports_into(s: Session, unit_ids: list[int]) -> list[ExchangeImport]:
    """The packages imported for the given units, newest first."""
    return list(s.scalars(select(ExchangeImport).where(ExchangeImport.unit_id.in_(unit_ids))
                          .order_by(ExchangeImport.imported_at.desc(),
                                    ExchangeImport.id.desc())))


def mapped(s: Session, unit_id: int, kind: str) -> dict[int, int]:
    """remote id -> local id of the unit's records of `kind` brought by packages."""
    rows = s.execute(select(ExchangeItem.remote_id, ExchangeItem.local_id)
                     .where(ExchangeItem.unit_id == unit_id, ExchangeItem.kind == kind))
    return {int(remote): int(local) for remote, local in rows}


def has_own_plans(s: Session, unit_id: int) -> bool:
    """Whether the unit has a plan here that no package brought (typed or imported here)."""
    brought = select(ExchangeItem.local_id).where(ExchangeItem.unit_id == unit_id,
                                                  ExchangeItem.kind == "plan")
    return s.scalar(select(Plan.id).where(Plan.unit_id == unit_id, Plan.id.not_in(brought))
                    .limit(1)) is not None


def units_under(s: Session, unit_id: int) -> list[Unit]:
    """The units right under `unit_id`, by name."""
    return list(s.scalars(select(Unit).where(Unit.parent_id == unit_id).order_by(Unit.name)))


def shared_plans(s: Session, unit_id: int) -> list[Plan]:
    """The unit's plans past the draft (active or closed), oldest first."""
    return list(s.scalars(select(Plan).where(Plan.unit_id == unit_id,
                                             Plan.status.in_(("active", "closed")))
                          .order_by(Plan.id)))


def figures_between(s: Session, target_ids: list[int], start: date, end: date
                    ) -> list[ProgressRecord]:
    """The current figures of the targets for periods ending within [start, end]."""
    if not target_ids:
        return []
    return list(s.scalars(select(ProgressRecord)
                          .where(ProgressRecord.target_id.in_(target_ids),
                                 ProgressRecord.superseded.is_(False),
                                 ProgressRecord.period_end >= start,
                                 ProgressRecord.period_end <= end)
                          .order_by(ProgressRecord.target_id, ProgressRecord.period_end)))


def reports_of(s: Session, unit_id: int, period_keys: list[str]) -> list[OutgoingDocument]:
    """The unit's outgoing documents on the given periods, not cancelled."""
    return list(s.scalars(select(OutgoingDocument)
                          .where(OutgoingDocument.unit_id == unit_id,
                                 OutgoingDocument.period_key.in_(period_keys),
                                 OutgoingDocument.state != "da_huy")
                          .order_by(OutgoingDocument.id)))


def same_document(s: Session, unit_id: int, year: int, symbol: str,
                  number: int) -> OutgoingDocument | None:
    return s.scalar(select(OutgoingDocument).where(
        OutgoingDocument.unit_id == unit_id, OutgoingDocument.year == year,
        OutgoingDocument.symbol == symbol, OutgoingDocument.number == number))


def target_ids_of(s: Session, plan_ids: list[int]) -> list[int]:
    return list(s.scalars(select(Target.id).where(Target.plan_id.in_(plan_ids))))
