"""The register of outgoing documents of a unit: a periodic report entered with its number
and date (written into the report's DOCX), its signed PDF uploaded back, cancelled, or sent
to the unit above, which enters it in its own register of incoming documents (sổ văn bản
đến: its own number, per year). Only the office (SEND) writes; whoever reads the unit reads.

Each step is in the audit history (kind `outgoing`, fields `state` and `signed`, at the
issuing unit; kind `incoming`, field `received`, at the receiving one). Numbering a report
locks the period it reports on (services/progress/locks: the number is the reason), and
cancelling the number reopens it when that lock is still in force and no other live report
of the unit stands on the period."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from theodoi.domain import access as rules
from theodoi.domain import outgoing as flow
from theodoi.domain.errors import BadInput, NotFound
from theodoi.domain.periods import parse_period
from theodoi.reports import data as report_layout
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.services.outgoing import signatures
from theodoi.services.progress import evidence, locks
from theodoi.services.reporting import report_data as reporting
from theodoi.services.reporting import report_files
from theodoi.storage.models import OutgoingDocument, Unit
from theodoi.storage.repositories import outgoing as repo
from theodoi.storage.repositories import progress as files
from theodoi.storage.repositories import units as unit_repo

FILES = ("docx", "pdf")  # the numbered DOCX, the signed PDF
INCOMING = "#đến"  # the counter of a unit's register of incoming documents (no report symbol)


@dataclass(frozen=True)
class Entry:
    """What the clerk asks to enter: the report (kind, period, plan) and its date."""

    kind: str
    period: str
    issued_on: date
    plan_id: int | None = None
    request: str | None = None  # "Công văn số … của …", cited in the report's opening


def _symbol(unit: Unit, plans: list[Any]) -> tuple[bool, str]:
    """(Party or not, the report's symbol) as the report's header will have them."""
    party = reporting.is_party(plans)
    return party, report_layout.symbol(reporting.issuer_of(unit, party))


def enter(s: Session, p: Principal, unit_id: int, entry: Entry, today: date) -> dict[str, Any]:
    """Number the unit's report in its register (the next number of the year and symbol)
    and store its DOCX with that number and date in the header. One report (kind, period,
    plan) is entered once while not cancelled: the clerk cancels to number it again."""
    access.unit(s, p, unit_id, rules.SEND)
    unit, period = report_files.checked(s, p, unit_id, entry.kind, entry.period, "docx",
                                        entry.plan_id)
    key = report_layout.period_for(entry.kind, period).key
    _refuse_twice(s, unit.id, entry.kind, key, entry.plan_id)
    plans = reporting.plans_of(s, unit, entry.plan_id)
    party, symbol = _symbol(unit, plans)
    number = repo.next_number(s, unit.id, entry.issued_on.year, symbol)
    req = reporting.Request(unit.code, entry.kind, period, entry.plan_id, str(number),
                            entry.issued_on, party, request=report_files.request_text(
                                entry.request), today=today)
    report = reporting.build_report(s, req)
    content = reporting.render(report, "docx")
    name = file_name(number, symbol, report_files.filename(
        entry.kind, period, unit.name, entry.plan_id, "docx"))
    stored = files.add_attachment(s, hashlib.sha256(content).hexdigest(), name, content)
    row = repo.add(s, OutgoingDocument(
        unit_id=unit.id, year=entry.issued_on.year, symbol=symbol, number=number,
        issued_on=entry.issued_on, report_kind=entry.kind, period_key=key,
        plan_id=entry.plan_id, title=_title(report.summary, report.period_label),
        state=flow.ENTERED, docx_id=stored.id, numbered_by=p.username))
    _audit(s, p, row, "state", None, flow.ENTERED)
    locks.lock_for_report(s, p, unit.id, key, outgoing_id=row.id, on=entry.issued_on,
                          number=flow.number_text(number, symbol))
    return row_of(s, row)


def _audit(s: Session, p: Principal, row: OutgoingDocument, field: str, old: str | None,
           new: str, **more: Any) -> None:
    """A step of the document in the issuing unit's history, named by its number."""
    labels = flow.STATE_LABELS if field == "state" else {}
    audit.record(s, p, row.unit_id, "outgoing", row.id, field, labels.get(old or "", old),
                 labels.get(new, new), detail={
                     "name": flow.number_text(row.number, row.symbol), "state": row.state,
                     "period": row.period_key, **more})


def _refuse_twice(s: Session, unit_id: int, kind: str, key: str, plan_id: int | None) -> None:
    for row in repo.of_unit(s, unit_id):
        if (row.report_kind, row.period_key, row.plan_id) == (kind, key, plan_id) \
                and row.state != flow.CANCELLED:
            raise BadInput(f"báo cáo này đã vào sổ số {flow.number_text(row.number, row.symbol)}"
                           f" ngày {row.issued_on:%d/%m/%Y}; muốn cấp số mới thì hủy số cũ "
                           "trước (số đã hủy không dùng lại).")


def _title(summary: str, period_label: str) -> str:
    """The trích yếu as the register shows it, within the column's 500 characters."""
    text = " ".join((summary or f"Báo cáo {period_label}").split())
    return text[:500]


def file_name(number: int, symbol: str, name: str) -> str:
    """'15-BC-UBND Báo cáo quý I-2026 - Xã An Bình.docx': the number first, no '/'."""
    return re.sub(r"[\\/]", "-", f"{flow.number_text(number, symbol)} {name}")


def _document(s: Session, p: Principal, doc_id: int,
              action: str = rules.READ) -> OutgoingDocument:
    """A document of a unit the person reaches (the issuer, or a unit above it: the one it
    was sent to, which also reads it when the issuer has moved under another unit since);
    NotFound for anyone else, with the message of an id that is not there."""
    row = repo.get(s, doc_id)
    if row is None:
        raise NotFound(f"không có văn bản đi số {doc_id}.")
    try:
        access.unit(s, p, row.unit_id, action)
    except NotFound:
        # the unit it was sent to reads it even if the issuer has since moved elsewhere
        if action != rules.READ or row.to_unit_id is None:
            raise NotFound(f"không có văn bản đi số {doc_id}.") from None
        try:
            access.unit(s, p, row.to_unit_id)
        except NotFound:
            raise NotFound(f"không có văn bản đi số {doc_id}.") from None
    return row


def check_writable(s: Session, p: Principal, doc_id: int) -> None:
    """NotFound or Forbidden as a write on the document would raise them: for an edge
    that decodes what it was sent only after the person's right is known."""
    _document(s, p, doc_id, rules.SEND)


def cancel(s: Session, p: Principal, doc_id: int, reason: str = "",
           today: date | None = None) -> dict[str, Any]:
    """Cancel a document not yet sent; its number stays taken (never given again). The
    period is reopened (on `today`) when the lock in force came from a number of the
    period, now cancelled, and no live report of the period is left."""
    row = _document(s, p, doc_id, rules.SEND)
    flow.check_move(row.state, "huy")
    row.state, row.note = flow.CANCELLED, " ".join(reason.split())[:500] or None
    s.flush()
    _audit(s, p, row, "state", flow.ENTERED, flow.CANCELLED, reason=row.note)
    same = [d for d in repo.of_unit(s, row.unit_id) if d.period_key == row.period_key]
    # while another live report of the period stands, the period stays locked; the last
    # one cancelled reopens a lock any cancelled number of the period made
    if all(d.state == flow.CANCELLED for d in same):
        locks.unlock_for_report(s, p, row.unit_id, row.period_key,
                                outgoing_ids={d.id for d in same},
                                number=flow.number_text(row.number, row.symbol),
                                on=today or row.issued_on)
    return row_of(s, row)


def upload_signed(s: Session, p: Principal, doc_id: int, file: tuple[str, bytes], *,
                  max_bytes: int) -> dict[str, Any]:
    """Store the signed copy (a PDF, checked by content and size) and what the scan of its
    bytes finds of a digital signature; a later upload replaces it until the document is
    sent."""
    row = _document(s, p, doc_id, rules.SEND)
    flow.check_move(row.state, "ky")
    name, content = evidence.check(*file, max_bytes, unsaved="Bản đã ký chưa được lưu.")
    if evidence.kind_of(content) != "pdf":
        raise BadInput(f"bản đã ký '{name}' không phải tệp PDF; hãy tải lên bản PDF (bản "
                       "ký số, hoặc bản giấy đã ký quét thành PDF). Bản đã ký chưa được lưu.")
    stored = files.add_attachment(s, hashlib.sha256(content).hexdigest(), name, content)
    before = signatures.label(row.signature) if row.signed_id else None
    row.signed_id, row.signature = stored.id, signatures.scan(content).as_json()
    s.flush()
    _audit(s, p, row, "signed", before, signatures.label(row.signature), file=name)
    return row_of(s, row)


def send(s: Session, p: Principal, doc_id: int, today: date) -> dict[str, Any]:
    """Send the signed document to the unit above, where it is received the same day."""
    row = _document(s, p, doc_id, rules.SEND)
    flow.check_move(row.state, "gui")
    if row.signed_id is None:
        raise BadInput("văn bản chưa có bản đã ký; hãy tải bản PDF đã ký lên rồi mới gửi.")
    unit = unit_repo.get(s, row.unit_id)
    if unit is None or unit.parent_id is None:
        raise BadInput("đơn vị này không có cấp trên trong theodoi; không có nơi để gửi.")
    row.state, row.to_unit_id, row.sent_by = flow.SENT, unit.parent_id, p.username
    row.sent_on = row.received_on = today
    row.incoming_year = today.year
    row.incoming_number = repo.next_number(s, unit.parent_id, today.year, INCOMING)
    s.flush()
    _audit(s, p, row, "state", flow.ENTERED, flow.SENT, to=unit.parent.name
           if unit.parent else None)
    audit.record(s, p, unit.parent_id, "incoming", row.id, "received", None,
                 incoming_text(row), detail={
                     "name": f"{flow.number_text(row.number, row.symbol)} của {unit.name}",
                     "number": row.incoming_number, "year": row.incoming_year})
    return row_of(s, row)


def incoming_text(row: OutgoingDocument) -> str | None:
    """'số đến 3/2026, ngày đến 05/10/2026': its place in the receiving unit's register."""
    if row.incoming_number is None or row.received_on is None:
        return None
    return (f"số đến {row.incoming_number}/{row.incoming_year}, ngày đến "
            f"{row.received_on:%d/%m/%Y}")


def row_of(s: Session, row: OutgoingDocument) -> dict[str, Any]:
    """A document as pages, the API and the CLI show it."""
    issuer = unit_repo.get(s, row.unit_id)
    to = unit_repo.get(s, row.to_unit_id) if row.to_unit_id else None
    return {"id": row.id, "unit": {"id": row.unit_id, "name": issuer.name if issuer else ""},
            "number": row.number, "symbol": row.symbol, "year": row.year,
            "number_text": flow.number_text(row.number, row.symbol),
            "issued_on": row.issued_on.isoformat(), "kind": row.report_kind,
            "kind_label": report_files.KIND_LABELS.get(row.report_kind, row.report_kind),
            "period": row.period_key, "period_label": parse_period(row.period_key).label,
            "plan_id": row.plan_id, "title": row.title,
            "state": row.state, "state_label": flow.STATE_LABELS[row.state],
            "signed": row.signed_id is not None, "signature": row.signature,
            "signature_label": signatures.label(row.signature),
            "to_unit": {"id": to.id, "name": to.name} if to else None,
            "sent_on": row.sent_on.isoformat() if row.sent_on else None,
            "received_on": row.received_on.isoformat() if row.received_on else None,
            "incoming_number": row.incoming_number, "incoming_year": row.incoming_year,
            "incoming_text": incoming_text(row),
            "note": row.note, "numbered_by": row.numbered_by, "sent_by": row.sent_by}


def document(s: Session, p: Principal, doc_id: int) -> dict[str, Any]:
    return row_of(s, _document(s, p, doc_id))


def register(s: Session, p: Principal, unit_id: int, year: int | None = None
             ) -> dict[str, Any]:
    """The unit's register (of one year when given), what the person may do, the choices
    of the form that enters a report."""
    unit = access.unit(s, p, unit_id)
    can = rules.SEND in access.actions_at(p, unit)
    plans = [{"id": x.id, "name": x.title or x.number or f"Kế hoạch số {x.id}"}
             for x in reporting.plans_of(s, unit, None)]
    return {"unit": {"id": unit.id, "name": unit.name,
                     "parent": unit.parent.name if unit.parent else None},
            "year": year, "can_send": can, "plans": plans,
            "kinds": report_files.form_options()["kinds"],
            "documents": [row_of(s, r) for r in repo.of_unit(s, unit.id, year)]}


def stored_file(s: Session, p: Principal, doc_id: int, which: str) -> evidence.StoredFile:
    """The document's numbered DOCX or signed PDF, for whoever reads the document."""
    if which not in FILES:
        raise NotFound(f"không có tệp '{which}' của văn bản đi số {doc_id}.")
    row = _document(s, p, doc_id)
    file_id = row.docx_id if which == "docx" else row.signed_id
    found = files.attachment(s, file_id) if file_id else None
    if found is None:
        raise NotFound(f"văn bản đi số {doc_id} chưa có bản đã ký.")
    return evidence.stored_file(found.name, found.content)
