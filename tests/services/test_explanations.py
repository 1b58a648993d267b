"""Explanation requests on both backends: ask about an active item, answer once, list."""

from __future__ import annotations

from typing import Any

import pytest

from tests.services.progress_setup import active_v1
from theodoi.domain.errors import BadInput, Conflict, NotFound
from theodoi.services.progress import explanations as ex

UNIT = "Xã An Bình"


def test_request_answer_and_list(session: Any) -> None:
    r = active_v1(session)
    asked = ex.request_explanation(session, r.income, "Vì sao thu nhập thấp hơn lộ trình?",
                                   by="Chủ tịch UBND xã", period_text="2026")
    task = ex.request_explanation(session, r.invest, "Vì sao chưa xong?")
    assert (asked.state, asked.period_label, asked.lead_agency) == (
        "open", "Năm 2026", "Phòng Kinh tế")
    assert [q.id for q in ex.list_requests(session, UNIT, "open")] == [asked.id, task.id]
    done = ex.answer(session, asked.id, "Giá nông sản giảm, dịch bệnh trên đàn lợn.",
                     by="Phòng Kinh tế", version=asked.version)
    assert (done.state, done.answered_by, done.answered_at is not None) == (
        "answered", "Phòng Kinh tế", True)
    [answered] = ex.list_requests(session, UNIT, "answered")
    assert (answered.ref, answered.item_text, answered.question, answered.answer) == (
        r.income, "Thu nhập bình quân đầu người", "Vì sao thu nhập thấp hơn lộ trình?",
        "Giá nông sản giảm, dịch bệnh trên đàn lợn.")
    assert [q.ref for q in ex.list_requests(session, UNIT, "open")] == [r.invest]
    assert len(ex.list_requests(session, UNIT)) == 2


def test_only_open_requests_are_answered_and_versions_checked(session: Any) -> None:
    r = active_v1(session)
    asked = ex.request_explanation(session, r.poor, "Số hộ tái nghèo?")
    with pytest.raises(Conflict, match="đã thay đổi"):
        ex.answer(session, asked.id, "trả lời", version=asked.version + 1)
    ex.answer(session, asked.id, "Do thiên tai.")
    with pytest.raises(Conflict, match="đã được trả lời"):
        ex.answer(session, asked.id, "lần hai")
    with pytest.raises(NotFound):
        ex.answer(session, 999, "không có")
    with pytest.raises(BadInput, match="không được để trống"):
        ex.answer(session, ex.request_explanation(session, r.poor, "?").id, "  ")


def test_requests_need_a_question_an_active_item_and_stay_in_their_unit(session: Any) -> None:
    r = active_v1(session)
    other = active_v1(session, unit="Xã Bình Minh", activate=False)
    with pytest.raises(BadInput, match="câu hỏi"):
        ex.request_explanation(session, r.income, " ")
    with pytest.raises(Conflict, match="bản nháp"):
        ex.request_explanation(session, other.income, "Vì sao?")
    ex.request_explanation(session, r.income, "Vì sao?")
    assert ex.list_requests(session, "Xã Bình Minh") == []
    with pytest.raises(BadInput, match="open hoặc answered"):
        ex.list_requests(session, UNIT, "closed")
