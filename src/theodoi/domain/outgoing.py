"""Outgoing documents as rules: how a number is written, the states of a document in the
register, and whether a periodic report the unit above expects is sent, late or not due.

NĐ 30/2020 (State bodies) writes "Số: 15/BC-UBND": the number, then the symbol made of the
kind's abbreviation and the issuing body's; HD 36-HD/VPTW (Party bodies) writes
"Số 15-BC/ĐU". Numbers are counted per issuing body, symbol and calendar year and start
again at 1 each year; a number once given is never given again, even after a cancel.
"""

from __future__ import annotations

from datetime import date

from theodoi.domain.errors import BadInput

ENTERED, SENT, CANCELLED = "vao_so", "da_gui", "da_huy"
STATE_LABELS = {ENTERED: "đã vào sổ, chưa gửi", SENT: "đã gửi", CANCELLED: "đã hủy số"}

# what a periodic report of the unit above's table stands as (code -> words)
SENT_ON_TIME, SENT_LATE, LATE, NOT_DUE = "dung_han", "gui_muon", "cham", "chua_den_han"
STANDING_LABELS = {SENT_ON_TIME: "đã gửi đúng hạn", SENT_LATE: "đã gửi, muộn hạn",
                   LATE: "chậm, chưa gửi", NOT_DUE: "chưa đến hạn"}
# how often a plan is reported on (its calendar), finest first: a report of a kind is
# expected from a plan whose calendar is that kind or finer (a quarterly calendar also
# owes the 6-month and the year's report)
CALENDAR_ORDER = ("month", "quarter", "half", "nine_months", "year")


def number_text(number: int, symbol: str) -> str:
    """'15/BC-UBND' for a State symbol ('BC-UBND'), '15-BC/ĐU' for a Party one ('BC/ĐU')."""
    if "/" in symbol:
        return f"{number}-{symbol}"
    return f"{number}/{symbol}"


def check_move(state: str, action: str) -> None:
    """Raise BadInput unless `action` (gui, huy, ky) may be taken on a document in
    `state`: a sent document is final, a cancelled one keeps its number and nothing else."""
    if state == CANCELLED:
        raise BadInput("văn bản này đã hủy số; số đã hủy không dùng lại. Hãy vào sổ văn "
                       "bản mới.")
    if state == SENT:
        raise BadInput("văn bản này đã gửi lên cấp trên; không sửa, hủy hay gửi lại được.")
    if action not in ("gui", "huy", "ky"):
        raise BadInput(f"thao tác '{action}' không có.")


def expected(calendar_kind: str, period_kind: str) -> bool:
    """Whether a plan reported on every `calendar_kind` owes a report of `period_kind`."""
    if calendar_kind not in CALENDAR_ORDER or period_kind not in CALENDAR_ORDER:
        return False
    return CALENDAR_ORDER.index(calendar_kind) <= CALENDAR_ORDER.index(period_kind)


def standing(sent_on: date | None, due: date, today: date) -> str:
    """A periodic report as the unit above sees it on `today`: sent on or before its due
    day, sent after it, not sent and past it, or not sent and not yet due."""
    if sent_on is not None:
        return SENT_ON_TIME if sent_on <= due else SENT_LATE
    return LATE if today > due else NOT_DUE
