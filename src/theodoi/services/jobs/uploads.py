"""The `import_plan` job: an uploaded plan file stored in the data folder, then read.

`submit_upload` (in the web request) checks the person may upload to the unit, streams
the file to `<data folder>/uploads/` in chunks while counting its size, refuses what is
plainly no document by its first bytes, and queues the job. The runner reads the file in
a child process (runner.extract_step); `import_staged` then writes the plan, in the one
transaction that also marks the job done, so a worker killed mid-import leaves no plan.

A file that is a new version of a plan of the unit is not written at once: the job ends
with the offer (what is new, changed, removed) and keeps a copy of the upload; the person
confirms with `accept_offer`, which queues its import. An offer nobody answers is swept
with the other stale uploads (SWEEP_AFTER).
"""

from __future__ import annotations

import hashlib
import shutil
import time
import uuid
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput
from theodoi.extraction.errors import FileTooLarge
from theodoi.extraction.readers import sniff
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.services.jobs import queue
from theodoi.services.register import importing, revisions
from theodoi.services.register import uploads as checks
from theodoi.settings import Settings
from theodoi.storage.repositories import jobs as job_repo

KIND = "import_plan"
FOLDER = "uploads"
CHUNK = 1 << 20
HEAD = 64 * 1024  # what the quick checks look at before the job is queued


def submit_upload(s: Session, p: Principal, unit_id: int, stream: BinaryIO, filename: str,
                  settings: Settings) -> dict[str, Any]:
    """Store the upload and queue its reading; the job as `queue.view` shows it.

    Refuses, before anything is queued and with the file removed again: a unit the person
    may not upload to, a file over the size limit, a type theodoi does not read, a
    picture, an empty file."""
    unit = access.unit(s, p, unit_id, rules.UPLOAD)
    name = checks.check(b"", filename, settings.max_upload_bytes)  # the name and its type
    stored, size, sha, head = _store(stream, settings, name)
    try:
        checks.check(head, name, settings.max_upload_bytes)
        if not head.startswith(b"PK\x03\x04"):  # a zip's kind needs the whole file: the job
            sniff(head, name)
    except BaseException:
        stored.unlink(missing_ok=True)
        raise
    payload = {"file": f"{FOLDER}/{stored.name}", "filename": name, "size": size,
               "sha256": sha, "unit_code": unit.code}
    return queue.as_dict(queue.add(s, KIND, payload, unit_id=unit.id, p=p))


def _store(stream: BinaryIO, settings: Settings, name: str) -> tuple[Path, int, str, bytes]:
    """Copy the stream into the uploads folder: (path, size, sha256, first bytes);
    FileTooLarge (and nothing kept) once it passes the limit."""
    folder = settings.data_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{Path(name).suffix.lower()}"
    digest, size, head = hashlib.sha256(), 0, b""
    limit = settings.max_upload_bytes
    try:
        with path.open("wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FileTooLarge(f"tệp lớn hơn giới hạn {limit / 1048576:.0f} MB.",
                                       subject=name)
                if len(head) < HEAD:
                    head += chunk[:HEAD - len(head)]
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path, size, digest.hexdigest(), head


def file_of(settings: Settings, payload: dict[str, Any]) -> Path:
    """The stored upload a job's payload names (inside the uploads folder only)."""
    return settings.data_dir / FOLDER / Path(str(payload["file"])).name


def import_staged(s: Session, settings: Settings, unit_id: int, who: Principal | None,
                  payload: dict[str, Any], extraction: dict[str, Any]) -> dict[str, Any]:
    """Write the extracted plan as a draft of the unit (flushed, not committed); what the
    import did, as the upload's answer showed it before uploads became jobs."""
    data = importing.read_file(file_of(settings, payload), settings.max_upload_bytes)
    if not payload.get("confirmed"):
        offered = importing.offer(s, payload["unit_code"], data, payload["filename"],
                                  max_bytes=settings.max_upload_bytes, extraction=extraction)
        if offered.comparison is not None:
            return _offer(settings, payload, offered.comparison)
    result = importing.import_plan(s, payload["unit_code"], data, payload["filename"],
                                   max_bytes=settings.max_upload_bytes, extraction=extraction)
    if not result.already_stored:
        audit.record(s, who, unit_id, "plan", result.plan_id, "status", None, "draft")
    return {"plan_id": result.plan_id, "already_stored": result.already_stored,
            "targets": result.targets, "tasks": result.tasks,
            "warnings": result.warnings, "proposed_agencies": result.proposed_agencies,
            "revises": result.revises}


def _offer(settings: Settings, payload: dict[str, Any],
           c: revisions.Comparison) -> dict[str, Any]:
    """The job's answer for a new version: the diff, and a kept copy of the upload for
    the import the person may confirm (nothing is written to the register)."""
    source = file_of(settings, payload)
    kept = source.with_name(f"{uuid.uuid4().hex}{source.suffix}")
    shutil.copyfile(source, kept)
    counts = {k: c.count(k) for k in ("new", "changed", "unchanged", "removed")}
    return {"plan_id": None, "offer": {
        "revises": c.old_plan, "counts": counts, "file": f"{FOLDER}/{kept.name}",
        "rows": [asdict(r) for r in c.rows if r.change != "unchanged"],
        **{k: payload[k] for k in ("filename", "size", "sha256")}}}


def accept_offer(s: Session, p: Principal, job_id: int, settings: Settings) -> dict[str, Any]:
    """Queue the import of the new version a finished job offered; the new job as
    `queue.view` shows it."""
    job = queue.view(s, p, job_id)
    offer = (job.get("result") or {}).get("offer")
    if job["kind"] != KIND or not offer:
        raise BadInput(f"việc xử lý số {job_id} không có bản mới nào chờ xác nhận.")
    unit = access.unit(s, p, job["unit_id"], rules.UPLOAD)
    if not file_of(settings, offer).is_file():
        raise BadInput("tệp của bản mới không còn trên máy chủ (quá một giờ không xác nhận); "
                       "hãy tải tệp lên lại.", subject=offer["filename"])
    payload = {k: offer[k] for k in ("file", "filename", "size", "sha256")}
    payload.update({"unit_code": unit.code, "confirmed": True})
    return queue.as_dict(queue.add(s, KIND, payload, unit_id=unit.id, p=p))


def sweep(s: Session, settings: Settings, older_than: timedelta,
          now: float | None = None) -> list[str]:
    """Remove stored uploads no queued or running job needs (a job cancelled before it
    ran, an upload whose request failed after the copy) once older than `older_than`,
    so a request still between its copy and its commit keeps its file. Returns the names."""
    folder = settings.data_dir / FOLDER
    if not folder.is_dir():
        return []
    needed = {Path(str(p.get("file", ""))).name for p in job_repo.active_payloads(s)}
    cutoff = (now or time.time()) - older_than.total_seconds()  # file times: epoch seconds
    removed = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name not in needed and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def cleanup(settings: Settings, payload: dict[str, Any]) -> None:
    """Remove the stored upload once its job has ended (the register keeps the bytes)."""
    file_of(settings, payload).unlink(missing_ok=True)
