"""How long the daily reminder digest takes on the demo register, and what it wrote.

The five samples are loaded into a fresh SQLite database with sample progress to
01/12/2026 (`theodoi demo --as-of 2026-12-01`); every agency of every commune gets a
don_vi user with an email address, and every commune a lanh_dao user. The digest of
06/01/2027 is made (the Quý IV/2026 reports are then one day late) and its outbox is
sent to a local aiosmtpd server; a second run the same day shows the cost of finding
that everything was already written. Figures only; no test asserts on timings.

    .venv/bin/python bench/reminders.py
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from tests.services.mailbox import smtp_server

from theodoi.services import reminders, uow
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.demo import sample as demo
from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.storage.models import Agency, Unit

ROOT = Path(__file__).resolve().parents[1]
DAY, MORNING = date(2027, 1, 6), datetime(2027, 1, 6, 1, 0)


def people(settings: Settings) -> int:
    """A user per agency (don_vi) and a leader per commune, each with an email."""
    count = 0
    with uow.transaction(settings) as s:
        agencies = s.execute(select(Agency.id, Agency.name, Unit.name).join(
            Unit, Agency.unit_id == Unit.id)).all()
        communes = s.scalars(select(Unit.name).where(Unit.level != "tinh")).all()
        grants = [(f"dv{i}", unit, "don_vi", str(agency_id))
                  for i, (agency_id, _, unit) in enumerate(agencies)]
        grants += [(f"ld{i}", unit, "lanh_dao", None) for i, unit in enumerate(communes)]
        for name, unit, role, agency in grants:
            user = accounts.create_user(s, name, "mat-khau-bench-1")
            accounts.grant(s, name, unit, role, agency)
            reminders.save_preferences(s, Principal(user.id, name, "", ()), {
                "email": f"{name}@bench.vn", "channels": ["email"]})
            count += 1
    return count


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, smtp_server() as (box, port):
        url = f"sqlite:///{Path(tmp) / 'theodoi.db'}"
        db.upgrade(url)
        settings = Settings(database_url=url, data_dir=Path(tmp) / "data",
                            smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False)
        with uow.transaction(settings) as s:
            loaded = demo.load_samples(s, ROOT / "samples", max_bytes=50 << 20)
            demo.record_progress(s, [r.plan_id for _, r in loaded], date(2026, 12, 1))
        print(f"people: {people(settings)}")
        for run in ("first", "second"):
            started = time.perf_counter()
            with uow.transaction(settings) as s:
                planned = reminders.run_digest(s, settings, DAY, MORNING)
            made = time.perf_counter() - started
            started = time.perf_counter()
            sent = reminders.send_due(settings, lambda: MORNING)
            print(f"{run} run: digest {made * 1000:.0f} ms for {len(planned)} people, "
                  f"{sum(len(p.lines) for p in planned)} lines, "
                  f"written {sum(len(p.channels) for p in planned)}; "
                  f"sent {len(sent.sent)} in {(time.perf_counter() - started) * 1000:.0f} ms")
        print(f"emails received: {len(box.mails)}")


if __name__ == "__main__":
    main()
