"""What the review screen shows: the plan's items beside its source text, spans marked.

The source text is read again from the stored bytes (the extraction JSON keeps spans,
not the text), once per file in a process.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.errors import BadInput
from theodoi.extraction import read_source
from theodoi.extraction.rules.provenance import RULE_LABELS
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.register import items, plans
from theodoi.services.register import review_edits as edits
from theodoi.storage.models import Plan, Target, Task
from theodoi.storage.repositories import plans as repo

_TEXTS: dict[str, str | None] = {}  # sha256 -> text; a few files, bounded below


def source_text(s: Session, plan: Plan) -> str | None:
    if not plan.source_sha256:
        return None
    if plan.source_sha256 not in _TEXTS:
        stored = repo.source_file(s, plan.source_sha256)
        if stored is None:
            return None
        try:
            text: str | None = read_source(stored.content, stored.name,
                                           max_bytes=len(stored.content) + 1)[0].text
        except BadInput:  # stored before the read limits and over them: the items are
            text = None   # shown without the text, and the file is not read again
        if len(_TEXTS) >= 16:
            _TEXTS.pop(next(iter(_TEXTS)))
        _TEXTS[plan.source_sha256] = text
    return _TEXTS[plan.source_sha256]


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """The text cut into pieces; a piece inside an item's span names the item's ref.

    Overlapping spans are clipped so each character belongs to at most one item.
    """
    out: list[dict[str, Any]] = []
    pos = 0
    for start, end, ref in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            out.append({"text": text[pos:start], "ref": None})
        out.append({"text": text[start:end], "ref": ref})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:], "ref": None})
    return out


def item_row(item: Target | Task) -> dict[str, Any]:
    data = plans.item_view(item)
    data.update({"version": item.version, "kind": "target" if isinstance(item, Target)
                 else "task", "review_label": plans.REVIEW_LABELS[item.review],
                 "item_kind": item.kind, "rule": proposed_by(item)})
    return data


def item_of(s: Session, p: Principal, ref: str) -> dict[str, Any]:
    """One item as the review page shows it (a form shown again with its error)."""
    return item_row(access.item(s, p, ref))


def proposed_by(item: Target | Task) -> str | None:
    """Which rule of the extractor proposed the item, in words; None for an item a person
    added or one read before rules were named."""
    rule = (item.original or {}).get("rule")
    return RULE_LABELS.get(rule) if rule else None


def review_page(s: Session, p: Principal, plan_id: int) -> dict[str, Any]:
    """The plan, its items (only the person's own for an agency user), warnings, text."""
    plan = access.plan(s, p, plan_id)
    visible = [i for i in plan.items if access.sees(p, i)]
    text = source_text(s, plan)
    spans = [(i.span_start, i.span_end, items.ref_of(i)) for i in visible
             if i.span_start is not None and i.span_end is not None]
    stored = repo.source_file(s, plan.source_sha256) if plan.source_sha256 else None
    allowed = access.actions_at(p, plan.unit)
    return {"plan": {**plans.plan_summary(plan), "version": plan.version,
                     "unit_id": plan.unit_id,
                     "status_label": plans.STATUS_LABELS[plan.status]},
            "targets": [item_row(i) for i in visible if isinstance(i, Target)],
            "tasks": [item_row(i) for i in visible if isinstance(i, Task)],
            "warnings": list(stored.extraction.get("warnings") or []) if stored else [],
            "segments": segments(text, spans) if text is not None else [],
            "can_review": rules.REVIEW in allowed and plan.status != "closed",
            "facts": {**edits.plan_facts(plan), "issued_on": plan.issued_on}}
