"""This installation's stable id: written into each package it exports, so a package
brought back to the installation that made it (its data is already here) is refused
instead of doubling its plans (`check_not_own`)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput
from theodoi.storage.repositories import exchange as repo


def installation_id(s: Session) -> str:
    """The id, made and stored the first time it is asked for (the migration makes it
    for a database it builds)."""
    found = repo.installation_id(s)
    if found is None:
        repo.add_installation_id(s, str(uuid.uuid4()))
        found = repo.installation_id(s)
    assert found is not None  # stored just now, by this request or a concurrent one
    return found


def check_not_own(s: Session, manifest: dict[str, Any], sender_id: int) -> None:
    """BadInput in Vietnamese when the package was exported by this very installation and
    the sending unit's own plans are here (`sender_id`: the unit here): taking it in would
    double them. A database copied to another machine keeps the id it was copied with, so
    the same id alone proves nothing: a package from a sibling copy, of a unit whose plans
    only packages brought here, passes. A package from before ids were written has none and
    passes."""
    if (manifest.get("installation") == installation_id(s)
            and repo.has_own_plans(s, sender_id)):
        unit = manifest.get("unit") or {}
        raise BadInput(f"gói này do chính hệ thống theodoi này xuất (số liệu của "
                       f"{unit.get('name') or unit.get('code')} đã có sẵn ở đây): nhập lại "
                       "sẽ tạo bản trùng. Gói chỉ dùng để gửi sang một hệ thống theodoi "
                       "khác. Không nhập gì.")
