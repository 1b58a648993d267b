"""The unit above's side of outgoing reports: its inbox (văn bản đến: what the units below
sent it, received on the day they were sent) and the table of which unit below sent which
periodic report of a year, which are late by the reporting calendar, which are not due."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import outgoing as flow
from theodoi.domain.calendars import Stream
from theodoi.domain.errors import BadInput
from theodoi.domain.periods import Period, periods_in
from theodoi.reports.model import REPORT_KINDS
from theodoi.services import calendars
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.outgoing.register import row_of
from theodoi.services.reporting import report_files
from theodoi.storage.models import OutgoingDocument, Plan, Unit
from theodoi.storage.repositories import outgoing as repo
from theodoi.storage.repositories import plans as plans_repo

PERIODIC = ("quy", "6_thang", "9_thang", "nam")  # the reports a calendar makes due


def inbox(s: Session, p: Principal, unit_id: int) -> dict[str, Any]:
    """What the units below sent to the unit, newest first, for whoever reads the unit."""
    unit = access.unit(s, p, unit_id)
    return {"unit": {"id": unit.id, "name": unit.name},
            "documents": [row_of(s, r) for r in repo.sent_to(s, unit.id)]}


def overview(s: Session, p: Principal, unit_id: int, kind: str, year: int,
             today: date) -> dict[str, Any]:
    """Each unit right below × each period of `kind` in `year`: the reports it sent (with
    number, date and file), or late (past the due day of its plans' reporting calendar),
    or not due yet; a unit with no active plan owing that report is marked so."""
    unit = access.unit(s, p, unit_id)
    if kind not in PERIODIC:
        raise BadInput(f"loại báo cáo '{kind}' không phải báo cáo định kỳ; dùng "
                       + ", ".join(PERIODIC) + ".")
    if not 2000 <= year <= 2100:
        raise BadInput(f"năm '{year}' không hợp lệ.")
    periods = periods_in(REPORT_KINDS[kind], year, year)
    below = repo.children(s, unit.id)
    sent = [d for d in repo.sent_by_units(s, [u.id for u in below], [x.key for x in periods])
            if d.report_kind == kind]
    rows: list[dict[str, Any]] = []
    cells: list[dict[str, Any]] = []
    for u in below:
        plans = plans_repo.for_unit(s, u.id)
        mine = [_cell(s, u, plans, x, sent, today) for x in periods]
        rows.append({"unit": {"id": u.id, "name": u.name}, "cells": mine})
        cells += mine
    counts = {code: sum(c["standing"] == code for c in cells) for code in flow.STANDING_LABELS}
    return {"unit": {"id": unit.id, "name": unit.name}, "kind": kind,
            "kind_label": report_files.KIND_LABELS[kind], "year": year,
            "today": today.isoformat(), "kinds": [
                {"value": k, "label": report_files.KIND_LABELS[k]} for k in PERIODIC],
            "periods": [{"key": x.key, "label": x.label} for x in periods],
            "rows": rows, "counts": counts,
            "labels": flow.STANDING_LABELS}


def _owing(plans: list[Plan], period: Period) -> list[Stream]:
    """The streams of the unit's active plans (issued by then) that owe a report on
    `period` (services/calendars: a plan may report to several bodies)."""
    return [st for x in plans if x.status == "active"
            and (x.issued_on is None or x.issued_on <= period.end)
            for st in calendars.of_plan(x) if flow.expected(st.every, period.kind)]


def _cell(s: Session, unit: Unit, plans: list[Plan], period: Period,
          sent: list[OutgoingDocument], today: date) -> dict[str, Any]:
    owing = _owing(plans, period)
    due = min(st.due(period) for st in owing) if owing else None
    docs = [d for d in sent if d.unit_id == unit.id and d.period_key == period.key]
    first = min((d.sent_on for d in docs if d.sent_on), default=None)
    if due is None:
        code = flow.SENT_ON_TIME if docs else None
    else:
        code = flow.standing(first, due, today)
    return {"period": period.key, "due": due.isoformat() if due else None,
            "standing": code,
            "label": flow.STANDING_LABELS[code] if code else "không có kế hoạch phải báo cáo",
            "documents": [row_of(s, d) for d in docs]}
