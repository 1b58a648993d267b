"""Making a package: a unit's plans past the draft with their accepted items, the current
figures of the period, and its outgoing reports of the period with their files, signed
with the unit's key (package.build)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput
from theodoi.domain.names import slug
from theodoi.domain.periods import KINDS, Period, parse_period, periods_in
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.exchange import identity, package
from theodoi.storage.models import OutgoingDocument, Plan, ProgressRecord, Target, Task, Unit
from theodoi.storage.repositories import exchange as repo
from theodoi.storage.repositories import progress as files_repo
from theodoi.storage.repositories import units as unit_repo

KEPT = ("accepted", "corrected", "added")  # items a person confirmed; proposals stay home
PLAN_FIELDS = ("kind", "number", "issued_on", "issuer", "title", "term_start", "term_end",
               "status", "restricted", "place")
TARGET_FIELDS = ("position", "label", "section", "text", "indicator", "field", "kind",
                 "direction", "comparator", "value", "value_max", "value_of", "unit",
                 "per_year", "recurrence", "deadline_year", "period_start", "period_end",
                 "baseline_value", "baseline_year", "review")
TASK_FIELDS = ("position", "label", "section", "text", "title", "kind", "field", "due_text",
               "due_date", "due_recurrence", "product", "review")
REPORT_FIELDS = ("year", "symbol", "number", "issued_on", "report_kind", "period_key",
                 "title", "state", "sent_on")


def unit_for(s: Session, p: Principal | None, unit_id: int, action: str) -> Unit:
    """The unit, checked for `p` (None: the command line, run by whoever runs the server)."""
    if p is not None:
        return access.unit(s, p, unit_id, action)
    found = unit_repo.get(s, unit_id)
    if found is None:
        raise BadInput(f"không có đơn vị số {unit_id}.")
    return found


def export(s: Session, p: Principal | None, unit_id: int, period_text: str,
           now: datetime) -> tuple[str, bytes]:
    """The signed package of the unit's `period_text` (file name, zip bytes); the office
    (SEND: the same right as sending a report up) makes it."""
    unit = unit_for(s, p, unit_id, rules.SEND)
    key = repo.key_of(s, unit.id)
    if key is None:
        raise BadInput(f"{unit.name} chưa có khóa trao đổi: quản trị tạo khóa (theodoi "
                       "exchange keys new) rồi gửi cấp trên đăng ký trước khi xuất gói.")
    period = parse_period(period_text)
    plans = repo.shared_plans(s, unit.id)
    parts, counts = _parts(s, plans, period)
    head = {"schema": package.SCHEMA, "period": {"key": period.key, "label": period.label,
            "start": period.start.isoformat(), "end": period.end.isoformat()},
            "unit": {"code": unit.code, "name": unit.name, "level": unit.level},
            "exported_at": now.replace(microsecond=0).isoformat(), "counts": counts,
            "installation": identity.installation_id(s)}
    name = f"goi-{slug(unit.code)}-{period.key}.zip"
    return name, package.build(head, parts, key.secret)


def _parts(s: Session, plans: list[Plan], period: Period
           ) -> tuple[dict[str, bytes], dict[str, int]]:
    targets = [t for x in plans for t in x.targets if t.review in KEPT]
    figures = repo.figures_between(s, [t.id for t in targets], period.start, period.end)
    reports = repo.reports_of(s, plans[0].unit_id, _keys_within(period)) if plans else []
    parts = {"plans.json": _json([_plan(x) for x in plans]),
             "figures.json": _json([_figure(r) for r in figures]),
             "reports.json": _json([_report(d) for d in reports])}
    for d in reports:
        for which, file_id in (("docx", d.docx_id), ("signed", d.signed_id)):
            stored = files_repo.attachment(s, file_id) if file_id else None
            if stored is not None:
                parts[f"files/{d.id}-{which}"] = stored.content
    counts = {"plans": len(plans), "targets": len(targets),
              "tasks": sum(t.review in KEPT for x in plans for t in x.tasks),
              "figures": len(figures), "reports": len(reports)}
    return parts, counts


def _keys_within(period: Period) -> list[str]:
    """The keys of every calendar period lying within `period` (its reports' periods)."""
    years = range(period.start.year, period.end.year + 1)
    return [x.key for kind in KINDS[:5] for y in years for x in periods_in(kind, y, y)
            if period.start <= x.start and x.end <= period.end]


def _json(rows: list[dict[str, Any]]) -> bytes:
    return json.dumps(rows, ensure_ascii=False, indent=1, default=_plain).encode()


def _plain(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _fields(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def _plan(x: Plan) -> dict[str, Any]:
    return {"id": x.id, **_fields(x, PLAN_FIELDS),
            "targets": [_target(t) for t in x.targets if t.review in KEPT],
            "tasks": [_task(t) for t in x.tasks if t.review in KEPT]}


def _target(t: Target) -> dict[str, Any]:
    return {"id": t.id, **_fields(t, TARGET_FIELDS),
            "milestones": [[m.year, m.value] for m in t.milestones]}


def _task(t: Task) -> dict[str, Any]:
    return {"id": t.id, **_fields(t, TASK_FIELDS)}


def _figure(r: ProgressRecord) -> dict[str, Any]:
    return {"id": r.id, "target": r.target_id, "period_key": r.period_key,
            "period_end": r.period_end, "value": r.value, "value_of": r.value_of,
            "entered_value": r.entered_value, "entered_unit": r.entered_unit,
            "note": r.note}


def _report(d: OutgoingDocument) -> dict[str, Any]:
    return {"id": d.id, **_fields(d, REPORT_FIELDS), "has_signed": d.signed_id is not None}
