"""Queries of the reminders: rules, people's choices, the inbox, the outbox and its
attempts, and the scheduler's lease.

The outbox changes state by conditional UPDATEs, like the job queue (repositories/jobs.py):
a claim takes a row only while it is still as it was read, so two senders never own one
message; a 'sending' row whose claim ran out (`next_at` passed) belongs to a sender that
died, and may be claimed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from theodoi.storage.models import (
    ExplanationRequest,
    ItemComment,
    Notice,
    OutboxAttempt,
    OutboxMessage,
    Plan,
    ReminderPrefs,
    ReminderRule,
    RoleGrant,
    SchedulerLease,
    Unit,
    User,
)


def _changed(result: Any) -> bool:
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


_RULES_OF = select(ReminderRule).where(ReminderRule.unit_id == bindparam("unit"))


def rules_of(s: Session, unit_id: int) -> dict[str, dict[str, Any]]:
    """The unit's overrides: trigger -> parameters (built once: every figure sent asks)."""
    rows = s.scalars(_RULES_OF, {"unit": unit_id})
    return {r.trigger: dict(r.params) for r in rows}


def set_rule(s: Session, unit_id: int, trigger: str, params: dict[str, Any]) -> None:
    row = s.scalar(select(ReminderRule).where(ReminderRule.unit_id == unit_id,
                                              ReminderRule.trigger == trigger))
    if row is None:
        s.add(ReminderRule(unit_id=unit_id, trigger=trigger, params=params))
    else:
        row.params = params
    s.flush()


def units_with_active_plans(s: Session) -> list[Unit]:
    """Units with a plan in implementation, by id."""
    return list(s.scalars(select(Unit).where(Unit.id.in_(
        select(Plan.unit_id).where(Plan.status == "active"))).order_by(Unit.id)))


def active_grants(s: Session) -> list[tuple[User, RoleGrant]]:
    """Every grant of an active user, with the user."""
    rows = s.execute(select(User, RoleGrant).join(RoleGrant, RoleGrant.user_id == User.id)
                     .where(User.active.is_(True)).order_by(User.id, RoleGrant.id))
    return [(u, g) for u, g in rows]


def active_grants_at(s: Session, unit_ids: Iterable[int], roles: Iterable[str]
                     ) -> list[tuple[User, RoleGrant]]:
    """The grants of one of `roles` at one of the units, of active users, with the user
    (by user, then grant): `active_grants` narrowed in the database."""
    rows = s.execute(_GRANTS_AT, {"units": list(unit_ids), "roles": list(roles)})
    return [(u, g) for u, g in rows]


_GRANTS_AT = (select(User, RoleGrant).join(RoleGrant, RoleGrant.user_id == User.id)
              .where(User.active.is_(True),
                     RoleGrant.unit_id.in_(bindparam("units", expanding=True)),
                     RoleGrant.role.in_(bindparam("roles", expanding=True)))
              .order_by(User.id, RoleGrant.id))  # built once: every figure sent asks


def prefs_of(s: Session, user_ids: Iterable[int]) -> dict[int, ReminderPrefs]:
    ids = list(user_ids)
    if not ids:
        return {}
    return {p.user_id: p for p in s.scalars(_PREFS_OF, {"users": ids})}


_PREFS_OF = select(ReminderPrefs).where(ReminderPrefs.user_id.in_(
    bindparam("users", expanding=True)))  # built once: every figure sent asks


def prefs(s: Session, user_id: int) -> ReminderPrefs | None:
    return s.get(ReminderPrefs, user_id)


def add(s: Session, row: object) -> None:
    s.add(row)
    s.flush()


def notice_holders(s: Session, user_ids: Iterable[int], key: str) -> set[int]:
    """The users who already have the notice `key`."""
    ids = list(user_ids)
    return set(s.scalars(select(Notice.user_id).where(Notice.key == key,
                                                      Notice.user_id.in_(ids)))) if ids else set()


def explanations_told(s: Session, user_id: int, day: date) -> set[str]:
    """The items (t12, k5) whose explanation request, asked on `day`, the user was told
    of in the app as it was made (notice key explanation/<request id>)."""
    keys = s.scalars(select(Notice.key).where(Notice.user_id == user_id, Notice.day == day,
                                              Notice.key.like("explanation/%")))
    ids = {int(k.split("/", 1)[1]) for k in keys if k.split("/", 1)[1].isdigit()}
    if not ids:
        return set()
    rows = s.execute(select(ExplanationRequest.target_id, ExplanationRequest.task_id)
                     .where(ExplanationRequest.id.in_(ids)))
    return {f"t{t}" if t is not None else f"k{k}" for t, k in rows}


def notices_of(s: Session, user_id: int, limit: int = 60) -> list[Notice]:
    return list(s.scalars(select(Notice).where(Notice.user_id == user_id)
                          .order_by(Notice.day.desc(), Notice.id.desc()).limit(limit)))


def notice(s: Session, notice_id: int) -> Notice | None:
    return s.get(Notice, notice_id)


def unread(s: Session, user_id: int) -> int:
    return int(s.scalar(select(func.count()).select_from(Notice).where(
        Notice.user_id == user_id, Notice.read_at.is_(None))) or 0)


def mark_read(s: Session, user_id: int, notice_id: int | None, at: datetime) -> int:
    """Mark one notice (or, None, all) of the user read; how many changed."""
    query = update(Notice).where(Notice.user_id == user_id, Notice.read_at.is_(None))
    if notice_id is not None:
        query = query.where(Notice.id == notice_id)
    result = s.execute(query.values(read_at=at).execution_options(synchronize_session=False))
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


