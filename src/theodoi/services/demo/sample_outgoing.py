"""The demo's outgoing report: the first sample commune given progress now numbers its
last quarterly report in its register, uploads a signed copy and sends it to the sample
province, which sees it received (issue 20's done-when).

Deterministic: the quarter is the last one whose values were recorded by `as_of`, the
report is dated three days after the values (never the clock's day), and the signed copy
is a one-page PDF written here that says it is a demo copy and carries no digital
signature, so the page says so rather than showing a signature that is not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain.periods import parse_period, quarter
from theodoi.reports.pdf_objects import pdf_file
from theodoi.services.accounts.access import Principal
from theodoi.services.demo import sample_progress as demo_progress
from theodoi.services.outgoing import register
from theodoi.storage.models import Plan

SIGNING_DELAY = timedelta(days=1)  # signed and sent the day after the values were in


@dataclass(frozen=True)
class SentReport:
    """What the demo sent: the commune, the number, the period and the day."""

    unit: str
    to_unit: str
    number: str
    period: str
    sent_on: date
    doc_id: int


def _last_quarter(year: int, as_of: date) -> tuple[str, date] | None:
    """('Q3/2026', its report day) of the last quarter of `year` reported by `as_of`."""
    for q in (4, 3, 2, 1):
        on = quarter(year, q).end + demo_progress.REPORT_DELAY + SIGNING_DELAY
        if on <= as_of:
            return f"Q{q}/{year}", on
    return None


def send_sample_report(s: Session, recorded: list[demo_progress.SampleProgress],
                       as_of: date) -> SentReport | None:
    """Number, sign and send the first recorded plan's last quarterly report, as the
    province's office would for its commune; None when no quarter was reported yet."""
    for got in recorded:
        plan = s.get(Plan, got.plan_id)
        found = _last_quarter(got.year, as_of)
        if plan is None or found is None or plan.unit.parent_id is None:
            continue
        period, on = found
        office = Principal(0, "demo", "Văn phòng (dùng thử)",
                           (rules.Grant(plan.unit.parent_id, "van_phong"),))
        row = register.enter(s, office, plan.unit_id,
                             register.Entry("quy", period, on, plan.id), on)
        register.upload_signed(s, office, row["id"], (f"{row['number_text']}-da-ky.pdf"
                                                      .replace("/", "-"), demo_copy()),
                               max_bytes=1 << 20)
        sent = register.send(s, office, row["id"], on)
        label = parse_period(period).label  # "Quý III/2026"
        return SentReport(plan.unit.name, sent["to_unit"]["name"], sent["number_text"],
                          label[:1].lower() + label[1:], on, sent["id"])
    return None


def demo_copy() -> bytes:
    """A one-page PDF saying it stands for the signed copy (ASCII: a base-14 font)."""
    text = b"Ban da ky (mau dung thu) - khong co chu ky so"
    stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont "
               b"/Helvetica >> >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    return pdf_file(objects)
