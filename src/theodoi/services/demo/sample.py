"""The sample register: the plans shipped in samples/, each stored under the commune that
issued it, inside a sample province, with sample progress so a dashboard has something to
show. Loading twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from theodoi.domain import access as access_rules
from theodoi.domain.errors import BadInput, NotFound
from theodoi.services.demo import sample_progress as demo_progress
from theodoi.services.register import extracting, importing, units
from theodoi.services.register import review_decisions as review
from theodoi.storage.models import Plan, Target, Task

PROVINCE = "Tỉnh mẫu"
FALLBACK_UNIT = "Xã mẫu"


def load_samples(s: Session, folder: Path, *,
                 max_bytes: int) -> list[tuple[str, importing.ImportResult]]:
    """Import every document of `folder` as (file name, result); a sample that names no
    commune goes to Xã mẫu."""
    try:
        units.find(s, PROVINCE)
    except NotFound:
        units.create(s, PROVINCE, level="tinh")
    results = []
    for path in extracting.find_documents(folder):
        data = importing.read_file(path, max_bytes)
        try:
            result = importing.import_plan(s, None, data, path.name, max_bytes=max_bytes,
                                           parent=PROVINCE)
        except BadInput as exc:
            if "--unit" not in exc.render("cli"):
                raise
            result = importing.import_plan(s, FALLBACK_UNIT, data, path.name,
                                           max_bytes=max_bytes, parent=PROVINCE)
        results.append((path.name, result))
    _agencies_read_party_plans(s, results)
    return results


def _agencies_read_party_plans(s: Session,
                               results: list[tuple[str, importing.ImportResult]]) -> None:
    """A sample Đảng ủy plan is marked as the Party's own document (restricted). Its
    Nơi nhận sends it to the commune's agencies, whose targets it sets, so in the demo a
    commune with such a plan names its agencies (don_vi) as readers beside the default;
    observers (xem) and other communes still get 404. A unit's setting already made is
    kept."""
    for _, result in results:
        plan = s.get(Plan, result.plan_id)
        if plan is None or not plan.restricted or plan.unit.restricted_readers is not None:
            continue
        units.set_restricted_readers(s, None, plan.unit.code,
                                     [*access_rules.RESTRICTED_READERS, "don_vi"])


@dataclass(frozen=True)
class ProgressOutcome:
    """What `record_progress` did with one sample plan: `recorded`, or why not (`left`)."""

    plan_id: int
    recorded: demo_progress.SampleProgress | None = None
    left: str | None = None


def changed_since_loading(plan: Plan) -> str | None:
    """Why sample progress must not go to `plan` (Vietnamese), or None while it is exactly
    as loaded: a draft none of whose items was reviewed, corrected, rejected or added."""
    if plan.status == "active":
        return "đã kích hoạt từ trước, để nguyên"
    if plan.status != "draft":
        return "đã đóng, để nguyên"
    rows: list[Target | Task] = [*plan.targets, *plan.tasks]
    if any(i.review != "proposed" or i.reviewed_at is not None for i in rows):
        return "đang được rà soát, để nguyên"
    return None


def record_progress(s: Session, plan_ids: list[int], as_of: date) -> list[ProgressOutcome]:
    """Sample progress as of `as_of` for each plan still exactly as loaded (flushed only).

    The rule: a plan gets sample progress only while `changed_since_loading` finds nothing,
    i.e. it is a draft nobody has begun to review. Recording activates it, so a second run
    (or a restart of `theodoi demo --serve`) finds it active and records nothing twice; a
    plan a person activated, closed or began to review is left exactly as it is.
    """
    outcomes = []
    for plan_id in dict.fromkeys(plan_ids):
        why = changed_since_loading(review.get_plan(s, plan_id))
        outcomes.append(ProgressOutcome(plan_id, left=why) if why else ProgressOutcome(
            plan_id, demo_progress.record_sample_progress(s, plan_id, as_of)))
    return outcomes


DEMO_USER = "demo"
DEMO_PASSWORD = "demo-theodoi"  # printed by `theodoi demo --serve`; only for a local trial


def ensure_demo_admin(s: Session, username: str = DEMO_USER,
                      password: str = DEMO_PASSWORD) -> bool:
    """The demo administrator (quan_tri at the sample province); True when it was created
    now. An existing account is left as it is, password included."""
    from theodoi.services.accounts import users as accounts

    try:
        accounts.get_user(s, username)
        return False
    except NotFound:
        pass
    accounts.create_user(s, username, password, full_name="Quản trị (dùng thử)")
    accounts.grant(s, username, PROVINCE, "quan_tri")
    return True
