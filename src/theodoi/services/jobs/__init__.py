"""Jobs: long work run off the web request by a runner, with progress, cancel and retry.

Owns the job queue (a table in the register's own database: see `storage/models/jobs.py`),
the runner that `theodoi serve` runs in a job process beside its web processes and
`theodoi worker` runs alone, and the kinds of job: reading an uploaded plan
(`import_plan`), whose extraction runs in a child process with a memory cap so that a
cancel can stop it and a crash or a memory blow-up of the reader cannot take the server
down, and converting a report to PDF (`report_pdf`, report_pdf.py).

Written here rather than taken from a library because none that is kept up fits both
databases theodoi runs on without a broker: procrastinate is PostgreSQL-only (LISTEN/
NOTIFY), huey stores its queue in Redis, SQLite or memory but not PostgreSQL, and
dramatiq, rq and celery need Redis or RabbitMQ, one more service for a commune's server to
keep alive. The queue needs only a conditional UPDATE (and `FOR UPDATE SKIP LOCKED` on
PostgreSQL), which both databases do well.

Public functions: `submit_upload`, `accept_offer`, `submit_report_pdf`, `report_file`, `view`,
`cancel`, `listing`, `served` (queue.py, uploads.py and report_pdf.py)
and `Runner`, `run_one` (runner.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from theodoi.services.jobs.queue import cancel, listing, served, view
    from theodoi.services.jobs.report_pdf import report_file, submit_report_pdf
    from theodoi.services.jobs.runner import Runner, run_one
    from theodoi.services.jobs.uploads import accept_offer, submit_upload

__all__ = ["Runner", "accept_offer", "cancel", "listing", "report_file", "run_one", "served",
           "submit_report_pdf", "submit_upload", "view"]
_HOMES = {"cancel": "queue", "listing": "queue", "served": "queue", "view": "queue",
          "Runner": "runner",
          "run_one": "runner", "submit_upload": "uploads", "accept_offer": "uploads",
          "report_file": "report_pdf", "submit_report_pdf": "report_pdf"}


def __getattr__(name: str) -> Any:
    """The public functions, imported on first use: the child process that reads a
    document imports `jobs.child` and the extraction only, not the database layers
    (that took it seconds longer to start)."""
    if name not in _HOMES:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
