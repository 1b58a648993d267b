"""Health of a running theodoi for a load balancer or a monitor (GET /healthz).

Owns the checks: the database answers, its schema is the newest this theodoi knows
(head == current), and the job queue is being served: no job waited, or ran without a
heartbeat, longer than `THEODOI_JOB_STALE_SECONDS` (`services.jobs.served`). A database
without a jobs table (older schema) reports the worker `not_configured`, which is healthy.
A check reports only a status word, never an error text, an address or a revision, so
the answer leaks nothing to the anonymous caller; the details go to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from theodoi.services import jobs, uow
from theodoi.settings import Settings
from theodoi.storage import db as storage_db
from theodoi.storage.repositories import tables

OK, FAIL, NOT_CONFIGURED = "ok", "fail", "not_configured"
JOBS_TABLE = "jobs"
log = logging.getLogger("theodoi.health")



def _queue_served(settings: Settings) -> bool:
    """Whether the job queue is served (services/jobs), in its own short transaction."""
    with uow.transaction(settings) as s:
        return bool(jobs.served(s, timedelta(seconds=settings.job_stale_seconds)))


# (settings) -> True when a worker serves the queue; a hook so a test can stand in for it
WORKER_CHECK: Callable[[Settings], bool] = _queue_served


@dataclass
class Health:
    """Each check's status word; healthy when none failed."""

    checks: dict[str, str] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return FAIL not in self.checks.values()

    def as_json(self) -> dict[str, object]:
        return {"status": OK if self.healthy else FAIL, "checks": dict(self.checks)}


def check(settings: Settings) -> Health:
    """Run every check; the later ones are not tried once the database is unreachable."""
    url, health = settings.effective_database_url, Health()
    try:
        tables.ping(url)
    except Exception:  # any failure to connect is 'unhealthy', whatever the driver raised
        log.warning("healthz: database unreachable", exc_info=True)
        health.checks.update(database=FAIL, migrations=FAIL, worker=FAIL)
        return health
    health.checks["database"] = OK
    current, head = storage_db.current_revision(url), storage_db.head_revision()
    health.checks["migrations"] = OK if current == head else FAIL
    if current != head:
        log.warning("healthz: schema at %s, newest is %s", current, head)
    health.checks["worker"] = _worker(settings)
    return health


def _worker(settings: Settings) -> str:
    if JOBS_TABLE not in tables.table_names(
            settings.effective_database_url):
        return NOT_CONFIGURED
    try:
        return OK if WORKER_CHECK(settings) else FAIL
    except Exception:  # a broken check is a failed check, not a 500
        log.warning("healthz: worker check failed", exc_info=True)
        return FAIL
