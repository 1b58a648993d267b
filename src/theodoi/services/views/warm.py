"""What a web process runs once at start, before its first request: the statements of a
province's dashboard, for no unit.

SQLAlchemy compiles a statement the first time a process runs it and keeps it in the
engine's cache; a new process's first dashboard used to pay for the 27 statements it
compiled (about 30 ms more than a cold dashboard in a process that had served before).
Here they are run for the unit id 0, which no unit has: nothing of any unit is read, and
nothing is kept in the caches of services/memo.py (a unit without a data stamp never is).
Every statement of a cold province dashboard is among them: the reads that come after
the unit's own look-ups (its row by id, its completeness, the figures sent for its
period, the units under it) are run for no unit too, where the look-up would stop them;
they were four statements the first request still compiled; so is the read of the
unit's restricted plans, which a reader who may not see them needs (the office reads
them all). So is the sign-in read of a session cookie, for a token hash no session has:
every page's request starts with it.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from theodoi.domain.access import Grant
from theodoi.domain.errors import NotFound, TheodoiError
from theodoi.services import db
from theodoi.services.accounts.access import Principal
from theodoi.services.progress import status
from theodoi.services.views import dashboard_view
from theodoi.settings import Settings
from theodoi.storage.models import Unit
from theodoi.storage.repositories import accounts as account_repo
from theodoi.storage.repositories import units as unit_repo

NO_UNIT = 0  # an id no unit has (ids start at 1)
NO_SESSION = ""  # a token hash no session has (they are hex digests)


def warm_dashboard(s: Session, as_of: date) -> None:
    """Runs the statements of a province's dashboard for no unit: its communes' rows, the
    status of its own items, its instructions, roll-up and what waits for a decision
    (the parts that need the unit's row stop at its look-up, compiled too), and the
    sign-in read for no session. Reads no unit's data and no session, keeps nothing in
    the caches; the caller rolls back."""
    office = Principal(0, "", "", (Grant(NO_UNIT, "van_phong"),))
    ghost = Unit(id=NO_UNIT, code="", name="", level="tinh")  # never added to the session
    status.status_of_units(s, {NO_UNIT: ""}, as_of)
    with suppress(NotFound):  # the unit's look-up by code: compiled, nothing found
        status.status_of_unit(s, ghost.code, as_of)
    dashboard_view.warm_parts(s, office, ghost, as_of)
    unit_repo.get(s, NO_UNIT)  # the unit loaded by id (access.unit): the scope stops first
    reader = Principal(0, "", "", (Grant(NO_UNIT, "xem"),))  # reads no restricted plan
    dashboard_view.visible_refs(s, reader, ghost)  # so the unit's restricted plans are read
    account_repo.sign_in_rows(s, NO_SESSION)  # every page's request starts with it
    with suppress(NotFound):  # the unit's look-up by id: compiled, nothing found
        dashboard_view.dashboard_page(s, office, NO_UNIT, as_of)


def warm_process(settings: Settings, as_of: date) -> None:
    """`warm_dashboard` on the configured database in a session of its own, rolled back;
    a database that cannot answer yet (not reachable, not upgraded) is left to the first
    request to report: warming never stops a process from starting."""
    try:
        with db.session(settings) as s:
            warm_dashboard(s, as_of)
    except (TheodoiError, SQLAlchemyError):
        return