def existing_keys(s: Session, keys: Iterable[str]) -> set[str]:
    wanted = list(keys)
    if not wanted:
        return set()
    return set(s.scalars(select(OutboxMessage.key).where(OutboxMessage.key.in_(wanted))))


def claim_next(s: Session, now: datetime, until: datetime) -> OutboxMessage | None:
    """Take the oldest message due (pending with next_at passed, or a dead sender's
    'sending' whose claim ran out) until `until`, counting the attempt; None when none."""
    due = or_(OutboxMessage.state == "pending", OutboxMessage.state == "sending")
    for _ in range(5):  # another sender may win the candidate between select and update
        row = s.execute(select(OutboxMessage.id, OutboxMessage.state, OutboxMessage.next_at)
                        .where(due, OutboxMessage.next_at <= now).order_by(OutboxMessage.id)
                        .limit(1).with_for_update(skip_locked=True)).first()
        if row is None:
            return None
        claimed = s.execute(update(OutboxMessage).where(
            OutboxMessage.id == row.id, OutboxMessage.state == row.state,
            OutboxMessage.next_at == row.next_at).values(
                state="sending", next_at=until, attempts=OutboxMessage.attempts + 1)
            .execution_options(synchronize_session=False))
        if _changed(claimed):
            message = s.get(OutboxMessage, row.id)
            assert message is not None
            s.refresh(message)
            return message
    return None


def finish(s: Session, message_id: int, attempt: int, *, state: str, at: datetime,
           next_at: datetime | None = None, error: str | None = None) -> bool:
    """Record the outcome of the claim `attempt` (sent, pending again, dead) and the
    attempt itself; False when the claim was no longer this sender's."""
    values: dict[str, Any] = {"state": state, "last_error": error}
    if state == "sent":
        values["sent_at"] = at
    if next_at is not None:
        values["next_at"] = next_at
    done = s.execute(update(OutboxMessage).where(
        OutboxMessage.id == message_id, OutboxMessage.state == "sending",
        OutboxMessage.attempts == attempt).values(**values)
        .execution_options(synchronize_session=False))
    s.add(OutboxAttempt(message_id=message_id, at=at, ok=state == "sent", error=error))
    s.flush()
    return _changed(done)


def messages(s: Session, states: tuple[str, ...] | None = None,
             limit: int = 200) -> list[OutboxMessage]:
    """The newest messages (of `states`) for the sent log."""
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if states:
        query = query.where(OutboxMessage.state.in_(states))
    return list(s.scalars(query))


def count_by_state(s: Session) -> dict[str, int]:
    rows = s.execute(select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state))
    return {state: int(n) for state, n in rows}


def take_lease(s: Session, name: str, holder: str, now: datetime, until: datetime) -> bool:
    """Hold the duty `name` until `until`: True when it was free, run out, or already
    this holder's."""
    if s.get(SchedulerLease, name) is None:
        s.add(SchedulerLease(name=name, holder=holder, until=until))
        s.flush()
        return True
    taken = s.execute(update(SchedulerLease).where(
        SchedulerLease.name == name,
        or_(SchedulerLease.holder == holder, SchedulerLease.until < now))
        .values(holder=holder, until=until).execution_options(synchronize_session=False))
    return _changed(taken)


def lease_day(s: Session, name: str) -> date | None:
    row = s.get(SchedulerLease, name)
    return row.last_day if row is not None else None


def set_lease_day(s: Session, name: str, holder: str, day: date) -> bool:
    """Record the duty's run for `day`, if the holder still holds it."""
    done = s.execute(update(SchedulerLease).where(
        SchedulerLease.name == name, SchedulerLease.holder == holder,
        or_(SchedulerLease.last_day.is_(None), SchedulerLease.last_day < day))
        .values(last_day=day).execution_options(synchronize_session=False))
    return _changed(done)



def comments_on(s: Session, target_id: int | None, task_id: int | None) -> list[ItemComment]:
    """An item's comments, oldest first."""
    query = select(ItemComment).order_by(ItemComment.id)
    if target_id is not None:
        return list(s.scalars(query.where(ItemComment.target_id == target_id)))
    return list(s.scalars(query.where(ItemComment.task_id == task_id)))


def directions_on(s: Session, target_ids: list[int], task_ids: list[int], start: datetime,
                  end: datetime) -> list[ItemComment]:
    """The leaders' directions (comments marked so) on the given items written from
    `start` up to (not including) `end`, oldest first."""
    on_items = or_(ItemComment.target_id.in_(target_ids or [-1]),
                   ItemComment.task_id.in_(task_ids or [-1]))
    query = (select(ItemComment)
             .where(ItemComment.direction.is_(True), on_items,
                    ItemComment.created_at >= start, ItemComment.created_at < end)
             .order_by(ItemComment.created_at, ItemComment.id))
    return list(s.scalars(query))


def leader_units(s: Session, user_ids: Iterable[int]) -> dict[int, dict[int, str]]:
    """Each person's units where they hold the leader's role (lanh_dao): id -> name."""
    out: dict[int, dict[int, str]] = {}
    query = (select(RoleGrant.user_id, Unit.id, Unit.name).join(Unit, RoleGrant.unit_id == Unit.id)
             .where(RoleGrant.role == "lanh_dao", RoleGrant.user_id.in_(list(user_ids))))
    for user_id, unit_id, name in s.execute(query):
        out.setdefault(user_id, {})[unit_id] = name
    return out


def users_named(s: Session, usernames: Iterable[str]) -> list[User]:
    names = list(usernames)
    if not names:
        return []
    return list(s.scalars(select(User).where(User.username.in_(names),
                                             User.active.is_(True))))
