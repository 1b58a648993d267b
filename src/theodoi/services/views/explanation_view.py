"""Explanation requests as the web shows them: scoped to the signed-in person, by role.

A leader (lanh_dao, quan_tri) asks the lead agency of an item to explain it; the agency's
don_vi user sees the requests addressed to it and answers them. Who may do what comes from
`domain.access` (REQUEST_EXPLANATION, ANSWER); an item or request outside the person's
scope answers NotFound, exactly like one that does not exist.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput, Conflict, Forbidden, NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.progress import explanations
from theodoi.services.progress.records import live_item
from theodoi.services.register import items
from theodoi.storage.models import Target, Task
from theodoi.storage.repositories import progress as repo

STATES = {"": "tất cả", "open": "chờ giải trình", "answered": "đã giải trình"}


def _json(row: explanations.RequestRow, item: Target | Task) -> dict[str, Any]:
    data = asdict(row)
    for key in ("requested_at", "answered_at"):
        data[key] = data[key].isoformat(timespec="seconds") if data[key] else None
    data["answer_due"] = row.answer_due.isoformat() if row.answer_due else None
    data["state_label"] = explanations.STATE_LABELS[row.state]
    data["plan_id"] = item.plan_id
    data["lead_agency_id"] = access.lead_agency_id(item)
    return data


def _visible(p: Principal, pairs: list[tuple[explanations.RequestRow, Target | Task]]
             ) -> list[tuple[explanations.RequestRow, Target | Task]]:
    """An agency user sees only the requests on items its agency leads."""
    return [(r, i) for r, i in pairs if access.sees(p, i)]


def unit_requests(s: Session, p: Principal, unit_id: int, state: str = "",
                  agency_id: int | None = None) -> dict[str, Any]:
    """The unit's requests the person sees, newest first, filtered by state and agency."""
    if state not in STATES:
        raise BadInput(f"trạng thái '{state}' không có; dùng open hoặc answered.")
    unit = access.unit(s, p, unit_id)
    pairs = _visible(p, explanations.requests_with_items(s, unit.id))
    counts = {k: sum(1 for r, _ in pairs if r.state == k) for k in ("open", "answered")}
    agencies = sorted({(access.lead_agency_id(i), r.lead_agency) for r, i in pairs
                       if access.lead_agency_id(i) is not None}, key=lambda a: a[1] or "")
    chosen = [(r, i) for r, i in pairs if (not state or r.state == state)
              and (agency_id is None or access.lead_agency_id(i) == agency_id)]
    allowed = access.actions_at(p, unit)
    return {"unit": {"id": unit.id, "name": unit.name, "code": unit.code},
            "filters": {"state": state, "agency_id": agency_id},
            "choices": {"states": [{"value": k, "label": v} for k, v in STATES.items()],
                        "agencies": [{"value": a, "label": n} for a, n in agencies]},
            "counts": counts, "can_answer": rules.ANSWER in allowed,
            "requests": [_json(r, i) for r, i in reversed(chosen)]}


def item_requests(s: Session, p: Principal, ref: str) -> dict[str, Any]:
    """One item, its requests (newest first) and whether the person may ask or answer."""
    item = access.item(s, p, ref)
    unit = item.plan.unit
    allowed = access.actions_at(p, unit)
    mine = items.ref_of(item)
    pairs = [(r, i) for r, i in explanations.requests_with_items(s, unit.id)
             if r.ref == mine]
    text = (item.indicator or item.text) if isinstance(item, Target) else (item.title
                                                                           or item.text)
    return {"item": {"ref": items.ref_of(item), "text": text, "plan_id": item.plan_id,
                     "plan_active": item.plan.status == "active",
                     "lead_agency": next(iter(items.names(item, "lead")), None),
                     "unit": {"id": unit.id, "name": unit.name}},
            "can_request": rules.REQUEST_EXPLANATION in allowed,
            "can_answer": rules.ANSWER in allowed and access.leads(p, item),
            "requests": [_json(r, i) for r, i in reversed(pairs)]}


def request(s: Session, p: Principal, ref: str, question: str,
            period: str | None = None) -> dict[str, Any]:
    """Ask the item's lead agency to explain; one open request per item at a time."""
    item = live_item(access.item(s, p, ref, rules.REQUEST_EXPLANATION))
    ref = items.ref_of(item)
    waiting = [r for r, _i in explanations.requests_with_items(s, item.plan.unit_id, "open")
               if r.ref == ref]
    if waiting:
        raise Conflict(f"mục {ref} đang có yêu cầu giải trình số {waiting[0].id} chờ trả "
                       "lời; hãy đợi cơ quan chủ trì trả lời trước khi hỏi tiếp.")
    row = explanations.request_explanation(s, ref, question, by=p.display_name,
                                           period_text=period or None)
    return _json(row, item)


def answer(s: Session, p: Principal, request_id: int, text: str,
           version: int | None) -> dict[str, Any]:
    """The agency answers a request on its own item, from the version it read."""
    row = repo.explanation(s, request_id)
    missing = NotFound(f"không có yêu cầu giải trình số {request_id}.")
    if row is None:
        raise missing
    ref = f"t{row.target_id}" if row.target_id else f"k{row.task_id}"
    try:
        item = access.item(s, p, ref)
    except NotFound:
        raise missing from None
    rules.require(p.grants, access.chain(item.plan.unit), rules.ANSWER)
    if not access.leads(p, item):  # asked of the lead agency; a co-agency adds its part
        raise Forbidden(f"yêu cầu giải trình của mục {ref} gửi cơ quan chủ trì; cơ quan "
                        "phối hợp ghi phần của mình ở trang của mục.")
    if version is None:
        raise BadInput("thiếu phiên bản của yêu cầu giải trình (version).")
    result = explanations.answer(s, request_id, text, by=p.display_name, version=version)
    return _json(result, item)
