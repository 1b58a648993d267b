"""The schedule inside `theodoi serve`: its job process calls `tick` now and then; the one
process that holds the 'reminders' lease makes the day's digests once the local hour has
come (once a day: the lease row keeps the last day) and sends what is due."""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from theodoi.services import uow
from theodoi.services.reminders import digest, render, sender
from theodoi.settings import Settings
from theodoi.storage.models import utcnow
from theodoi.storage.repositories import reminders as repo

LEASE = "reminders"
HOLD = timedelta(minutes=5)  # a holder that stops ticking lets another take over after this


def holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def tick(settings: Settings, now: datetime | None = None, who: str | None = None) -> bool:
    """Make today's digests if due and send due messages, when this process holds the
    lease; False when another process does."""
    at, who = now or utcnow(), who or holder()
    with uow.transaction(settings) as s:
        if not repo.take_lease(s, LEASE, who, at, at + HOLD):
            return False
    today = render.local(settings, at)
    if today.hour >= settings.remind_hour:
        with uow.transaction(settings) as s:
            last = repo.lease_day(s, LEASE)
            if last is None or last < today.date():
                digest.run(s, settings, today.date(), at)
                repo.set_lease_day(s, LEASE, who, today.date())
    sender.send_due(settings, lambda: now or utcnow())
    return True
