"""The only place that knows the JSON of `theodoi.extraction/1` (shared/spec/extraction.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any, TypeVar

from theodoi.extraction.model import (
    Condition,
    Document,
    Emulation,
    Heading,
    Passage,
    Target,
    Task,
)
from theodoi.extraction.pipeline import Context
from theodoi.extraction.warnings import Warning

Item = TypeVar("Item")

# Minor versions add fields only: 1.1 added `emulation` (a plan that launches a movement).
SCHEMA = "theodoi.extraction/1.1"


def _span(span: tuple[int, int] | None) -> list[int] | None:
    return [span[0], span[1]] if span else None


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "kind": doc.kind, "number": doc.number, "issued_on": doc.issued_on,
        "place": doc.place, "issuer": doc.issuer, "title": doc.title,
        "term": {"start": doc.term[0], "end": doc.term[1]} if doc.term else None,
        "signer": asdict(doc.signer) if doc.signer else None,
        "bases": list(doc.bases), "recipients": list(doc.recipients),
        "restricted": doc.restricted_by is not None,
        "restricted_by": ({"text": doc.restricted_by[0], "span": _span(doc.restricted_by[1])}
                          if doc.restricted_by else None),
    }


def heading_json(h: Heading) -> dict[str, Any]:
    return {"id": h.id, "label": h.label, "title": h.title, "level": h.level,
            "parent": h.parent, "span": _span(h.span)}


def target_json(t: Target) -> dict[str, Any]:
    return {
        "id": t.id, "label": t.label, "section": t.section, "text": t.text,
        "span": _span(t.span), "indicator": t.indicator, "field": t.field, "kind": t.kind,
        "direction": t.direction, "comparator": t.comparator, "value": t.value,
        "value_max": t.value_max, "value_of": t.value_of, "unit": t.unit,
        "per_year": t.per_year, "recurrence": t.recurrence, "deadline_year": t.deadline_year,
        "period": {"start": t.period[0], "end": t.period[1]} if t.period else None,
        "milestones": [{"year": m.year, "value": m.value} for m in t.milestones],
        "lead_agency": t.lead_agency, "lead_agency_normalised": t.lead_agency_normalised,
        "co_agencies": list(t.co_agencies),
        "also_spans": [_span(s) for s in t.also_spans],
        "rule": t.rule,
    }


def task_json(t: Task) -> dict[str, Any]:
    return {
        "id": t.id, "label": t.label, "section": t.section, "text": t.text,
        "span": _span(t.span), "title": t.title, "kind": t.kind, "field": t.field,
        "lead_agency": t.lead_agency, "lead_agency_normalised": t.lead_agency_normalised,
        "co_agencies": list(t.co_agencies), "leader": t.leader,
        "advisory_agency": t.advisory_agency,
        "due": ({"text": t.due.text, "date": t.due.date, "recurrence": t.due.recurrence}
                if t.due else None),
        "submit_to": list(t.submit_to), "product": t.product, "rule": t.rule,
    }


def _passage(p: Passage) -> dict[str, Any]:
    return {"text": p.text, "span": _span(p.span)}


def _conditions(cs: list[Condition]) -> list[dict[str, Any]]:
    return [{"code": c.code, "text": c.text, "value": c.value} for c in cs]


def emulation_json(e: Emulation) -> dict[str, Any]:
    """The `emulation` section (schema 1.1) of a plan that launches a movement."""
    return {
        "name": e.name, "span": _span(e.span), "slogan": e.slogan,
        "period": {"text": e.period_text, "start": e.period_start, "end": e.period_end},
        "contents": [_passage(p) for p in e.contents],
        "participants": {"collectives": [_passage(p) for p in e.collectives],
                         "individuals": [_passage(p) for p in e.individuals]},
        "criteria": [{"text": c.text, "span": _span(c.span), "applies_to": c.applies_to,
                      "reward": c.reward, "conditions": _conditions(c.conditions)}
                     for c in e.criteria],
        "rewards": [{"form": r.form, "awarded_by": r.awarded_by, "proposed": r.proposed,
                     "applies_to": r.applies_to, "text": r.text, "span": _span(r.span),
                     "conditions": _conditions(r.conditions)} for r in e.rewards],
        "dossier": [{"text": d.text, "span": _span(d.span), "kind": d.kind,
                     "form_ref": d.form_ref} for d in e.dossier],
        "deadline": {"text": e.deadline_text, "date": e.deadline, "receiver": e.receiver,
                     "via": e.receiver_via},
        "responsible": [{"body": r.body, "text": r.text, "span": _span(r.span)}
                        for r in e.responsible],
    }


def to_json(ctx: Context, name: str, sha256: str, *, consume: bool = False) -> dict[str, Any]:
    """The full contract object for one extracted document.

    consume: let go of the context while converting it, for a caller that keeps only the
    JSON (a long text's context and its JSON were both held at the end): first the block
    map, clauses and memo (the JSON holds none of them), then the text, once each task has
    cut its own from it (Task.keep_text: the text and the tasks' copies are held together
    only then, with nothing of the JSON made yet), then each item of the outline, targets,
    tasks and warnings once it is converted. The context is then empty."""
    source = {"name": name, "sha256": sha256, "chars": len(ctx.text),
              "format": ctx.source.format, "pages": ctx.source.pages}
    convert = _each
    if consume:
        ctx.source.blocks, ctx.clauses = [], []
        ctx.memo.clear()
        for task in ctx.tasks:
            task.keep_text()
        ctx.source.text = ""
        convert = _drained
    return {
        "schema": SCHEMA,
        "source": source,
        "document": document_json(ctx.document),
        "outline": convert(ctx.outline, heading_json),
        "targets": convert(ctx.targets, target_json),
        "tasks": convert(ctx.tasks, task_json),
        "emulation": emulation_json(ctx.emulation) if ctx.emulation else None,
        "warnings": convert(ctx.warnings, Warning.to_json),
    }


def _each(items: list[Item], convert: Callable[[Item], dict[str, Any]]) -> list[dict[str, Any]]:
    return [convert(item) for item in items]


def _drained(items: list[Item], convert: Callable[[Item], dict[str, Any]]
             ) -> list[dict[str, Any]]:
    """`_each`, emptying `items` as it goes (from the end of the reversed list, so each
    item is let go as soon as it is converted)."""
    items.reverse()
    out = []
    while items:
        out.append(convert(items.pop()))
    return out
