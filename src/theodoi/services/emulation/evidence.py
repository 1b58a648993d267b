"""The register's evidence for a participant as of a day: which items are its own and what
the status engine says of them, counted against each evidence-linked criterion.

Nothing here decides a status: the targets' and tasks' codes are those of
`progress.status` (as the dashboard shows them on that day), the reports' timeliness that
of `progress.completeness` for the period owed then (as the dashboard's completeness),
and the explanations those of `progress.explanations`. The arithmetic (shares, pass or
fail against the threshold) is `domain.evaluation`'s.

A participant's items: an agency's are those it leads (chủ trì); a thôn/tổ dân phố that is
a unit below has every item of its own plans; a person has none (its criteria are the
council's). A movement serving a plan counts that plan's items only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import emulation as E
from theodoi.domain import evaluation as V
from theodoi.services.progress import completeness, explanations, status
from theodoi.services.progress.status import StatusRow
from theodoi.services.views import dashboard_view
from theodoi.storage.models import Movement, MovementCriterion, MovementParticipant
from theodoi.storage.repositories import evaluation as repo
from theodoi.storage.repositories import status_rows

NO_ITEMS = "Đối tượng không chủ trì chỉ tiêu, nhiệm vụ nào: Hội đồng xem xét."
TARGET_GONE = "Chỉ tiêu không còn trong kế hoạch đang thực hiện."


@dataclass
class Items:
    """A participant's targets and tasks as the status engine saw them on `as_of`."""

    unit_id: int
    as_of: date
    targets: list[StatusRow]
    tasks: list[StatusRow]

    @property
    def refs(self) -> set[str]:
        return {r.ref for r in self.targets + self.tasks}


def items_of(s: Session, m: Movement, part: MovementParticipant, as_of: date) -> Items:
    """The participant's items of the movement's unit (or, for a thôn/tổ that is a unit,
    of its own) as of `as_of`."""
    unit_id = part.unit_id if part.unit_id is not None and part.agency_id is None \
        else m.unit_id
    found = status.status_of_units(s, status_rows.names(s, [unit_id]), as_of)[unit_id]
    keep = _keeps(s, m, part)
    return Items(unit_id, as_of, [r for r in found.targets if keep(r)],
                 [r for r in found.tasks if keep(r)])


def _keeps(s: Session, m: Movement, part: MovementParticipant) -> Any:
    led = repo.led_by(s, part.agency_id) if part.agency_id is not None else None
    own_unit = part.unit_id is not None and part.agency_id is None

    def keep(r: StatusRow) -> bool:
        if m.plan_id is not None and r.plan_id != m.plan_id:
            return False
        return r.ref in led if led is not None else own_unit
    return keep


def applies(c: MovementCriterion, part: MovementParticipant) -> bool:
    """Whether the criterion is for this participant: a collective's for agencies and
    thôn/tổ, an individual's for persons, 'all' for everyone."""
    if c.applies_to == "all":
        return True
    return (c.applies_to == "individual") == (part.kind == "person")


def _item(r: StatusRow, ok: bool, counted: bool = True) -> dict[str, Any]:
    return {"ref": r.ref, "title": r.text, "plan_id": r.plan_id, "code": r.code,
            "label": r.label, "ok": ok, "counted": counted}


def _entry(c: MovementCriterion, part: int, whole: int, items: list[dict[str, Any]],
           note: str | None = None) -> dict[str, Any]:
    return {"criterion_id": c.id, "kind": c.kind, "threshold": c.threshold, "part": part,
            "whole": whole, "share": V.share(part, whole),
            "passed": V.passes(c.kind, c.threshold, part, whole), "items": items,
            "note": note if whole or c.kind in V.EMPTY_PASSES else (note or NO_ITEMS)}


def _targets(c: MovementCriterion, found: Items) -> dict[str, Any]:
    rows = [_item(r, r.code in V.MET_CODES) for r in found.targets]
    return _entry(c, sum(x["ok"] for x in rows), len(rows), rows)


