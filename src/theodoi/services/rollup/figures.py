"""The roll-up of upper targets: each linked lower unit's latest accepted figure and status,
side by side, with the aggregate by the group's method and its status; a unit with two
targets in the group counts once (domain.rollup.counted_once), the other row marked.

`groups(upper_ids)` reads everything for any number of upper targets and communes in a
fixed number of queries (the targets, the confirmed links with the lower targets and their
units, milestones, current records, chosen methods). A lower target in a plan the person
may not read is left out of the rows and of the aggregate (the caller says which: `reads`),
and the note says how many were left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import rollup as rules
from theodoi.domain import status as status_rules
from theodoi.domain.errors import BadInput
from theodoi.domain.trajectory import Actual
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.services.progress.status import row_facts
from theodoi.services.register import items
from theodoi.storage.models import Target
from theodoi.storage.repositories import rollup as repo


def _everyone(_row: Any) -> bool:
    return True


def groups(s: Session, upper_ids: list[int], as_of: date,
           reads: Callable[[Any], bool] = _everyone) -> dict[int, dict[str, Any]]:
    """The roll-up of each upper target (id -> its group), in its plan's order; `reads`
    says whether the person reads a lower row (GROUP_COLUMNS: unit_id, restricted)."""
    uppers = repo.upper_rows(s, upper_ids)
    lowers: dict[int, list[Any]] = defaultdict(list)
    for row in repo.group_rows(s, upper_ids):
        lowers[row.upper_id].append(row)
    ids = {r.id for rows in lowers.values() for r in rows} | {u.id for u in uppers}
    miles: dict[int, list[tuple[int, float | None]]] = defaultdict(list)
    for target_id, year, planned in repo.milestones(s, ids):
        miles[target_id].append((year, planned))
    known: dict[int, list[Actual]] = defaultdict(list)
    for target_id, on, value, value_of in repo.actuals(s, ids, as_of):
        known[target_id].append(Actual(on, value, value_of))
    chosen = repo.methods(s, upper_ids)
    return {u.id: _group(u, lowers[u.id], miles, known, chosen.get(u.id), as_of, reads)
            for u in uppers}


def _group(upper: Any, rows: list[Any], miles: dict[int, list[tuple[int, float | None]]],
           known: dict[int, list[Actual]], chosen: str | None, as_of: date,
           reads: Callable[[Any], bool]) -> dict[str, Any]:
    shown = [r for r in rows if reads(r)]
    lines = [_line(r, miles[r.id], known[r.id], as_of) for r in shown]
    figures = [rules.Figure(r.unit_name, line["value"], line["on_date"], r.unit, r.population,
                            r.unit_id) for r, line in zip(shown, lines, strict=True)]
    method = chosen or rules.default_method(
        upper.unit, upper.kind, [r.relation or "sum" for r in shown],
        bool(shown) and all(r.population for r in shown))
    found = rules.aggregate(method, figures, upper.unit)
    judged = rules.group_status(row_facts(upper, tuple(miles[upper.id])), found, as_of)
    notes = [found.note] if found.note else []
    if len(shown) < len(rows):
        notes.append(f"{len(rows) - len(shown)} chỉ tiêu trong văn bản hạn chế không được tính")
    return {"upper": {"ref": f"t{upper.id}", "indicator": upper.indicator or upper.text,
                      "value": upper.value, "measure": upper.unit, "unit": upper.unit_name,
                      "unit_id": upper.unit_id, "plan": upper.plan_id,
                      "deadline_year": upper.deadline_year},
            "method": method, "method_label": rules.method_label(method, found.counted, found.of),
            "method_chosen": chosen is not None, "methods": methods_for(upper.unit, upper.kind),
            "aggregate": {"value": found.value, "counted": found.counted,
                          "on": found.on.isoformat() if found.on else None,
                          "on_label": rules.date_label(method),
                          "of": found.of, "note": "; ".join(notes)},
            "status": None if judged is None else {"code": judged.code, "label": judged.label},
            "rows": [{k: v for k, v in line.items() if k != "on_date"}
                     | {"counted": i not in found.doubles,
                        "double_note": rules.ONE_PER_UNIT if i in found.doubles else ""}
                     for i, line in enumerate(lines)]}


def methods_for(measure: str | None, kind: str) -> list[dict[str, str]]:
    """The methods a target's group may add up by, with their labels."""
    allowed = rules.RATE_METHODS if rules.is_rate(measure, kind) else tuple(rules.METHODS)
    return [{"code": m, "label": rules.METHODS[m]} for m in allowed]


def _line(row: Any, miles: list[tuple[int, float | None]], known: list[Actual],
          as_of: date) -> dict[str, Any]:
    """One lower unit's row: its target, latest accepted figure and its status."""
    found = status_rules.target_status(row_facts(row, tuple(miles)), known, as_of,
                                       outlook=False)
    last = max(known, key=lambda a: a.on) if known else None
    return {"link_id": row.link_id, "unit": row.unit_name, "unit_id": row.unit_id,
            "ref": f"t{row.id}", "indicator": row.indicator or row.text,
            "relation": row.relation, "relation_label": rules.RELATIONS.get(row.relation, ""),
            "planned": row.value, "measure": row.unit, "population": row.population,
            "value": None if last is None else last.value,
            "on": None if last is None else last.on.isoformat(),
            "on_date": None if last is None else last.on,
            "status": found.code, "status_label": found.label}


def target_of(s: Session, ref: str) -> Target:
    """The target `ref` ('t12'); NotFound when missing, BadInput for a task."""
    item = items.get_item(s, ref)
    if not isinstance(item, Target):
        raise BadInput(f"{ref} là nhiệm vụ; chỉ chỉ tiêu mới có tổng hợp.")
    return item


def rollup_of(s: Session, ref: str, as_of: date) -> dict[str, Any]:
    """The roll-up of target `ref` as of `as_of`, every linked row (the CLI's: no person)."""
    target = target_of(s, ref)
    return groups(s, [target.id], as_of)[target.id] | {"as_of": as_of.isoformat()}


def choose_method(s: Session, target: Target, method: str, by: str | None,
                  p: Principal | None = None) -> dict[str, Any]:
    """How the target's group adds up from now on; BadInput for a method it cannot use.
    The change is in the target's history (field `rollup_method`; none before: '—')."""
    rules.check_method(method, target.unit, target.kind)
    before = repo.methods(s, [target.id]).get(target.id)
    repo.set_method(s, target.id, method, by)
    audit.record(s, p, target.plan.unit_id, "target", target.id, "rollup_method", before,
                 method, username=by)
    return {"ref": f"t{target.id}", "method": method, "method_label": rules.METHODS[method]}
