"""Exchange between installations: a unit's key for signing packages, the packages
imported, and which local record each of a package's records became."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from theodoi.storage.models.base import Base, utcnow

__all__ = ["ExchangeImport", "ExchangeItem", "ExchangeKey", "Installation"]


class Installation(Base):
    """This installation's stable id, made once (by the migration, or on first need) and
    written into every package it exports: a package coming back to the installation that
    made it is refused instead of doubling the plans it already holds. One row."""

    __tablename__ = "installation"
    id: Mapped[int] = mapped_column(primary_key=True)  # always 1: one row
    installation_id: Mapped[str] = mapped_column(String(36), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ExchangeKey(Base):
    """The shared key of a unit's packages (HMAC-SHA256): made by the commune, given to
    the province through a safe channel and registered there; one per unit."""

    __tablename__ = "exchange_keys"
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"),
                                         primary_key=True)
    secret: Mapped[str] = mapped_column(String(128))
    set_by: Mapped[str | None] = mapped_column(String(200))
    set_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ExchangeImport(Base):
    """A package imported: the unit and period it covers, when it was exported (a newer
    one of the same period replaces what an older one brought), its manifest's sha256
    (the same package again changes nothing) and what it brought."""

    __tablename__ = "exchange_imports"
    __table_args__ = (UniqueConstraint("unit_id", "manifest_sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"),
                                         index=True)
    period_key: Mapped[str] = mapped_column(String(20))
    exported_at: Mapped[datetime] = mapped_column(DateTime)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    imported_by: Mapped[str | None] = mapped_column(String(200))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ExchangeItem(Base):
    """A record a package brought: its kind and id at the sending installation, and the
    local row it is (so a newer package updates that row instead of adding another)."""

    __tablename__ = "exchange_items"
    __table_args__ = (UniqueConstraint("unit_id", "kind", "remote_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    remote_id: Mapped[int] = mapped_column(Integer)
    local_id: Mapped[int] = mapped_column(Integer)
    import_id: Mapped[int] = mapped_column(ForeignKey("exchange_imports.id",
                                                      ondelete="CASCADE"), index=True)
