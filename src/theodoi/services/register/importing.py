"""`import_plan`: a plan file becomes a draft plan of a unit, every item proposed.

Importing the same bytes into the same unit again changes nothing. A file that revises a
plan already stored (same document number, or the same kind, title and term; or named
with `revises`) is compared with it: each item is matched to its old version, and the
comparison says what is new, changed, unchanged or removed. Unchanged items carry the
decisions a person already made on the old version.

`offer` shows that comparison before anything is stored, for a person to decide; a file
whose every item and document fact read the same as an open plan's (the PDF of a DOCX
already in the register) is no new version and is refused as a duplicate.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from theodoi.domain.errors import BadInput, NotFound
from theodoi.domain.revisions import same_words
from theodoi.domain.text import fold
from theodoi.extraction import extract, read_source
from theodoi.extraction.errors import FileTooLarge, UnreadableFile
from theodoi.extraction.units import guess_unit
from theodoi.services.register import agencies, cascade, items, revisions, units
from theodoi.services.register.revisions import Comparison
from theodoi.storage.models import Basis, Plan, SourceFile, Target, Task, Unit
from theodoi.storage.repositories import agencies as agency_repo
from theodoi.storage.repositories import plans as repo

Item = TypeVar("Item", Target, Task)


@dataclass
class ImportResult:
    """What an import did, for the edge to print."""

    plan_id: int
    unit: units.UnitRef
    unit_created: bool
    already_stored: bool
    targets: int
    tasks: int
    warnings: list[dict[str, Any]] = field(default_factory=list)
    revises: int | None = None
    comparison: Comparison | None = None
    proposed_agencies: list[str] = field(default_factory=list)


@dataclass
class Offer:
    """What importing a file would do, before anything is stored."""

    unit: str
    filename: str
    already_stored: int | None
    revises: int | None
    comparison: Comparison | None
    extraction: dict[str, Any] = field(repr=False, default_factory=dict)


def read_file(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing a missing or oversized file before reading it."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLarge(f"tệp {size / 1048576:.1f} MB vượt giới hạn "
                               f"{max_bytes / 1048576:.0f} MB.", subject=path.name)
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"không mở được tệp ({exc.strerror}).", subject=str(path)) from exc


def import_plan(s: Session, unit_text: str | None, data: bytes, filename: str, *,
                max_bytes: int, level: str = "xa", parent: str | None = None,
                revises: int | None = None,
                extraction: dict[str, Any] | None = None) -> ImportResult:
    """Store `data` as a draft plan of the unit named `unit_text` (created if new).

    With no unit named, the unit is the one the document says issued it ("Ủy ban nhân dân
    xã Thái Tân"); a document that does not say is refused with a request to name it.
    `extraction` is `data` already extracted (by a job's child process); without it the
    file is extracted here, in this process.
    """
    sha = hashlib.sha256(data).hexdigest()
    stored = repo.source_file(s, sha)
    result = stored.extraction if stored else extraction or extract(
        data, filename=filename, max_bytes=max_bytes)
    if unit_text is None:
        unit_text, level = _unit_of(result, filename)
    unit, created = units.find_or_create(s, unit_text, level=level, parent=parent)
    existing = repo.by_source(s, unit.id, sha)
    if existing is not None:
        return ImportResult(existing.id, units.ref(unit), created, True,
                            len(existing.targets), len(existing.tasks))
    if stored is None:
        repo.add_source_file(s, SourceFile(sha256=sha, name=filename, size=len(data),
                                           format=result["source"].get("format") or "txt",
                                           content=data, extraction=result))
    before = {a.id for a in agency_repo.for_unit(s, unit.id, "proposed")}
    plan = build_plan(s, unit, result, sha, filename)
    cascade.link_plan(s, plan)
    previous = _previous(s, unit, plan, revises)
    comparison = revisions.compare(s, previous, plan) if previous else None
    if previous is not None and comparison is not None:
        refuse_duplicate(s, previous, plan, comparison, data, filename)
    if previous is not None and previous.restricted:  # a new version is no less restricted
        plan.restricted = True
    proposed = [a.name for a in agency_repo.for_unit(s, unit.id, "proposed")
                if a.id not in before]
    return ImportResult(plan.id, units.ref(unit), created, False, len(plan.targets),
                        len(plan.tasks), list(result["warnings"]),
                        previous.id if previous else None, comparison, proposed)


def offer(s: Session, unit_text: str | None, data: bytes, filename: str, *, max_bytes: int,
          revises: int | None = None, extraction: dict[str, Any] | None = None) -> Offer:
    """What `import_plan` would do with `data`, writing nothing: the plan it is a new
    version of and the diff, for the person to confirm; a duplicate is refused here."""
    sha = hashlib.sha256(data).hexdigest()
    stored = repo.source_file(s, sha)
    result = stored.extraction if stored else extraction or extract(
        data, filename=filename, max_bytes=max_bytes)
    if unit_text is None:
        unit_text, _ = _unit_of(result, filename)
    try:
        unit = units.find(s, unit_text)
    except NotFound:  # a new unit has no plan to revise
        return Offer(unit_text, filename, None, None, None, result)
    existing = repo.by_source(s, unit.id, sha)
    if existing is not None:
        return Offer(unit.name, filename, existing.id, None, None, result)
    draft = _plan_of(unit, result, sha, filename)
    previous = _previous(s, unit, draft, revises)
    if previous is None:
        return Offer(unit.name, filename, None, None, None, result)
    comparison = revisions.offer(previous, result)
    refuse_duplicate(s, previous, draft, comparison, data, filename)
    return Offer(unit.name, filename, None, previous.id, comparison, result)


def refuse_duplicate(s: Session, old: Plan, new: Plan, comparison: Comparison, data: bytes,
                     filename: str) -> None:
    """BadInput when `new` is `old` again in another file: the same document facts and
    either every item read the same or the text has the same words (a PDF export reads
    its tables differently from the DOCX, yet it is the same document)."""
    facts = ("kind", "number", "issued_on", "term_start", "term_end")
    same = all(getattr(old, f) == getattr(new, f) for f in facts) and \
        fold(old.title or "") == fold(new.title or "")
    if same and (comparison.identical or _same_text(s, old, data, filename)):
        raise BadInput(f"nội dung trùng với kế hoạch số {old.id} đã có trong sổ "
                       f"({old.title or old.source_name}): cùng số, ngày, trích yếu và mọi "
                       "chỉ tiêu, nhiệm vụ; không lưu bản trùng.", subject=filename)


def _same_text(s: Session, old: Plan, data: bytes, filename: str) -> bool:
    stored = repo.source_file(s, old.source_sha256) if old.source_sha256 else None
    if stored is None:
        return False
    try:  # both files were read once already; a second read cannot be refused for size
        before = read_source(stored.content, stored.name, max_bytes=len(stored.content) + 1)
        now = read_source(data, filename, max_bytes=len(data) + 1)
    except BadInput:
        return False
    return same_words(before[0].text, now[0].text)


def _unit_of(result: dict[str, Any], filename: str) -> tuple[str, str]:
    guess = guess_unit(result["document"])
    if guess is None:
        raise BadInput("văn bản không ghi rõ xã/phường ban hành", subject=filename, steps={
            "cli": "hãy chỉ rõ đơn vị (--unit).",
            "web": "hãy tải văn bản lên từ trang của đơn vị ban hành."})
    return guess


def build_plan(s: Session, unit: Unit, result: dict[str, Any], sha: str | None,
               filename: str | None) -> Plan:
    """A draft plan with its items and bases from one extraction, flushed."""
    doc = result["document"]
    plan = _plan_of(unit, result, sha, filename)
    plan.bases = [Basis(position=i, text=text) for i, text in enumerate(doc.get("bases") or [])]
    s.add(plan)
    directory = agencies.Directory(s, unit)
    with s.no_autoflush:  # one flush at the end, not one per agency looked up
        for position, t in enumerate(result.get("targets") or []):
            plan.targets.append(_item(Target, directory, t, position))
        for position, t in enumerate(result.get("tasks") or []):
            plan.tasks.append(_item(Task, directory, t, position))
    s.flush()
    return plan


def _plan_of(unit: Unit, result: dict[str, Any], sha: str | None,
             filename: str | None) -> Plan:
    """The plan row of an extraction's document facts (not added to the session)."""
    doc = result["document"]
    term = doc.get("term") or {}
    return Plan(unit_id=unit.id, source_sha256=sha, source_name=filename,
                kind=doc.get("kind") or "khac", number=doc.get("number"),
                issued_on=_date(doc.get("issued_on")), place=doc.get("place"),
                issuer=doc.get("issuer"), title=doc.get("title") or "",
                term_start=term.get("start"), term_end=term.get("end"),
                signer=doc.get("signer"), recipients=list(doc.get("recipients") or []),
                restricted=bool(doc.get("restricted")), status="draft")


def _item(model: type[Item], directory: agencies.Directory, t: dict[str, Any],
          position: int) -> Item:
    row = model(position=position, review="proposed", original=t)
    if isinstance(row, Target):
        items.fill_target(row, t)
    else:
        items.fill_task(row, t)
    items.set_span(row, t)
    row.assignments = _assignments(directory, t)
    return row


def _assignments(directory: agencies.Directory, t: dict[str, Any]) -> list[Any]:
    """Lead, co-agencies, leader and advisory body, each resolved in the directory."""
    rows = []
    lead = t.get("lead_agency")
    if lead:
        agency = directory.resolve_if_body(t.get("lead_agency_normalised") or lead)
        rows.append(items.assignment("lead", lead, 0, agency))
    for i, name in enumerate(t.get("co_agencies") or []):
        rows.append(items.assignment("co", name, i, directory.resolve_if_body(name)))
    if t.get("leader"):
        rows.append(items.assignment("leader", t["leader"], 0, None))
    if t.get("advisory_agency"):
        agency = directory.resolve_if_body(t["advisory_agency"])
        rows.append(items.assignment("advisory", t["advisory_agency"], 0, agency))
    return rows


def _previous(s: Session, unit: Unit, plan: Plan, revises: int | None) -> Plan | None:
    """The stored plan that `plan` is a new version of, if any."""
    if revises is not None:
        old = repo.get(s, revises)
        if old is None or old.unit_id != unit.id:
            raise NotFound(f"đơn vị {unit.name} không có kế hoạch số {revises}.")
        if old.status == "closed":
            raise BadInput(f"kế hoạch số {revises} đã đóng; không thể thay bằng bản mới.")
        plan.revises_id = old.id
        return old
    candidates = [p for p in repo.open_plans(s, unit.id) if p.id != plan.id
                  and _same_document(p, plan)]
    if candidates:
        plan.revises_id = candidates[-1].id
        return candidates[-1]
    return None


def _same_document(old: Plan, new: Plan) -> bool:
    if old.number and new.number:
        return fold(old.number) == fold(new.number)
    return (old.kind == new.kind and bool(new.title) and fold(old.title) == fold(new.title)
            and (old.term_start, old.term_end) == (new.term_start, new.term_end))


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