def _tasks(c: MovementCriterion, found: Items) -> dict[str, Any]:
    rows = [_item(r, r.code in V.TASK_ON_TIME, r.code in V.TASK_COUNTED) for r in found.tasks]
    counted = [x for x in rows if x["counted"]]
    left = len(rows) - len(counted)
    note = f"{left} nhiệm vụ chưa đến hạn hoặc tạm dừng, chưa tính." if left else None
    return _entry(c, sum(x["ok"] for x in counted), len(counted), rows, note)


def _reports(s: Session, c: MovementCriterion, found: Items) -> dict[str, Any]:
    period = dashboard_view.current_periods(s, [found.unit_id], found.as_of)[found.unit_id]
    done = completeness.completeness_of_units(
        s, status_rows.names(s, [found.unit_id]), {found.unit_id: period},
        found.as_of)[found.unit_id]
    titles = {r.ref: r for r in found.targets + found.tasks}
    rows = []
    for owed in (o for a in done.agencies for o in a.owed if o.ref in titles):
        on_time = owed.reported_on is not None and owed.reported_on <= owed.due
        label = ("Gửi đúng hạn" if on_time else "Gửi muộn" if owed.reported_on
                 else "Chưa gửi")
        rows.append({**_item(titles[owed.ref], on_time), "label": label,
                     "due": owed.due.isoformat()})
    return _entry(c, sum(x["ok"] for x in rows), len(rows), rows,
                  f"Kỳ báo cáo: {done.period_label}.")


def _explanations(s: Session, c: MovementCriterion, found: Items) -> dict[str, Any]:
    refs = found.refs
    rows: list[dict[str, Any]] = []
    for r, _item_row in explanations.requests_with_items(s, found.unit_id):
        if r.ref not in refs or r.requested_at.date() > found.as_of:
            continue
        answered = r.answered_at is not None and r.answered_at.date() <= found.as_of
        rows.append({"ref": r.ref, "title": f"{r.item_text}: {r.question}",
                     "plan_id": _plan_of(found, r.ref), "code": r.state,
                     "label": "Đã giải trình" if answered else "Chưa giải trình",
                     "ok": answered, "counted": True})
    return _entry(c, sum(bool(x["ok"]) for x in rows), len(rows), rows,
                  None if rows else "Không có yêu cầu giải trình nào.")


def _plan_of(found: Items, ref: str) -> int | None:
    return next((r.plan_id for r in found.targets + found.tasks if r.ref == ref), None)


def _target(s: Session, c: MovementCriterion, m: Movement, as_of: date) -> dict[str, Any]:
    unit = status_rows.names(s, [m.unit_id])
    found = status.status_of_units(s, unit, as_of)[m.unit_id]
    row = next((r for r in found.targets if r.ref == f"t{c.target_id}"), None)
    if row is None:
        return {**_entry(c, 0, 0, [], TARGET_GONE), "passed": None}
    met = row.code in V.MET_CODES
    return {**_entry(c, int(met), 1, [_item(row, met)]), "passed": met}


def fill(s: Session, m: Movement, part: MovementParticipant, as_of: date,
         criteria: Iterable[MovementCriterion]) -> list[dict[str, Any]]:
    """Each evidence-linked criterion of `criteria` that applies to the participant,
    counted as of `as_of`: share, verdict and the items behind the number."""
    found = items_of(s, m, part, as_of)
    out = []
    for c in criteria:
        if c.kind not in E.EVIDENCE_KINDS or not applies(c, part):
            continue
        if c.kind == "targets_met_share":
            out.append(_targets(c, found))
        elif c.kind == "tasks_on_time_share":
            out.append(_tasks(c, found))
        elif c.kind == "reports_on_time_share":
            out.append(_reports(s, c, found))
        elif c.kind == "explanations_answered_share":
            out.append(_explanations(s, c, found))
        else:
            out.append(_target(s, c, m, as_of))
    return out
