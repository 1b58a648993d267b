"""Ranking of a movement's collective participants by completion as of a day, and the
movement's results (every filled sheet with its verdict, vote and decision).

Completion is what the status engine says of each participant's own items
(`evidence.items_of`): the rate of its targets at đạt / vượt, the share of its tasks done
on time among those finished or overdue, and their mean as the combined score; the
ranking and its ties in words are `domain.evaluation.rank`'s. An agency user sees its
own row (with its rank) and no other's.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import evaluation as V
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import common as C
from theodoi.services.emulation import evaluation, evidence
from theodoi.storage.models import MovementParticipant
from theodoi.storage.repositories import evaluation as repo


def _standing(part: MovementParticipant, found: evidence.Items) -> V.Standing:
    tasks = [r for r in found.tasks if r.code in V.TASK_COUNTED]
    return V.Standing(part.id, part.name,
                      sum(r.code in V.MET_CODES for r in found.targets), len(found.targets),
                      sum(r.code in V.TASK_ON_TIME for r in tasks), len(tasks))


def ranking(s: Session, p: Principal, movement_id: int, as_of: date) -> dict[str, Any]:
    """The movement's agencies and thôn/tổ ranked by completion as of `as_of`."""
    m = C.movement(s, p, movement_id)
    parts = [x for x in m.participants if x.kind != "person"]
    standings = [_standing(x, evidence.items_of(s, m, x, as_of)) for x in parts]
    seen = {x.id for x in parts if C.sees(p, m, x)}
    rows = [{"participant_id": r.standing.key, "name": r.standing.name, "rank": r.rank,
             "tie": r.tie, "targets": r.standing.targets, "met": r.standing.met,
             "rate": r.standing.rate, "tasks_counted": r.standing.counted,
             "on_time": r.standing.on_time, "on_time_share": r.standing.on_time_share,
             "score": r.standing.score}
            for r in V.rank(standings) if r.standing.key in seen]
    return {"movement_id": m.id, "movement": m.name, "unit_id": m.unit_id,
            "as_of": as_of.isoformat(), "rows": rows,
            "rule": "Điểm = trung bình của tỷ lệ chỉ tiêu đạt, vượt và tỷ lệ nhiệm vụ hoàn "
                    "thành đúng hạn (trong số nhiệm vụ đã hoàn thành hoặc quá hạn); bằng "
                    "điểm thì xếp theo tỷ lệ chỉ tiêu, rồi tỷ lệ nhiệm vụ."}


def results(s: Session, p: Principal, movement_id: int,
            as_of: date | None = None) -> dict[str, Any]:
    """Every filled sheet of the movement the person may see (those of `as_of` only when
    given): participant, day, verdict, the council's vote and the decision."""
    m = C.movement(s, p, movement_id)
    by_id = {x.id: x for x in m.participants}
    hidden = access.hidden_plans(s, p, m.unit)
    rows = []
    for row in repo.sheets_of(s, m.id):
        part = by_id.get(row.participant_id)
        if part is None or not C.sees(p, m, part) or (as_of and row.as_of != as_of):
            continue
        shown = evaluation.lines(m, part, row, row.evidence, hidden)
        result = V.verdict([x["passed"] for x in shown])
        rows.append({"sheet_id": row.id, "participant_id": part.id, "name": part.name,
                     "kind": part.kind, "as_of": row.as_of.isoformat(),
                     "verdict": result, "verdict_label": V.VERDICTS[result],
                     "criteria": shown, "council": evaluation.council_json(row)})
    return {"movement_id": m.id, "movement": m.name, "unit_id": m.unit_id,
            "as_of": C.iso(as_of), "sheets": rows,
            "whole": access.agency_filter(p, m.unit) is None}  # sees every participant
