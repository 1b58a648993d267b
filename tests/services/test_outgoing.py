"""Outgoing reports (issue 20 item 4): numbered in the commune's register per year and
symbol, never twice, the number written into the DOCX, the signed PDF's digital signature
detected, sent to the province, seen there as received, late or not due. Both databases."""

from __future__ import annotations

import io
import threading
import time
from datetime import date
from typing import Any

import pytest
from docx import Document
from sqlalchemy.exc import DBAPIError

from tests.services.conftest import PLANS, load
from tests.services.pdf_bytes import signed_pdf, unsigned_pdf
from theodoi.domain.errors import BadInput, Forbidden, NotFound
from theodoi.domain.outgoing import number_text
from theodoi.services.accounts import users as accounts
from theodoi.services.outgoing import received, register, signatures
from theodoi.services.register import review_decisions as review
from theodoi.services.register import units
from theodoi.storage.db import is_contention, session_factory
from theodoi.storage.repositories import outgoing as repo

A, B, PROVINCE = "Xã An Bình", "Xã Bình Minh", "Tỉnh Mẫu"
MAX = 10 << 20
Q1 = register.Entry("quy", "Q1/2026", date(2026, 4, 2))


@pytest.fixture
def world(session: Any) -> dict[str, Any]:
    return make_world(session)


def make_world(s: Any) -> dict[str, Any]:
    """A province with two communes, each with the v1 plan (issued 15/01/2026, reported
    quarterly, due 5 days after the quarter) active; an office clerk at each commune, a
    reader at the province. Committed, so threads see it."""
    units.create(s, PROVINCE, level="tinh", code="tinh-mau")
    ids: dict[str, Any] = {}
    for name in (A, B):
        units.create(s, name, parent="tinh-mau")
        plan_id = load(s, PLANS / "ke-hoach-v1.txt", unit=name).plan_id
        review.activate(s, plan_id, accept_rest=True)
        ids[name] = units.find(s, name).id
    ids[PROVINCE] = units.find(s, PROVINCE).id
    for user, unit, role in (("vp_a", A, "van_phong"), ("vp_b", B, "van_phong"),
                             ("tinh", PROVINCE, "xem"), ("xem_a", A, "xem")):
        accounts.create_user(s, user, "mat-khau-dai-123")
        accounts.grant(s, user, unit, role)
    s.commit()
    return ids


def who(s: Any, username: str) -> Any:
    return accounts.principal_for(s, username)


def docx_header(s: Any, p: Any, doc_id: int) -> str:
    f = register.stored_file(s, p, doc_id, "docx")
    doc = Document(io.BytesIO(f.content))
    return "\n".join(c.text for t in doc.tables[:1] for row in t.rows for c in row.cells)


def test_numbers_follow_each_other_in_a_year_and_start_again_the_next(session: Any,
                                                                    world: Any) -> None:
    s, p = session, who(session, "vp_a")
    first = register.enter(s, p, world[A], Q1, date(2026, 4, 2))
    second = register.enter(s, p, world[A], register.Entry("6_thang", "6 tháng 2026",
                                                            date(2026, 7, 3)), date(2026, 7, 3))
    next_year = register.enter(s, p, world[A], register.Entry("quy", "Q4/2026",
                                                              date(2027, 1, 4)), date(2027, 1, 4))
    assert [first["number_text"], second["number_text"], next_year["number_text"]] == \
        ["1/BC-UBND", "2/BC-UBND", "1/BC-UBND"]
    assert (first["state"], first["issued_on"]) == ("vao_so", "2026-04-02")
    other = register.enter(s, who(s, "vp_b"), world[B], Q1, date(2026, 4, 2))
    assert other["number_text"] == "1/BC-UBND"  # each commune has its own register


def test_the_number_and_date_are_written_into_the_reports_header(session: Any,
                                                                world: Any) -> None:
    s, p = session, who(session, "vp_a")
    row = register.enter(s, p, world[A], register.Entry("quy", "Q1/2026", date(2026, 4, 2)),
                         date(2026, 4, 2))
    register.enter(s, p, world[A], register.Entry("quy", "Q2/2026", date(2026, 7, 1)),
                   date(2026, 7, 1))
    header = docx_header(s, p, row["id"])
    assert "Số: 1/BC-UBND" in header
    assert "ngày 02 tháng 4 năm 2026" in header  # NĐ 30: a 0 before days < 10, months 1-2
    assert register.stored_file(s, p, row["id"], "docx").filename.startswith("1-BC-UBND ")


def test_symbols_have_separate_sequences_and_party_numbers_read_number_dash_symbol(
        session: Any, world: Any) -> None:
    """A Đảng ủy's reports (BC/ĐU) count apart from the UBND's (BC-UBND) in the same year."""
    s = session
    taken = [repo.next_number(s, world[A], 2026, sym)
             for sym in ("BC-UBND", "BC/ĐU", "BC-UBND", "BC/ĐU", "BC/ĐU")]
    assert taken == [1, 1, 2, 2, 3]
    assert (number_text(15, "BC-UBND"), number_text(15, "BC/ĐU")) == ("15/BC-UBND", "15-BC/ĐU")


