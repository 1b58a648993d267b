"""Web account models: users, role grants, sessions, login attempts, the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from theodoi.storage.models.base import Base, utcnow
from theodoi.storage.models.register import Agency, Unit  # the targets of relationships

__all__ = [
    "ACCESS_ROLES",
    "AuditEntry",
    "LoginAttempt",
    "LoginLimit",
    "RoleGrant",
    "User",
    "WebSession",
]


ACCESS_ROLES = ("quan_tri", "lanh_dao", "van_phong", "don_vi", "xem")


class User(Base):
    """A person who signs in to the web application; the password is an argon2 hash."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)
    grants: Mapped[list[RoleGrant]] = relationship(back_populates="user",
                                                   cascade="all, delete-orphan")
    __mapper_args__ = {"version_id_col": version}


class RoleGrant(Base):
    """A role of a user at a unit (and every unit below it); don_vi names its agency."""

    __tablename__ = "role_grants"
    __table_args__ = (
        UniqueConstraint("user_id", "unit_id", "role"),
        CheckConstraint("role in ('quan_tri', 'lanh_dao', 'van_phong', 'don_vi', 'truong', 'xem')",
                        name="role"),
        CheckConstraint("(role = 'don_vi') = (agency_id is not null)", name="agency"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[User] = relationship(back_populates="grants")
    unit: Mapped[Unit] = relationship()
    agency: Mapped[Agency | None] = relationship()


class WebSession(Base):
    """A signed-in browser: only the sha256 of its random token is stored."""

    __tablename__ = "web_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user: Mapped[User] = relationship()


class LoginAttempt(Base):
    """One sign-in attempt, kept to limit guessing per username and per client address."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_username_at", "username", "at"),
                      Index("ix_login_attempts_client_at", "client", "at"))
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    client: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    success: Mapped[bool] = mapped_column(Boolean, default=False)


class LoginLimit(Base):
    """Sign-in attempts counted per key ('a:<address>' or 'u:<username>') in the current
    window, and when the next one may be checked. One row per key, changed by one UPDATE
    each attempt, so concurrent attempts are counted one by one (services/accounts/users.py)."""

    __tablename__ = "login_limits"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    strikes: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[datetime] = mapped_column(DateTime)
    next_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """Who changed which field of which record, from what to what (audit history)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity_kind", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str | None] = mapped_column(String(80))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"),
                                                index=True)
    entity_kind: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(60))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    # the entry this one undoes (a revert is a new entry, history is never deleted)
    reverts_id: Mapped[int | None] = mapped_column(Integer)
    # JSON of what an undo needs beyond old/new (a merge's moved rows, a record's ids)
    detail: Mapped[str | None] = mapped_column(Text)
