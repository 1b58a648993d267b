"""API tokens: a user's keys for scripts, sent as `Authorization: Bearer …` to /api."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from theodoi.storage.models.accounts import User
from theodoi.storage.models.base import Base, utcnow

__all__ = ["ApiToken"]


class ApiToken(Base):
    """One token of a user: only the sha256 of its random value is stored, with the first
    characters (`prefix`) so a person can tell their tokens apart in a list."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    user: Mapped[User] = relationship()