def test_a_cancelled_number_is_never_given_again(session: Any, world: Any) -> None:
    s, p = session, who(session, "vp_a")
    first = register.enter(s, p, world[A], Q1, date(2026, 4, 2))
    with pytest.raises(BadInput, match="đã vào sổ số 1/BC-UBND"):
        register.enter(s, p, world[A], Q1, date(2026, 4, 2))
    cancelled = register.cancel(s, p, first["id"], "Sai số liệu quý")
    assert (cancelled["state"], cancelled["note"]) == ("da_huy", "Sai số liệu quý")
    again = register.enter(s, p, world[A], Q1, date(2026, 4, 3))
    assert again["number_text"] == "2/BC-UBND"
    with pytest.raises(BadInput, match="đã hủy số"):
        register.send(s, p, first["id"], date(2026, 4, 3))


def test_only_the_office_numbers_and_sends(session: Any, world: Any) -> None:
    s = session
    with pytest.raises(Forbidden):
        register.enter(s, who(s, "xem_a"), world[A], Q1, date(2026, 4, 2))
    with pytest.raises(Forbidden):
        register.enter(s, who(s, "tinh"), world[A], Q1, date(2026, 4, 2))
    with pytest.raises(NotFound):  # another commune's office: the unit does not exist
        register.enter(s, who(s, "vp_b"), world[A], Q1, date(2026, 4, 2))


def test_a_signed_pdf_shows_its_signer_and_is_never_called_valid(session: Any,
                                                                world: Any) -> None:
    s, p = session, who(session, "vp_a")
    row = register.enter(s, p, world[A], Q1, date(2026, 4, 2))
    signed = register.upload_signed(s, p, row["id"], ("bao-cao-ky.pdf", signed_pdf()),
                                    max_bytes=MAX)
    assert signed["signature"] == {"signed": True, "count": 1, "signers": ["Nguyễn Văn An"],
                                   "signed_on": ["2026-04-03"], "checked": False}
    assert signed["signature_label"] == ("có chữ ký số (Nguyễn Văn An): đã phát hiện chữ ký "
                                         "số, chưa kiểm tra tính hợp lệ")
    scanned = register.upload_signed(s, p, row["id"], ("ban-quet.pdf", unsigned_pdf()),
                                     max_bytes=MAX)
    assert scanned["signature"]["signed"] is False
    assert scanned["signature_label"].startswith("không phát hiện chữ ký số")
    with pytest.raises(BadInput, match="không phải tệp PDF"):
        register.upload_signed(s, p, row["id"], ("bao-cao.docx", register.stored_file(
            s, p, row["id"], "docx").content), max_bytes=MAX)


def test_a_literal_signer_name_with_escapes_is_read() -> None:
    pdf = (b"%PDF-1.4\n7 0 obj\n<< /Type /Sig /ByteRange [0 10 20 30] /Contents <00AB> "
           b"/Name (Tr\\341n \\(Ph\\363\\) Th\\\\B) >>\nendobj\n%%EOF\n")
    found = signatures.scan(pdf)
    assert [x.signer for x in found.signatures] == ["Trán (Phó) Th\\B"]
    no_range = b"%PDF-1.4\n7 0 obj\n<< /Type /Sig /Contents <00AB> >>\nendobj\n%%EOF\n"
    assert not signatures.scan(no_range).signed  # no byte range: not a signature


def test_sent_lands_in_the_provinces_inbox_as_received_that_day(session: Any,
                                                               world: Any) -> None:
    s, p = session, who(session, "vp_a")
    row = register.enter(s, p, world[A], Q1, date(2026, 4, 2))
    with pytest.raises(BadInput, match="chưa có bản đã ký"):
        register.send(s, p, row["id"], date(2026, 4, 3))
    register.upload_signed(s, p, row["id"], ("ky.pdf", signed_pdf()), max_bytes=MAX)
    sent = register.send(s, p, row["id"], date(2026, 4, 3))
    assert (sent["state"], sent["sent_on"], sent["received_on"]) == \
        ("da_gui", "2026-04-03", "2026-04-03")
    assert sent["to_unit"] == {"id": world[PROVINCE], "name": PROVINCE}
    box = received.inbox(s, who(s, "tinh"), world[PROVINCE])
    assert [(d["unit"]["name"], d["number_text"], d["received_on"]) for d in box["documents"]] \
        == [(A, "1/BC-UBND", "2026-04-03")]
    assert register.stored_file(s, who(s, "tinh"), row["id"], "pdf").content == signed_pdf()
    with pytest.raises(BadInput, match="đã gửi"):
        register.send(s, p, row["id"], date(2026, 4, 4))
    with pytest.raises(BadInput, match="đã gửi"):
        register.cancel(s, p, row["id"])


