"""`theodoi demo` records sample progress for the sample plans nobody has touched, once.

Every test runs the command in process on both backends (`settings_env`) and reads what
was stored back through the CLI's JSON and the register's tables.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import func, select

from tests.cli.test_register_cli import theodoi
from theodoi.domain.levels import BELOW_COMMUNE
from theodoi.storage.db import session_factory
from theodoi.storage.models import ExplanationRequest, ProgressRecord, Target, Task, TaskUpdate

TODAY = "2026-12-01"
# what README and user guide chapter 1 say the demo's dashboards show
SHOWN = {"dung_tien_do", "co_nguy_co", "cham_tien_do", "vuot", "hoan_thanh_dung_han",
         "qua_han"}


def _plans(capsys: Any) -> dict[str, dict[str, Any]]:
    """Sample file name -> the plan as `theodoi plan list` shows it (the communes' plans:
    the province's is its own, and the tổ dân phố's hold only targets the commune split to
    them, tests/cli/test_demo_below.py)."""
    units = json.loads(theodoi(capsys, "unit", "list", "--format", "json")[1])
    communes = [u for u in units if u["level"] != "tinh" and u["level"] not in BELOW_COMMUNE]
    plans = [p for u in communes for p in json.loads(
        theodoi(capsys, "plan", "list", "--unit", u["code"], "--format", "json")[1])]
    assert len(plans) == 5
    return {p["source"]: p for p in plans}


def _below_plans(capsys: Any) -> set[int]:
    """The ids of the plans of the units below the communes (thôn, tổ dân phố)."""
    units = json.loads(theodoi(capsys, "unit", "list", "--format", "json")[1])
    return {p["id"] for u in units if u["level"] in BELOW_COMMUNE for p in json.loads(
        theodoi(capsys, "plan", "list", "--unit", u["code"], "--format", "json")[1])}


def _stored(url: str) -> dict[str, int]:
    """How many progress rows of each kind the register holds."""
    with session_factory(url)() as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m)) or 0
                for m in (ProgressRecord, TaskUpdate, ExplanationRequest)}


def _records_per_plan(url: str) -> dict[int, int]:
    with session_factory(url)() as s:
        rows = s.execute(select(Target.plan_id, func.count()).join(
            ProgressRecord, ProgressRecord.target_id == Target.id).group_by(Target.plan_id))
        updates = s.execute(select(Task.plan_id, func.count()).join(
            TaskUpdate, TaskUpdate.task_id == Task.id).group_by(Task.plan_id))
        found: dict[int, int] = {}
        for plan_id, n in [*rows, *updates]:
            found[plan_id] = found.get(plan_id, 0) + n
        return found


def _latest_day(url: str) -> date:
    with session_factory(url)() as s:
        days = [s.scalar(select(func.max(ProgressRecord.period_end))),
                s.scalar(select(func.max(ProgressRecord.recorded_at))),
                s.scalar(select(func.max(TaskUpdate.reported_on)))]
    return max(d.date() if hasattr(d, "date") else d for d in days if d is not None)


def test_the_first_demo_records_progress_that_makes_a_living_dashboard(
        settings_env: str, capsys: Any) -> None:
    code, out, _ = theodoi(capsys, "demo", "--as-of", TODAY)
    assert code == 0 and out.count("vừa nạp") == 5
    assert "Tiến độ mẫu đến ngày 01/12/2026 (vừa ghi)" in out and "để nguyên" not in out
    plans = _plans(capsys)
    assert {p["status"] for p in plans.values()} == {"active"}
    # every sample plan has progress; beside them only the two tổ dân phố the demo records
    # as having met the target their commune split to them (tests/cli/test_demo_below.py)
    recorded = set(_records_per_plan(settings_env))
    assert recorded >= {p["id"] for p in plans.values()}
    assert len(recorded - {p["id"] for p in plans.values()}) == 2
    assert recorded - {p["id"] for p in plans.values()} <= _below_plans(capsys)
    assert _stored(settings_env)["ExplanationRequest"] >= 1
    assert _latest_day(settings_env) <= date(2026, 12, 1)  # nothing dated after the day
    codes: set[str] = set()
    for unit in {p["unit"] for p in plans.values()}:
        code, shown, _ = theodoi(capsys, "status", "--unit", unit, "--as-of", TODAY,
                                 "--format", "json")
        assert code == 0
        rows = json.loads(shown)
        unit_codes = {r["code"] for r in rows["targets"] + rows["tasks"]}
        assert unit_codes - {"chua_co_so_lieu", "chua_den_han"}, f"{unit}: nothing to show"
        codes |= unit_codes
    assert codes >= SHOWN, f"missing: {SHOWN - codes}"


def test_a_second_demo_records_nothing_twice(settings_env: str, capsys: Any) -> None:
    assert theodoi(capsys, "demo", "--as-of", TODAY)[0] == 0
    before = _stored(settings_env)
    code, out, _ = theodoi(capsys, "demo", "--as-of", "2026-12-20")
    assert code == 0 and "vừa ghi" not in out
    assert out.count("đã kích hoạt từ trước, để nguyên") == 5
    assert _stored(settings_env) == before


def test_no_progress_only_loads_the_plans(settings_env: str, capsys: Any) -> None:
    code, out, _ = theodoi(capsys, "demo", "--no-progress")
    assert code == 0 and out.count("vừa nạp") == 5 and "Tiến độ mẫu" not in out
    assert {p["status"] for p in _plans(capsys).values()} == {"draft"}
    assert _stored(settings_env) == {"ProgressRecord": 0, "TaskUpdate": 0,
                                     "ExplanationRequest": 0}


def test_a_plan_a_person_changed_is_left_alone(settings_env: str, capsys: Any) -> None:
    assert theodoi(capsys, "demo", "--no-progress")[0] == 0
    plans = _plans(capsys)
    reviewed, activated, *rest = sorted(plans.values(), key=lambda p: p["id"])
    shown = json.loads(theodoi(capsys, "plan", "show", str(reviewed["id"]), "--format",
                               "json")[1])
    rejected = [*shown["targets"], *shown["tasks"]][0]["ref"]
    assert theodoi(capsys, "plan", "reject", rejected)[0] == 0
    assert theodoi(capsys, "plan", "activate", str(activated["id"]), "--accept-rest")[0] == 0
    code, out, _ = theodoi(capsys, "demo", "--as-of", TODAY)
    assert code == 0 and "(vừa ghi)" in out and out.count("để nguyên") == 2
    assert "đang được rà soát, để nguyên" in out and "đã kích hoạt từ trước" in out
    after = _plans(capsys)
    assert after[reviewed["source"]]["status"] == "draft"
    again = json.loads(theodoi(capsys, "plan", "show", str(reviewed["id"]), "--format",
                               "json")[1])
    reviews = {i["ref"]: i["review"] for i in [*again["targets"], *again["tasks"]]}
    assert reviews.pop(rejected) == "rejected" and set(reviews.values()) == {"proposed"}
    touched = _records_per_plan(settings_env)
    assert reviewed["id"] not in touched and activated["id"] not in touched
    assert set(touched) == {p["id"] for p in rest}
