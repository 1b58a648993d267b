"""The product flow of a task: trình with the file, trả lại with the reason, duyệt."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import approval as rules
from theodoi.domain.errors import BadInput, Forbidden, NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.approval import bodies
from theodoi.services.history import audit
from theodoi.services.progress import evidence, status
from theodoi.services.reminders import tell_product_step
from theodoi.storage.models import Attachment, ProductStep, Task
from theodoi.storage.repositories import approval as repo
from theodoi.storage.repositories import progress as files


@dataclass
class StepRow:
    """A step as pages, the API and the CLI show it."""

    id: int
    action: str
    action_label: str
    state: str
    state_label: str
    made_on: str
    to_body: str | None
    reason: str | None
    file_name: str | None
    by: str | None


def _task(s: Session, p: Principal, ref: str) -> Task:
    item = access.item(s, p, ref)
    if not isinstance(item, Task):
        raise BadInput(f"{ref} là chỉ tiêu; chỉ nhiệm vụ có sản phẩm để trình, duyệt.")
    if item.plan.status != "active":
        raise BadInput(f"kế hoạch của {ref} chưa đưa vào thực hiện (hoặc đã đóng); chưa trình "
                       "được sản phẩm.")
    return item


def _steps(s: Session, task: Task) -> list[rules.Step]:
    return [rules.Step(r.action, r.made_on, r.state) for r in repo.steps(s, task.id)]


def submit(s: Session, p: Principal, ref: str, file: tuple[str, bytes] | None, *, on: date,
           max_bytes: int, to_body: str | None = None) -> dict[str, Any]:
    """Submit task `ref`'s product with its file (checked by content and size before
    anything is stored) to `to_body`, by default the first body the plan names."""
    task = _task(s, p, ref)
    checked = evidence.check(*file, max_bytes) if file is not None else None
    body = (to_body or "").strip() or next(iter(task.submit_to or []), None)
    row = _move(s, p, task, rules.SUBMIT, on=on, has_file=checked is not None, reason=None,
                body=body)
    if checked is not None:
        name, content = checked
        row.attachment_id = files.add_attachment(
            s, hashlib.sha256(content).hexdigest(), name, content).id
        s.flush()
    return product(s, p, ref, on)


def decide(s: Session, p: Principal, ref: str, action: str, *, on: date,
           reason: str | None = None) -> dict[str, Any]:
    """Approve (`duyet`) or return (`tra_lai`, with the reason) the submitted product."""
    if action not in (rules.APPROVE, rules.RETURN):
        raise BadInput(f"thao tác '{action}' không phải duyệt hay trả lại.")
    task = _task(s, p, ref)
    body = submitted_to(s, task)
    deciders = bodies.named_for(s, task, body)
    if deciders is not None and p.username not in deciders:
        raise Forbidden(f"sản phẩm này trình {body}; chỉ {', '.join(deciders)} được giao "
                        f"duyệt hoặc trả lại thay {body}.")
    _move(s, p, task, action, on=on, has_file=False, reason=reason, body=None)
    return product(s, p, ref, on)


def _move(s: Session, p: Principal, task: Task, action: str, *, on: date, has_file: bool,
          reason: str | None, body: str | None) -> ProductStep:
    """Check the move against the flow's table, store it and audit it."""
    before = rules.state_of(_steps(s, task))
    allowed = allowed_for(s, p, task)
    after = rules.next_state(before, action, has_file=has_file, reason=reason, allowed=allowed)
    row = repo.add(s, ProductStep(task_id=task.id, action=action, state=after, made_on=on,
                                  to_body=body, reason=(reason or "").strip() or None,
                                  by=p.username))
    # a step of its own kind: never undone (the next move answers it), and not the
    # task's 'product' field, which an undo of a task field would overwrite
    audit.record(s, p, task.plan.unit_id, "product_step", row.id, "state",
                 rules.STATE_LABELS[before], rules.STATE_LABELS[after],
                 detail={"task": task.id, "action": action, "reason": row.reason})
    said = rules.ACTION_LABELS[action] + (f": {row.reason}" if row.reason else "")
    tell_product_step(s, task, row.id, action, f"Sản phẩm đã {said}", on,
                      bodies.named_for(s, task, body) if action == rules.SUBMIT else None)
    return row


def product(s: Session, p: Principal, ref: str, as_of: date) -> dict[str, Any]:
    """Task `ref`'s product: state, standing on `as_of`, its steps, what the person may do."""
    task = access.item(s, p, ref)
    if not isinstance(task, Task):
        raise BadInput(f"{ref} là chỉ tiêu; chỉ nhiệm vụ có sản phẩm để trình, duyệt.")
    return of_task(s, task, allowed_for(s, p, task), as_of) | {"ref": ref}


