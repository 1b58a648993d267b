"""'Việc của tôi': the items a person reports on, what is due for the current period, and
the two things they record there (a target's value, a task's update).

An agency user (don_vi, action update_own) reports on its own agency's items only; the
office (van_phong, quan_tri: they assign and chase) may enter any item of the unit, as it
does when an agency hands in a paper report. Everyone else reads but does not record.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.dates import read_day
from theodoi.domain.errors import BadInput, Forbidden
from theodoi.domain.periods import parse_period
from theodoi.domain.status import TASK_STATE_LABELS, TASK_STATES
from theodoi.services import calendars
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.progress import contributions, status
from theodoi.services.progress import evidence as evidence_file
from theodoi.services.progress import records as progress
from theodoi.services.register import items
from theodoi.services.validation import figures, queue
from theodoi.storage.models import Target, Task, Unit
from theodoi.storage.repositories import progress as repo

RECORDERS = (rules.UPDATE_OWN, rules.ASSIGN)  # an agency for itself, the office for all
REFUSED = "vai trò của bạn ở đơn vị này không được cập nhật tiến độ."


def may_record(p: Principal, unit: Unit) -> bool:
    return bool(access.actions_at(p, unit) & set(RECORDERS))


def state_choices() -> list[dict[str, str]]:
    return [{"value": c, "label": TASK_STATE_LABELS[c]} for c in TASK_STATES]


CO_AGENCY = ("cơ quan của bạn phối hợp thực hiện mục {ref}; số liệu và tiến độ do cơ quan "
             "chủ trì báo cáo.")


def _recordable(s: Session, p: Principal, ref: str) -> Target | Task:
    """The item, if the person sees it (else NotFound) and may record its figure (else
    403: a co-agency adds its part instead, see `contribute`)."""
    found = access.item(s, p, ref)
    if not may_record(p, found.plan.unit):
        raise Forbidden(REFUSED)
    if not access.leads(p, found):
        raise Forbidden(CO_AGENCY.format(ref=ref), steps={
            "web": "ghi phần phối hợp của cơ quan ở trang của mục.",
            "cli": "phần phối hợp ghi trên trang web của mục."})
    return found


def contribute(s: Session, p: Principal, ref: str, *, note: str | None = None,
               value: str | float | None = None, period: str | None = None,
               evidence: progress.Evidence | None = None,
               max_evidence_bytes: int = 0) -> dict[str, Any]:
    """A co-agency's part in an item it co-ordinates, by its don_vi user (anyone else:
    403; an item the person does not see: 404)."""
    found = access.item(s, p, ref)
    mine = sorted(access.contributes_as(p, found))
    if not mine or rules.UPDATE_OWN not in access.actions_at(p, found.plan.unit):
        raise Forbidden(f"chỉ cơ quan phối hợp của mục {ref} ghi phần phối hợp.")
    if evidence is not None:
        evidence = evidence_file.check(*evidence, max_evidence_bytes,
                                       "Phần phối hợp chưa được ghi.")
    row = contributions.add(s, found, mine[0], note=note, value=value, period_text=period,
                            attachment=evidence, by=p.username)
    return asdict(row)




def parse_day(text: str | None, what: str = "ngày") -> date | None:
    """The day typed (domain.dates.read_day: dd/mm/yyyy, d.m.yyyy, ddmmyyyy …) or sent as
    ISO yyyy-mm-dd; None for empty, BadInput in Vietnamese for anything else."""
    raw = (text or "").strip()
    if not raw:
        return None
    try:
        return read_day(raw)
    except ValueError:
        raise BadInput(f"{what} '{raw}' không hợp lệ; hãy ghi theo dạng ngày/tháng/năm, ví "
                       "dụ 15/03/2026.") from None


def record_value(s: Session, p: Principal, ref: str, period: str, value: str | float, *,
                 unit: str | None = None, note: str | None = None,
                 evidence: progress.Evidence | None = None,
                 max_evidence_bytes: int, on: date | None = None) -> dict[str, Any]:
    """A target's actual value for a period, by the signed-in person: recorded, or sent
    for validation when an agency user's figures wait at the unit (`waiting` true; see
    services/validation). `on` is the day it was sent (default today).

    The evidence file, when one is sent, is checked (type by content, size) before
    anything is stored; a refused file stores nothing."""
    target = _recordable(s, p, ref)
    if not isinstance(target, Target):
        raise BadInput(f"{ref} là nhiệm vụ; hãy ghi tiến độ nhiệm vụ, không ghi số liệu.")
    if isinstance(value, str) and not value.strip():
        raise BadInput("hãy nhập giá trị thực hiện (một số, ví dụ 123,5).")
    if evidence is not None:
        evidence = evidence_file.check(*evidence, max_evidence_bytes)
    return figures.record_or_send(s, p, ref, period, value,
                                  unit=(unit or "").strip() or None, note=note,
                                  attachment=evidence, on=on or date.today())


def record_task(s: Session, p: Principal, ref: str, state: str, *, on: date,
                percent: str | float | None = None, completed_on: str | None = None,
                product: str | None = None, explanation: str | None = None,
                evidence: progress.Evidence | None = None,
                max_evidence_bytes: int = 0) -> dict[str, Any]:
    """A task's update on day `on`, recorded by the signed-in person, with the product
    file when one is sent (checked as a value's evidence is, before anything is stored)."""
    task = _recordable(s, p, ref)
    if not isinstance(task, Task):
        raise BadInput(f"{ref} là chỉ tiêu; hãy ghi số liệu thực hiện, không ghi tiến độ.")
    if evidence is not None:
        evidence = evidence_file.check(*evidence, max_evidence_bytes,
                                       "Tiến độ chưa được ghi.")
    row = progress.update_task(s, ref, state, on=on, percent=percent,
                               completed_on=parse_day(completed_on, "ngày hoàn thành"),
                               product=product, explanation=explanation,
                               attachment=evidence, by=p.username)
    return asdict(row) | {"state_label": TASK_STATE_LABELS[row.state]}


def _target_entry(t: Target, records: list[Any], as_of: date) -> dict[str, Any]:
    period = progress.report_period(t.plan, as_of)
    last = max(records, key=lambda r: r.period_end) if records else None
    done = any(r.period_key == period.key for r in records)
    return {"ref": items.ref_of(t), "kind": "target", "text": t.indicator or t.text,
            "lead_agency": status.lead_agency(t), "unit": t.unit, "value": t.value,
            "comparator": t.comparator, "value_max": t.value_max,
            "deadline_year": t.deadline_year or t.plan.term_end,
            "period": period.key, "period_label": period.label,
            "report_due": calendars.due_of(t.plan, period).isoformat(),
            "reported": done, "last": None if last is None else {
                "value": last.value, "period_label": parse_period(last.period_key).label}}


def _task_entry(k: Task, latest: Any, as_of: date) -> dict[str, Any]:
    period = progress.report_period(k.plan, as_of)
    return {"ref": items.ref_of(k), "kind": "task", "text": k.title or k.text,
            "lead_agency": status.lead_agency(k),
            "due": k.due_date.isoformat() if k.due_date else None, "due_text": k.due_text,
            "period": period.key, "period_label": period.label,
            "report_due": calendars.due_of(k.plan, period).isoformat(),
            "reported": latest is not None and latest.period_key == period.key,
            "finished": latest is not None and latest.state == "hoan_thanh",
            "last": None if latest is None else {
                "state": latest.state, "state_label": TASK_STATE_LABELS[latest.state],
                "percent": latest.percent, "reported_on": latest.reported_on.isoformat()}}


def entry(s: Session, p: Principal, ref: str, as_of: date) -> dict[str, Any]:
    """One item as 'Việc của tôi' lists it (after a save, to redraw it in place)."""
    found = _recordable(s, p, ref)
    if isinstance(found, Target):
        waiting = queue.waiting_by_target(s, found.plan.unit_id).get(found.id, 0)
        return _target_entry(found, repo.current_for_targets(s, [found.id]), as_of) | {
            "waiting": waiting}
    updates = [u for u in repo.updates_of(s, found.id) if u.reported_on <= as_of]
    return _task_entry(found, updates[-1] if updates else None, as_of)


def my_work_page(s: Session, p: Principal, unit_id: int, as_of: date) -> dict[str, Any]:
    """The items the person reports on at the unit, those still owed for the period first."""
    unit = access.unit(s, p, unit_id)
    if not may_record(p, unit):
        raise Forbidden(REFUSED)
    records: dict[int, list[Any]] = {}
    for r in repo.current_for_unit(s, unit.id):
        records.setdefault(r.target_id, []).append(r)
    latest = {u.task_id: u for u in repo.latest_updates_for_unit(s, unit.id, as_of)}
    all_targets, all_tasks = repo.active_targets(s, unit.id), repo.active_tasks(s, unit.id)
    waiting = queue.waiting_by_target(s, unit.id)
    targets = [_target_entry(t, records.get(t.id, []), as_of) | {"waiting": waiting.get(t.id, 0)}
               for t in all_targets if access.sees(p, t) and access.leads(p, t)]
    tasks = [_task_entry(k, latest.get(k.id), as_of)
             for k in all_tasks if access.sees(p, k) and access.leads(p, k)]
    every: list[Target | Task] = [*all_targets, *all_tasks]
    shared = [_shared_entry(i) for i in every if access.contributes_as(p, i)]
    return {"unit": {"id": unit.id, "name": unit.name}, "as_of": as_of.isoformat(),
            "agency_only": access.agency_filter(p, unit) is not None,
            "targets": sorted(targets, key=lambda e: e["reported"]),
            "tasks": sorted(tasks, key=lambda e: (e["finished"], e["reported"])),
            "shared": shared, "states": state_choices(),
            "waiting": sum(e["waiting"] for e in targets), "validates": unit.validate_figures}


def _shared_entry(i: Target | Task) -> dict[str, Any]:
    """An item the person's agency co-ordinates: it adds its part on the item's page."""
    target = isinstance(i, Target)
    name = i.indicator if isinstance(i, Target) else i.title
    return {"ref": items.ref_of(i), "kind": "target" if target else "task",
            "text": name or i.text,
            "lead_agency": status.lead_agency(i)}
