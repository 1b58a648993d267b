"""The product flow's table (issue 20 item 2): moves, rights, file and reason, standing."""

from __future__ import annotations

from datetime import date

import pytest

from theodoi.domain import access
from theodoi.domain import approval as A
from theodoi.domain.errors import BadInput, Forbidden

LEADER = access.PERMISSIONS["lanh_dao"]
AGENCY = access.PERMISSIONS["don_vi"]
OFFICE = access.PERMISSIONS["van_phong"]


def test_submit_return_submit_approve() -> None:
    state = A.DRAFTING
    state = A.next_state(state, A.SUBMIT, has_file=True, reason=None, allowed=AGENCY)
    assert state == A.SUBMITTED
    state = A.next_state(state, A.RETURN, has_file=False, reason="Thiếu số liệu", allowed=LEADER)
    assert state == A.RETURNED
    state = A.next_state(state, A.SUBMIT, has_file=True, reason=None, allowed=OFFICE)
    assert state == A.SUBMITTED
    assert A.next_state(state, A.APPROVE, has_file=False, reason=None,
                        allowed=LEADER) == A.APPROVED


@pytest.mark.parametrize(("state", "action", "allowed", "has_file", "reason", "error"), [
    (A.DRAFTING, A.SUBMIT, AGENCY, False, None, "cần kèm tệp"),
    (A.SUBMITTED, A.RETURN, LEADER, False, "  ", "cần ghi lý do"),
    (A.DRAFTING, A.APPROVE, LEADER, False, None, "đang soạn"),
    (A.APPROVED, A.SUBMIT, AGENCY, True, None, "đã duyệt"),
    (A.SUBMITTED, A.SUBMIT, AGENCY, True, None, "đã trình"),
    (A.SUBMITTED, "xoa", LEADER, False, None, "không có thao tác"),
])
def test_moves_the_flow_lacks_are_refused(state: str, action: str, allowed: frozenset[str],
                                          has_file: bool, reason: str | None,
                                          error: str) -> None:
    with pytest.raises(BadInput, match=error):
        A.next_state(state, action, has_file=has_file, reason=reason, allowed=allowed)


@pytest.mark.parametrize(("action", "allowed"), [
    (A.APPROVE, AGENCY), (A.APPROVE, OFFICE), (A.RETURN, AGENCY),
    (A.SUBMIT, access.PERMISSIONS["xem"]), (A.SUBMIT, LEADER)])
def test_only_a_leader_approves_or_returns_and_a_viewer_submits_nothing(
        action: str, allowed: frozenset[str]) -> None:
    with pytest.raises(Forbidden):
        A.next_state(A.SUBMITTED if action != A.SUBMIT else A.DRAFTING, action,
                     has_file=True, reason="lý do", allowed=allowed)


DUE = date(2026, 3, 31)


@pytest.mark.parametrize(("steps", "as_of", "expected"), [
    ([], date(2026, 3, 1), "chua_trinh"),
    ([], date(2026, 4, 1), "qua_han_chua_trinh"),
    ([A.Step(A.SUBMIT, date(2026, 3, 20), A.SUBMITTED)], date(2026, 4, 10), "cho_duyet"),
    ([A.Step(A.SUBMIT, date(2026, 4, 2), A.SUBMITTED)], date(2026, 4, 10), "cho_duyet_tre_han"),
    # submitted on time, returned, submitted again late: it was submitted on time first
    ([A.Step(A.SUBMIT, date(2026, 3, 20), A.SUBMITTED),
      A.Step(A.RETURN, date(2026, 3, 25), A.RETURNED),
      A.Step(A.SUBMIT, date(2026, 4, 5), A.SUBMITTED)], date(2026, 4, 10), "cho_duyet"),
    ([A.Step(A.SUBMIT, date(2026, 3, 20), A.SUBMITTED),
      A.Step(A.RETURN, date(2026, 3, 25), A.RETURNED)], date(2026, 4, 10), "tra_lai"),
    ([A.Step(A.SUBMIT, date(2026, 3, 20), A.SUBMITTED),
      A.Step(A.APPROVE, date(2026, 3, 28), A.APPROVED)], date(2026, 4, 10), "da_duyet"),
    # a step after the day asked about does not count yet
    ([A.Step(A.SUBMIT, date(2026, 3, 20), A.SUBMITTED)], date(2026, 3, 10), "chua_trinh"),
])
def test_standing_tells_submitted_and_waiting_from_not_submitted(
        steps: list[A.Step], as_of: date, expected: str) -> None:
    assert A.standing(steps, DUE, as_of) == expected