def allowed_for(s: Session, p: Principal, task: Task) -> frozenset[str]:
    """What the person may do with the task's product: a co-agency's user sees the task
    (issue 18) but only the lead agency (or the office) submits its product; when the
    unit names who approves for the body it was submitted to, only they decide
    (services/approval/bodies), else the unit's leaders."""
    allowed = access.actions_at(p, task.plan.unit)
    if not access.leads(p, task):
        allowed -= rules.MAY[rules.SUBMIT]
    deciders = bodies.named_for(s, task, submitted_to(s, task))
    if deciders is None:
        return allowed
    decide = rules.MAY[rules.APPROVE] | rules.MAY[rules.RETURN]
    return (allowed - decide) | (decide if p.username in deciders else frozenset())


def submitted_to(s: Session, task: Task) -> str | None:
    """The body the product was last submitted to (None: never submitted, or no body)."""
    found = [r for r in repo.steps(s, task.id) if r.action == rules.SUBMIT]
    return found[-1].to_body if found else None


def of_task(s: Session, task: Task, allowed: frozenset[str], as_of: date) -> dict[str, Any]:
    """The product part of a task's page for a person allowed `allowed` at its unit."""
    rows = repo.steps(s, task.id)
    steps = [rules.Step(r.action, r.made_on, r.state) for r in rows]
    state = rules.state_of(steps)
    code = rules.standing(steps, task.due_date, as_of)
    return {"submit_to": list(task.submit_to or []), "state": state,
            "state_label": rules.STATE_LABELS[state], "standing": code,
            "standing_label": rules.STANDING_LABELS[code],
            "steps": [asdict(_row(s, r)) for r in rows],
            "can_submit": bool(rules.MAY[rules.SUBMIT] & allowed)
            and (state, rules.SUBMIT) in rules.MOVES,
            "can_decide": bool(rules.MAY[rules.APPROVE] & allowed) and state == rules.SUBMITTED}


def _row(s: Session, r: ProductStep) -> StepRow:
    file = repo.attachment(s, r.attachment_id) if r.attachment_id else None
    return StepRow(r.id, r.action, rules.ACTION_LABELS[r.action], r.state,
                   rules.STATE_LABELS[r.state], r.made_on.isoformat(), r.to_body, r.reason,
                   file.name if file else None, r.by)


def step_file(s: Session, p: Principal, ref: str, step_id: int) -> Attachment:
    """The file submitted with step `step_id` of task `ref` (NotFound outside its scope)."""
    task = access.item(s, p, ref)
    row = next((r for r in repo.steps(s, task.id) if r.id == step_id), None)
    file = repo.attachment(s, row.attachment_id) if row and row.attachment_id else None
    if file is None:
        raise NotFound(f"không có tệp của bước {step_id} ở mục {ref}.")
    return file


def open_products(s: Session, p: Principal, unit_id: int, as_of: date) -> dict[str, Any]:
    """The unit's products someone must act on: submitted and waiting for a leader, and
    returned to their lead; an agency user sees only its own tasks'."""
    unit = access.unit(s, p, unit_id)
    waiting: list[dict[str, Any]] = []
    returned: list[dict[str, Any]] = []
    for last in repo.last_steps(s, unit.id):
        task = s.get(Task, last.task_id)
        if task is None or last.state == rules.APPROVED or not access.sees(p, task):
            continue
        steps = [rules.Step(r.action, r.made_on, r.state) for r in repo.steps(s, task.id)]
        code = rules.standing(steps, task.due_date, as_of)
        row = {"ref": f"k{task.id}", "title": task.title or task.text,
               "lead_agency": status.lead_agency(task), "made_on": last.made_on.isoformat(),
               "to_body": last.to_body, "reason": last.reason,
               "due": task.due_date.isoformat() if task.due_date else None,
               "standing": code, "standing_label": rules.STANDING_LABELS[code]}
        (waiting if last.state == rules.SUBMITTED else returned).append(row)
    return {"unit": {"id": unit.id, "name": unit.name}, "as_of": as_of.isoformat(),
            "waiting": waiting, "returned": returned}


def counts(s: Session, unit_id: int, refs: set[str] | None, as_of: date) -> dict[str, int]:
    """The unit's products by where they stand (of the tasks in `refs`, None: all):
    submitted and waiting for a leader, returned to their lead and not submitted again."""
    out = {"waiting": 0, "returned": 0}
    for last in repo.last_steps(s, unit_id):
        if (refs is not None and f"k{last.task_id}" not in refs) or last.made_on > as_of:
            continue
        if last.state == rules.SUBMITTED:
            out["waiting"] += 1
        elif last.state == rules.RETURNED:
            out["returned"] += 1
    return out
