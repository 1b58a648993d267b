"""An explanation request, when it is made: its answer deadline by the unit's rule, and
an in-app notice to the lead agency's users in the request's transaction (the digests
then remind them of the deadline)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from theodoi.domain import reminders as rules
from theodoi.services.accounts.access import lead_agency_id
from theodoi.services.register import items
from theodoi.services.reminders import collect, render
from theodoi.services.reminders.chase import agency_people
from theodoi.storage.models import ExplanationRequest, Notice, Target, Task
from theodoi.storage.repositories import reminders as repo


def answer_due(s: Session, unit_id: int, asked_on: date) -> date:
    """The day a request asked on `asked_on` is to be answered by, at the unit."""
    days = rules.rules_for(repo.rules_of(s, unit_id))["explanation"]["answer_days"]
    return asked_on + timedelta(days=days)


def tell_agency(s: Session, request: ExplanationRequest, item: Target | Task,
                asked_on: date) -> list[str]:
    """Notify the lead agency's users of a new request (in the app); who was told."""
    agency = lead_agency_id(item)
    if agency is None or request.answer_due is None:
        return []
    ref = items.ref_of(item)
    due = rules.Due("explanation", ref, collect.text_of(item),
                    f"Yêu cầu giải trình: {request.question}", agency, request.answer_due,
                    f"/muc/{ref}/giai-trinh")
    line = rules.standing(due, asked_on)
    told = []
    for person in agency_people(s, item.plan.unit, agency):
        digest = render.Digest(person.full_name or person.username, asked_on,
                               [(item.plan.unit.name, line)], "")
        repo.add(s, Notice(user_id=person.user_id, key=f"explanation/{request.id}",
                           day=asked_on, sender=request.requested_by,
                           groups=digest.groups_json(),
                           subject=f"Yêu cầu giải trình mục {ref}, hạn trả lời "
                                   f"{render.day_text(request.answer_due)}"))
        told.append(person.username)
    return told
