"""A plan file uploaded through the web: size and type checked, then imported as a draft.

The edge hands over at most `max_bytes + 1` bytes, so an oversized upload is refused
without reading it all. Any refusal raises before anything is stored, and the edge rolls
the transaction back, so the register never changes on a failed upload.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.extraction.errors import FileTooLarge, UnsupportedFormat
from theodoi.services import access, audit, importing
from theodoi.services.access import Principal

SUFFIXES = {".txt", ".docx", ".pdf", ".doc", ".odt", ".rtf"}
# formats the extraction's reader recognises by content and names in its own message
KNOWN_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff",
               b"GIF8")


def check(data: bytes, filename: str, max_bytes: int) -> str:
    """The file's safe base name; refuse oversized files and binaries that are no document."""
    name = PurePath(filename.replace("\\", "/")).name.strip() or "van-ban.txt"
    if len(data) > max_bytes:
        raise FileTooLarge(f"tệp lớn hơn giới hạn {max_bytes / 1048576:.0f} MB.", subject=name)
    suffix = PurePath(name).suffix.lower()
    if suffix and suffix not in SUFFIXES:
        raise UnsupportedFormat("chỉ nhận tệp DOCX, DOC, ODT, PDF hoặc TXT.", subject=name)
    looks_binary = b"\x00" in data[:4096] and not data.startswith(KNOWN_MAGIC)
    if looks_binary:
        raise UnsupportedFormat("nội dung tệp không phải văn bản (DOCX, PDF hoặc TXT).",
                                subject=name)
    return name


def upload_plan(s: Session, p: Principal, unit_id: int, data: bytes, filename: str, *,
                max_bytes: int) -> dict[str, Any]:
    """Import the file as a draft plan of the unit; returns what the import did."""
    unit = access.unit(s, p, unit_id, rules.UPLOAD)
    name = check(data, filename, max_bytes)
    result = importing.import_plan(s, unit.code, data, name, max_bytes=max_bytes)
    if not result.already_stored:
        audit.record(s, p, unit.id, "plan", result.plan_id, "status", None, "draft")
    return {"plan_id": result.plan_id, "already_stored": result.already_stored,
            "targets": result.targets, "tasks": result.tasks,
            "warnings": result.warnings, "proposed_agencies": result.proposed_agencies,
            "revises": result.revises}
