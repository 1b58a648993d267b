"""The product flow of a task that goes to a body, as data: its states, the moves between
them, who may make each move, what each move needs, and how a product stands on a day.

đang soạn → đã trình (with the file) → đã duyệt, or → trả lại (with the reason) → đã trình
again. The lead agency (or the office) submits; a leader (APPROVE) approves or returns.
Pure: the day is passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from theodoi.domain import access
from theodoi.domain.errors import BadInput, Forbidden

DRAFTING, SUBMITTED, APPROVED, RETURNED = "dang_soan", "da_trinh", "da_duyet", "tra_lai"
STATE_LABELS = {DRAFTING: "đang soạn", SUBMITTED: "đã trình", APPROVED: "đã duyệt",
                RETURNED: "trả lại"}
SUBMIT, APPROVE, RETURN = "trinh", "duyet", "tra_lai"
ACTION_LABELS = {SUBMIT: "trình", APPROVE: "duyệt", RETURN: "trả lại"}

# (state before, action) -> state after; a move not in the table is refused
MOVES: dict[tuple[str, str], str] = {
    (DRAFTING, SUBMIT): SUBMITTED,
    (RETURNED, SUBMIT): SUBMITTED,   # the lead fixes the product and submits it again
    (SUBMITTED, APPROVE): APPROVED,
    (SUBMITTED, RETURN): RETURNED,
}
# action -> the permissions of which one allows it (domain/access.py)
MAY: dict[str, frozenset[str]] = {
    SUBMIT: frozenset({access.UPDATE_OWN, access.REVIEW}),  # the lead agency, or the office
    APPROVE: frozenset({access.APPROVE}),                   # a leader (lanh_dao, quan_tri)
    RETURN: frozenset({access.APPROVE}),
}

# How a product stands on a day, apart from how its task stands
STANDING_LABELS = {
    "da_duyet": "đã duyệt",
    "cho_duyet": "đã trình đúng hạn, chờ duyệt",
    "cho_duyet_tre_han": "đã trình trễ hạn, chờ duyệt",
    "tra_lai": "bị trả lại, chưa trình lại",
    "chua_trinh": "chưa trình",
    "qua_han_chua_trinh": "quá hạn, chưa trình",
}


@dataclass(frozen=True)
class Step:
    """A move made: what, on which day, and the state it led to."""

    action: str
    on: date
    state: str


def next_state(current: str, action: str, *, has_file: bool, reason: str | None,
               allowed: frozenset[str]) -> str:
    """The state after `action` from `current`, or why the move is refused (BadInput for a
    move the flow lacks or a missing file or reason; Forbidden for a person without the
    right)."""
    if action not in MAY:
        raise BadInput(f"không có thao tác '{action}'; dùng: trinh, duyet, tra_lai.")
    if not MAY[action] & allowed:
        raise Forbidden(f"vai trò của bạn ở đơn vị này không được {ACTION_LABELS[action]} "
                        "sản phẩm.")
    after = MOVES.get((current, action))
    if after is None:
        raise BadInput(f"sản phẩm đang ở trạng thái '{STATE_LABELS[current]}', không thể "
                       f"{ACTION_LABELS[action]}.")
    if action == SUBMIT and not has_file:
        raise BadInput("trình sản phẩm cần kèm tệp sản phẩm (dự thảo, văn bản).")
    if action == RETURN and not (reason or "").strip():
        raise BadInput("trả lại cần ghi lý do để cơ quan chủ trì sửa.")
    return after


def state_of(steps: list[Step]) -> str:
    """The state after the steps, in the order made; đang soạn before any."""
    return steps[-1].state if steps else DRAFTING


def standing(steps: list[Step], due: date | None, as_of: date) -> str:
    """How the product stands on `as_of`: approved; submitted (on time or late) and waiting;
    returned; or not submitted (late once the due day has passed)."""
    seen = [s for s in steps if s.on <= as_of]
    state = state_of(seen)
    if state == APPROVED:
        return "da_duyet"
    if state == SUBMITTED:
        first = next(s.on for s in seen if s.action == SUBMIT)
        return "cho_duyet" if due is None or first <= due else "cho_duyet_tre_han"
    if state == RETURNED:
        return "tra_lai"
    return "qua_han_chua_trinh" if due is not None and as_of > due else "chua_trinh"
