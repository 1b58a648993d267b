"""Health of a running theodoi for a load balancer or a monitor (GET /healthz).

Owns the checks: the database answers, its schema is the newest this theodoi knows
(head == current), and the background worker is alive. The worker check is a hook
(`WORKER_CHECK`): theodoi's job runner sets it when it is installed; until then, and for
a database without a jobs table, the check reports `not_configured`, which is healthy.
A check reports only a status word, never an error text, an address or a revision, so
the answer leaks nothing to the anonymous caller; the details go to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from theodoi.settings import Settings
from theodoi.storage import db as storage_db
from theodoi.storage.repositories import tables

OK, FAIL, NOT_CONFIGURED = "ok", "fail", "not_configured"
JOBS_TABLE = "jobs"
log = logging.getLogger("theodoi.health")

# (settings) -> True when the worker has been seen alive recently; None: no worker
WORKER_CHECK: Callable[[Settings], bool] | None = None


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
    if WORKER_CHECK is None or JOBS_TABLE not in tables.table_names(
            settings.effective_database_url):
        return NOT_CONFIGURED
    try:
        return OK if WORKER_CHECK(settings) else FAIL
    except Exception:  # a broken check is a failed check, not a 500
        log.warning("healthz: worker check failed", exc_info=True)
        return FAIL
