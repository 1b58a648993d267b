"""A revert made ready by an undo handler (shared by undo.py and undo_figures.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from theodoi.services.accounts.access import Principal
from theodoi.storage.models import AuditEntry, Unit


@dataclass
class Step:
    """One revert, ready: what it will change (in words) and the action that does it."""

    entry_id: int
    unit_id: int
    lines: list[str]
    run: Callable[[], dict[str, Any] | None]


Handler = Callable[[Session, Principal, AuditEntry, Unit, "int | None"], Step]
