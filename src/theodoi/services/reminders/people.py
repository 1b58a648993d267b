"""The people reminders go to: active users with their grants, contact details and
choices (no stored choices: in-app only, the defaults' quiet days and hours)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from theodoi.domain.reminders import Quiet, parse_clock
from theodoi.storage.models import ReminderPrefs, RoleGrant, User
from theodoi.storage.repositories import reminders as repo

DEFAULT_QUIET = Quiet()


@dataclass
class Person:
    user_id: int
    username: str
    full_name: str
    grants: list[RoleGrant] = field(default_factory=list)
    prefs: ReminderPrefs | None = None

    @property
    def muted(self) -> set[str]:
        return set(self.prefs.muted) if self.prefs else set()


def people(s: Session) -> dict[int, Person]:
    """Every active user with a grant, by id."""
    return _people(repo.active_grants(s), s)


def people_at(s: Session, unit_ids: Iterable[int], roles: Iterable[str]) -> dict[int, Person]:
    """The active users holding one of `roles` at one of the units, by id, each with those
    grants only: what `people` gives filtered so, without reading everyone (a figure sent
    for validation asks for its unit's validators)."""
    return _people(repo.active_grants_at(s, unit_ids, roles), s)


def _people(grants: list[tuple[User, RoleGrant]], s: Session) -> dict[int, Person]:
    found: dict[int, Person] = {}
    for user, grant in grants:
        person = found.setdefault(user.id, Person(user.id, user.username, user.full_name))
        person.grants.append(grant)
    for user_id, prefs in repo.prefs_of(s, found).items():
        found[user_id].prefs = prefs
    return found


def quiet_of(person: Person) -> Quiet:
    """The person's quiet days and hours (stored strings were checked when saved)."""
    p = person.prefs
    if p is None:
        return DEFAULT_QUIET
    return Quiet(frozenset(int(d) for d in p.quiet_days), parse_clock(p.quiet_start),
                 parse_clock(p.quiet_end))
