"""The daily digest: for every person, the lines today's rules give them at each unit they
serve, one in-app notice and one message per channel they chose, written in the caller's
transaction under keys that make a second run of the day add nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as access_rules
from theodoi.domain import reminders as rules
from theodoi.domain.reminders import Due, Line
from theodoi.services.accounts.access import chain
from theodoi.services.register import items
from theodoi.services.reminders import collect, movements, render
from theodoi.services.reminders.people import Person, people, quiet_of
from theodoi.settings import Settings
from theodoi.storage.models import Notice, OutboxMessage, RoleGrant, Unit, utcnow
from theodoi.storage.repositories import plans as plan_repo
from theodoi.storage.repositories import reminders as repo


@dataclass
class Planned:
    """What the digest gives one person today, and what was written of it."""

    user_id: int
    username: str
    lines: list[tuple[str, Line]]
    channels: list[str] = field(default_factory=list)  # written now
    already: list[str] = field(default_factory=list)  # written by an earlier run

    def as_dict(self) -> dict[str, Any]:
        return {"user": self.username, "lines": len(self.lines),
                "overdue": sum(1 for _, ln in self.lines if ln.urgency == "qua_han"),
                "written": self.channels, "already": self.already}


def unit_dues(s: Session, unit: Unit, as_of: date) -> collect.UnitDues:
    """The unit's rules and everything its agencies answer for on the day."""
    unit_rules = rules.rules_for(repo.rules_of(s, unit.id))
    lead = max(unit_rules["report_due"]["before_days"], default=0)
    deadlines, asked = collect.explanation_dues(s, unit,
                                                unit_rules["explanation"]["answer_days"])
    items_ = collect.live(s, unit, as_of)
    return collect.UnitDues(unit, unit_rules, {
        "report_due": collect.report_dues(s, unit, items_, as_of, lead),
        "task_due": collect.task_dues(items_),
        "explanation": deadlines, "explanation_new": asked,
        "plan_activated": collect.activation_news(items_),
        "report_unsent": collect.unsent_dues(
            s, unit, as_of, max(unit_rules["report_unsent"]["before_days"], default=0)),
        **movements.movement_dues(s, unit, as_of)})


def agency_lines(u: collect.UnitDues, agency_id: int, as_of: date,
                 muted: set[str]) -> list[Line]:
    """The lines of one agency's items that fire today."""
    out: list[Line | None] = []
    for trigger in ("report_due", "task_due", "explanation", movements.TRIGGER):
        if trigger not in muted:
            out += [rules.fires(d, u.rules[trigger], as_of)
                    for d in u.dues[trigger] if d.agency_id == agency_id]
    for trigger, kind in (("explanation_new", "explanation"),
                          ("plan_activated", "plan_activated")):
        if kind not in muted:
            out += [rules.news(d, u.rules[kind], as_of)
                    for d in u.dues[trigger] if d.agency_id == agency_id]
    return [ln for ln in out if ln is not None]


def leader_lines(u: collect.UnitDues, as_of: date) -> list[Line]:
    """The escalation list of the unit's leaders (domain: reminders.escalation)."""
    overdue: list[Due] = [*u.dues["report_due"], *u.dues["task_due"], *u.dues["explanation"]]
    return rules.escalation(overdue, u.rules["escalation"], as_of, u.rules)


def lines_for(u: collect.UnitDues, grant: RoleGrant, as_of: date,
              muted: set[str]) -> list[Line]:
    """What one grant at (or above) the unit gives its holder from the unit today: an
    agency its own items; a leader (roles of the escalation rule, granted at the unit
    itself) the escalation list; the office and the leaders (roles of the report_unsent
    rule, at the unit itself) the periodic reports not yet sent to the unit above; the
    office its movements' dossier deadlines."""
    if grant.role == "don_vi" and grant.agency_id is not None:
        return agency_lines(u, grant.agency_id, as_of, muted)
    out: list[Line] = []
    if grant.unit_id == u.unit.id:
        if grant.role in u.rules["escalation"]["roles"] and "escalation" not in muted:
            out += leader_lines(u, as_of)
        unsent = u.rules["report_unsent"]
        if grant.role in unsent["roles"] and "report_unsent" not in muted:
            out += [ln for d in u.dues["report_unsent"]
                    if (ln := rules.fires(d, unsent, as_of)) is not None]
    return out + office_lines(u, grant, as_of, muted)


def office_lines(u: collect.UnitDues, grant: RoleGrant, as_of: date,
                 muted: set[str]) -> list[Line]:
    """The movements' deadlines for the office that runs them (rule emulation_deadline's
    roles, granted at the unit itself)."""
    rule = u.rules[movements.TRIGGER]
    if (grant.unit_id != u.unit.id or grant.role not in rule["roles"]
            or movements.TRIGGER in muted):
        return []
    found = [rules.fires(d, rule, as_of) for d in u.dues.get(movements.OFFICE, [])]
    return [ln for ln in found if ln is not None]


def person_lines(u: collect.UnitDues, user_id: int, as_of: date,
                 muted: set[str]) -> list[Line]:
    """The dossier deadlines of a participant that is this user."""
    if movements.TRIGGER in muted:
        return []
    found = [rules.fires(d, u.rules[movements.TRIGGER], as_of)
             for d in u.dues.get(f"{movements.PERSON}{user_id}", [])]
    return [ln for ln in found if ln is not None]


