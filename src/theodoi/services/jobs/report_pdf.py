"""The `report_pdf` job: a report converted to PDF by LibreOffice off the web request.

`submit_report_pdf` (in the request) checks access and the request exactly as a direct
download does, so a wrong kind or period is refused at once and never queued. The runner
builds the report, converts it (tools/soffice.py runs one conversion at a time, sandboxed)
and stores the PDF in `<data folder>/reports/`; the job's result names it, and
`report_file` hands it to whoever may read the job. The sweep removes a stored PDF
KEEP after it was made, or once no job names it (after runner.SWEEP_AFTER).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain.errors import NotFound
from theodoi.services import uow
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.jobs import queue
from theodoi.services.reporting import report_data as reporting
from theodoi.services.reporting import report_files
from theodoi.services.reporting.report_files import ReportFile
from theodoi.settings import Settings
from theodoi.storage.repositories import jobs as job_repo
from theodoi.storage.repositories import plans as plan_repo

KIND = "report_pdf"
FOLDER = "reports"
KEEP = timedelta(hours=24)  # a day to download it; asking again makes a fresh one
BUILDING = "Đang lập báo cáo…"
CONVERTING = "Đang chuyển sang PDF bằng LibreOffice…"
GONE = "tệp PDF của việc số {job_id} không còn (đã quá hạn giữ hoặc chưa tạo xong); hãy tạo lại."


def submit_report_pdf(s: Session, p: Principal, unit_id: int, kind: str, period: str,
                      plan_id: int | None, today: date,
                      request: str | None = None) -> dict[str, Any]:
    """Queue the PDF of a report someone who reads the unit asks for; the job as
    `queue.view` shows it. BadInput / NotFound, and nothing queued, as a download gives."""
    unit, period = report_files.checked(s, p, unit_id, kind, period, "pdf", plan_id)
    payload = {"kind": kind, "period": period, "plan_id": plan_id,
               "today": today.isoformat(), "unit_code": unit.code,
               "request": report_files.request_text(request),
               "without": sorted(access.hidden_plans(s, p, unit)),
               "restricted": not access.hidden_plans(s, p, unit) and bool(
                   plan_repo.restricted_ids(s, [unit.id])),
               "filename": report_files.filename(kind, period, unit.name, plan_id, "pdf")}
    return queue.as_dict(queue.add(s, KIND, payload, unit_id=unit.id, p=p))


def prepare(settings: Settings, c: queue.Claim, keep_going: Callable[[], bool],
            progress: Callable[[int, str], None]) -> str:
    """Build the report (a short read transaction), convert it and store the PDF; the
    stored name. A conversion that fails raises PdfUnavailable with its Vietnamese text."""
    progress(10, BUILDING)
    req = reporting.Request(c.payload["unit_code"], c.payload["kind"], c.payload["period"],
                            c.payload["plan_id"], today=date.fromisoformat(c.payload["today"]),
                            request=c.payload.get("request"),
                            without=frozenset(c.payload.get("without") or ()))
    with uow.transaction(settings) as s:
        report = reporting.build_report(s, req)
    progress(30, CONVERTING)
    content = reporting.render(report, "pdf")
    folder = settings.data_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.pdf"
    path.write_bytes(content)
    return path.name


def write(s: Session, settings: Settings, c: queue.Claim, stored: str) -> dict[str, Any]:
    """The job's result: the stored PDF's name and its Vietnamese file name."""
    return {"file": stored, "filename": c.payload["filename"]}


def cleanup(settings: Settings, payload: dict[str, Any]) -> None:
    """Nothing to remove when the job ends: the PDF stays for download until the sweep."""


def report_file(s: Session, p: Principal, settings: Settings, job_id: int) -> ReportFile:
    """The PDF a done `report_pdf` job made, for whoever may read the job (NotFound
    otherwise, and once the sweep removed it)."""
    job = queue.view(s, p, job_id)
    if job["kind"] == KIND and _holds_restricted(s, p, job_id):
        raise NotFound(GONE.format(job_id=job_id))
    result = job["result"] or {}
    path = _path(settings, str(result.get("file", "")))
    if job["kind"] != KIND or job["state"] != "done" or path is None or not path.is_file():
        raise NotFound(GONE.format(job_id=job_id))
    return ReportFile(path.read_bytes(), str(result["filename"]),
                      report_files.MEDIA_TYPES["pdf"])


def _holds_restricted(s: Session, p: Principal, job_id: int) -> bool:
    """Whether the job's PDF counts restricted plans the person does not read (it was
    asked for by one of their readers)."""
    row = job_repo.get(s, job_id)
    if row is None or not (row.payload or {}).get("restricted") or row.unit_id is None:
        return False
    return not access.reads_restricted(p, access.unit(s, p, row.unit_id))


def _path(settings: Settings, name: str) -> Path | None:
    """The stored PDF of that name, inside the reports folder only."""
    name = Path(name).name
    return settings.data_dir / FOLDER / name if name else None


def sweep(s: Session, settings: Settings, unnamed_after: timedelta,
          now: float | None = None) -> list[str]:
    """Remove stored PDFs older than KEEP, and those no job names (its job was removed,
    or cancelled between conversion and write) once older than `unnamed_after`."""
    folder = settings.data_dir / FOLDER
    if not folder.is_dir():
        return []
    named = {Path(str(r.get("file", ""))).name for r in job_repo.results(s, KIND)}
    now = now or time.time()  # file times: epoch seconds
    removed = []
    for path in sorted(folder.iterdir()):
        age = now - path.stat().st_mtime if path.is_file() else -1.0
        if age > KEEP.total_seconds() or (path.name not in named
                                          and age > unnamed_after.total_seconds()):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed
