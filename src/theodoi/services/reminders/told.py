"""Notices told at once, in the action's transaction, by rule data (domain/reminders:
`figure_waiting`, `figure_returned`, `product_step`): an agency's figure waiting for the
unit's validators, a figure returned to its agency with the reason, and each step of a
task's product (submitted: the leaders; returned or approved: the lead agency)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import reminders as rules
from theodoi.services.accounts.access import chain, lead_agency_id
from theodoi.services.register import items
from theodoi.services.reminders import collect, render
from theodoi.services.reminders.chase import agency_people
from theodoi.services.reminders.people import Person, people, people_at
from theodoi.storage.models import Notice, Target, Task, Unit
from theodoi.storage.repositories import reminders as repo


def _rule(s: Session, unit: Unit, trigger: str) -> dict[str, Any]:
    return rules.rules_for(repo.rules_of(s, unit.id))[trigger]


def role_people(s: Session, unit: Unit, roles: list[str]) -> list[Person]:
    """Users holding one of `roles` at the unit or above it (by id)."""
    return list(people_at(s, chain(unit), roles).values())


def _tell(s: Session, who: list[Person], item: Target | Task, trigger: str, key: str,
          what: str, subject: str, on: date, link: str) -> list[str]:
    """One in-app notice per person (not to a person who muted the trigger)."""
    line = rules.Line(trigger, "thong_tin", items.ref_of(item), collect.text_of(item), what,
                      what, on, link)
    told = []
    for person in who:
        if trigger in person.muted:
            continue
        digest = render.Digest(person.full_name or person.username, on,
                               [(item.plan.unit.name, line)], "")
        repo.add(s, Notice(user_id=person.user_id, key=key, day=on,
                           groups=digest.groups_json(), subject=subject))
        told.append(person.username)
    return told


def tell_validators(s: Session, target: Target, figure_id: int, figure: str,
                    on: date) -> list[str]:
    """The unit's validators (the rule's roles) learn an agency's figure waits."""
    unit = target.plan.unit
    rule = _rule(s, unit, "figure_waiting")
    if not rule.get("enabled", True):
        return []
    roles = [str(r) for r in rule.get("roles", ["van_phong"])]
    ref = items.ref_of(target)
    return _tell(s, role_people(s, unit, roles), target, "figure_waiting",
                 f"figure/{figure_id}/waiting", f"Số liệu chờ xác nhận: {figure}",
                 f"Số liệu mục {ref} chờ xác nhận ({figure})", on,
                 f"/don-vi/{unit.id}/so-lieu-cho-xac-nhan")


def tell_returned(s: Session, target: Target, figure_id: int, figure: str, reason: str,
                  on: date) -> list[str]:
    """The lead agency's users learn their figure was returned, and why."""
    unit, agency = target.plan.unit, lead_agency_id(target)
    if agency is None or not _rule(s, unit, "figure_returned").get("enabled", True):
        return []
    ref = items.ref_of(target)
    return _tell(s, agency_people(s, unit, agency), target, "figure_returned",
                 f"figure/{figure_id}/returned", f"Số liệu bị trả lại ({figure}): {reason}",
                 f"Số liệu mục {ref} bị trả lại: {reason}", on,
                 f"/don-vi/{unit.id}/so-lieu-cho-xac-nhan")


def tell_product_step(s: Session, task: Task, step_id: int, action: str, what: str,
                      on: date, deciders: list[str] | None = None) -> list[str]:
    """A product submitted: the people named to approve for its body (`deciders`), else
    the rule's roles (the leaders), learn it waits; returned or approved: the lead
    agency's users learn it."""
    unit = task.plan.unit
    rule = _rule(s, unit, "product_step")
    if not rule.get("enabled", True):
        return []
    if action == "trinh" and deciders is not None:
        who = [p for p in people(s).values() if p.username in deciders]
    elif action == "trinh":
        roles = [str(r) for r in rule.get("roles", ["lanh_dao"])]
        who = role_people(s, unit, roles)
    else:
        agency = lead_agency_id(task)
        who = [] if agency is None else agency_people(s, unit, agency)
    ref = items.ref_of(task)
    return _tell(s, who, task, "product_step", f"product/{step_id}", what,
                 f"Sản phẩm nhiệm vụ {ref}: {what}", on, f"/nhiem-vu/{ref}#san-pham")