def restricted_refs(s: Session, unit: Unit) -> frozenset[str]:
    """The refs of the unit's restricted plans' items: nobody but their readers is told
    of them (domain.access.sees_plan)."""
    ids = plan_repo.restricted_ids(s, [unit.id]).get(unit.id, set())
    plans = [plan_repo.get(s, plan_id) for plan_id in sorted(ids)]
    return frozenset(items.ref_of(i) for plan in plans if plan is not None for i in plan.items)


def hidden_from(person: Person, unit: Unit, closed: frozenset[str]) -> frozenset[str]:
    """Of the unit's restricted items (`closed`), those the person may not be told of."""
    if not closed or access_rules.reads_restricted(
            [access_rules.Grant(g.unit_id, g.role, g.agency_id) for g in person.grants],
            chain(unit), unit.restricted_readers):
        return frozenset()
    return closed


def plan_digests(s: Session, as_of: date) -> tuple[list[Planned], dict[int, Person]]:
    """Every person's lines today (unit name, line), from every unit with active plans."""
    who = people(s)
    found: dict[int, list[tuple[str, Line]]] = defaultdict(list)
    for unit in _units(s):
        reach = set(chain(unit))
        u = None
        closed = restricted_refs(s, unit)
        for person in who.values():
            hidden = hidden_from(person, unit, closed)
            for grant in (g for g in person.grants if g.unit_id in reach):
                u = u or unit_dues(s, unit, as_of)
                found[person.user_id] += [(unit.name, ln) for ln in
                                          lines_for(u, grant, as_of, person.muted)
                                          if ln.ref not in hidden]
            if u is not None:
                found[person.user_id] += [(unit.name, ln) for ln in
                                          person_lines(u, person.user_id, as_of,
                                                       person.muted)]
    return [Planned(uid, who[uid].username, lines) for uid, lines in found.items()
            if lines], who


def _units(s: Session) -> list[Unit]:
    """The units whose dues are read: those with plans in implementation, then those with
    only a movement's deadline to watch."""
    active = repo.units_with_active_plans(s)
    seen = {u.id for u in active}
    more = [s.get(Unit, i) for i in sorted(movements.units_with_deadlines(s)) if i not in seen]
    return active + [u for u in more if u is not None]


def run(s: Session, settings: Settings, as_of: date, now: datetime | None = None, *,
        dry_run: bool = False) -> list[Planned]:
    """Make the digests of day `as_of` (made at `now`, UTC, which with quiet hours says
    when messages may go); unless `dry_run`, write each person's notice and outbox
    messages that do not exist yet (flushed, not committed)."""
    planned, who = plan_digests(s, as_of)
    for p in planned:
        person = who[p.user_id]
        name = person.full_name or person.username
        digest = render.Digest(name, as_of, p.lines, settings.public_url)
        in_app = render.Digest(name, as_of, _not_told(s, p, as_of), settings.public_url)
        p.channels, p.already = deliver(s, settings, person, digest, now or utcnow(),
                                        dry_run=dry_run, in_app=in_app)
    return planned


def _not_told(s: Session, p: Planned, as_of: date) -> list[tuple[str, Line]]:
    """The lines of the in-app notice: an explanation request's news ("Mới có yêu cầu
    giải trình") is left out where the app told the person of it as it was asked (the
    other channels still carry it: nothing reached them then)."""
    told = repo.explanations_told(s, p.user_id, as_of - timedelta(days=1))
    return [(unit, ln) for unit, ln in p.lines
            if not (ln.trigger == "explanation" and ln.urgency == "thong_tin"
                    and ln.ref in told)]


def deliver(s: Session, settings: Settings, person: Person, digest: render.Digest,
            now: datetime, *, chase: str | None = None, sender: str | None = None,
            dry_run: bool = False, in_app: render.Digest | None = None
            ) -> tuple[list[str], list[str]]:
    """Write the person's notice (`in_app`, else `digest`; none when it has no line) and
    a message per chosen channel, each unless its key exists already: (channels
    written, channels written before)."""
    day, notice = digest.day, in_app or digest
    notice_key = f"chase/{chase}/{day.isoformat()}" if chase else f"digest/{day.isoformat()}"
    written, before = [], []
    if repo.notice_holders(s, [person.user_id], notice_key):
        before.append("in_app")
    elif notice.lines:
        written.append("in_app")
        if not dry_run:
            repo.add(s, Notice(user_id=person.user_id, key=notice_key, day=day,
                               sender=sender, note=notice.note, subject=notice.subject(),
                               groups=notice.groups_json()))
    for channel, address in render.addresses(person, settings).items():
        key = rules.message_key(person.user_id, day, channel, chase)
        if repo.existing_keys(s, [key]):
            before.append(channel)
            continue
        written.append(channel)
        if not dry_run:
            repo.add(s, OutboxMessage(
                key=key, user_id=person.user_id, channel=channel, address=address,
                subject=digest.subject(), body_text=digest.text(channel),
                body_html=digest.html() if channel == "email" else None, state="pending",
                next_at=render.send_from(now, quiet_of(person), settings)))
    return written, before