def test_another_commune_cannot_see_the_document_or_its_files(session: Any,
                                                              world: Any) -> None:
    s, p = session, who(session, "vp_a")
    row = register.enter(s, p, world[A], Q1, date(2026, 4, 2))
    other = who(s, "vp_b")
    for call in (lambda: register.document(s, other, row["id"]),
                 lambda: register.stored_file(s, other, row["id"], "docx"),
                 lambda: register.send(s, other, row["id"], date(2026, 4, 3)),
                 lambda: received.inbox(s, other, world[PROVINCE])):
        with pytest.raises(NotFound):
            call()
    missing = pytest.raises(NotFound, match=f"không có văn bản đi số {row['id'] + 99}")
    with missing:
        register.document(s, p, row["id"] + 99)


def _send(s: Any, unit_id: int, period: str, on: date) -> None:
    p = who(s, "vp_a" if unit_id == s.info["a"] else "vp_b")
    row = register.enter(s, p, unit_id, register.Entry("quy", period, on), on)
    register.upload_signed(s, p, row["id"], ("ky.pdf", unsigned_pdf()), max_bytes=MAX)
    register.send(s, p, row["id"], on)


def test_the_province_sees_sent_late_and_not_due_by_the_calendar(session: Any,
                                                                  world: Any) -> None:
    """Q1 is due 05/04 (5 days after 31/03), Q2 05/07. A sends Q1 on 03/04 (on time) and
    Q2 on 10/07 (late); B sends nothing. Seen on 20/07: B's Q1 and Q2 late, Q3 and Q4
    not due for both."""
    s = session
    s.info["a"] = world[A]
    _send(s, world[A], "Q1/2026", date(2026, 4, 3))
    _send(s, world[A], "Q2/2026", date(2026, 7, 10))
    table = received.overview(s, who(s, "tinh"), world[PROVINCE], "quy", 2026,
                              date(2026, 7, 20))
    assert [x["label"] for x in table["periods"]] == ["Quý I/2026", "Quý II/2026",
                                                       "Quý III/2026", "Quý IV/2026"]
    got = {r["unit"]["name"]: [c["standing"] for c in r["cells"]] for r in table["rows"]}
    assert got == {A: ["dung_han", "gui_muon", "chua_den_han", "chua_den_han"],
                   B: ["cham", "cham", "chua_den_han", "chua_den_han"]}
    first = table["rows"][0]["cells"][0]
    assert (first["due"], [d["number_text"] for d in first["documents"]]) == \
        ("2026-04-05", ["1/BC-UBND"])
    assert table["counts"] == {"dung_han": 1, "gui_muon": 1, "cham": 2, "chua_den_han": 4}
    with pytest.raises(NotFound):
        received.overview(s, who(s, "vp_a"), world[PROVINCE], "quy", 2026, date(2026, 7, 20))


def test_two_clerks_numbering_at_once_never_get_the_same_number(db_url: str,
                                                                 world: Any) -> None:
    """Six transactions take a number at the same moment, each holding it a little before
    it commits; a lost race (SQLite busy, a PostgreSQL lock timeout) is tried again, as
    the person would. The numbers are 1 to 6, each once."""
    factory = session_factory(db_url)
    start = threading.Barrier(6)
    got: list[int] = []
    errors: list[BaseException] = []

    def take() -> None:
        try:
            start.wait()
            for _attempt in range(20):
                with factory() as s:
                    try:
                        n = repo.next_number(s, world[A], 2026, "BC-UBND")
                        time.sleep(0.05)
                        s.commit()
                    except DBAPIError as exc:
                        if not is_contention(exc):
                            raise
                        s.rollback()
                        continue
                got.append(n)
                return
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=take) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(got) == [1, 2, 3, 4, 5, 6]


def test_the_province_still_reads_what_it_received_after_the_commune_moved(
        session: Any, world: Any) -> None:
    """A commune moved under another province: the first keeps what it received, the new
    one reads the commune's register (its grant now reaches it), a stranger still nothing."""
    s, p = session, who(session, "vp_a")
    row = register.enter(s, p, world[A], Q1, date(2026, 4, 2))
    register.upload_signed(s, p, row["id"], ("ky.pdf", signed_pdf()), max_bytes=MAX)
    register.send(s, p, row["id"], date(2026, 4, 3))
    other = units.create(s, "Tỉnh Khác", level="tinh", code="tinh-khac")
    units.move(s, units.find(s, A), other)
    assert register.stored_file(s, who(s, "tinh"), row["id"], "pdf").content == signed_pdf()
    with pytest.raises(NotFound):  # reading is all: the commune is no longer in its scope
        register.cancel(s, who(s, "tinh"), row["id"])
    with pytest.raises(NotFound):
        register.document(s, who(s, "vp_b"), row["id"])


def test_a_file_stuffed_with_signature_markers_is_read_only_so_far() -> None:
    """An upload is untrusted: 5,000 signature dictionaries with no endobj are read as the
    first 20 (signatures.MAX_SIGNATURES), each from a bounded window."""
    one = b"<< /Type /Sig /ByteRange [0 1 2 3] /Contents <00> /Name (X) "
    found = signatures.scan(b"%PDF-1.7\n1 0 obj\n" + one * 5000)
    assert len(found.signatures) == 20 and found.signatures[0].signer == "X"
