"""Which of several tasks found for the same work is kept: the indexes answer exactly as the
pairwise comparison they replaced (written out here as the reference)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.extraction.model import Task
from theodoi.extraction.stages.task_overlaps import (
    ROWS,
    SAME_WORK_SHARE,
    names_same_work,
    title_words,
    without_overlaps,
    without_restatements,
    words,
    work_of,
)

ROW = "Xây dựng Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030"


def _task(start: int, end: int, text: str, rule: str = "task_prose") -> Task:
    task = Task(id="", label=None, section=None, own_text=text, span=(start, end), title=text)
    task.rule = rule
    return task


def _pairwise(tasks: list[Task], dated: list[Task]) -> list[Task]:
    """The comparison of every new task with every kept one."""
    kept: list[Task] = []
    for task in tasks:
        if not any(t.span[0] < task.span[1] and task.span[0] < t.span[1] for t in kept):
            kept.append(task)
    for task in dated:
        said = words(task.text)
        work = work_of(task.title)
        if not any((t.span[0] < task.span[1] and task.span[0] < t.span[1])
                   or names_same_work(title_words(t.title), said)
                   or (t.rule in ROWS and _holds_work(title_words(t.title), work))
                   for t in kept):
            kept.append(task)
    return kept


def _holds_work(own: set[str] | None, work: str | None) -> bool:
    """The kept title holds most words of the work a dated sentence names."""
    if own is None or work is None:
        return False
    mine = words(work)
    return len(mine & own) >= math.ceil(SAME_WORK_SHARE * len(mine))


def _duty(start: int, text: str, lead: str, rule: str = "task_prose") -> Task:
    task = _task(start, start + len(text), text, rule)
    task.lead_agency = lead
    return task


APPENDIX_ROW = ("Đề xuất giải pháp cải thiện môi trường đầu tư, kinh doanh; ưu tiên thu hút dự án "
                "ứng dụng công nghệ cao.")
RESTATED = ("Đề xuất các giải pháp cải thiện môi trường đầu tư, kinh doanh; ưu tiên thu hút các "
            "dự án ứng dụng công nghệ cao, công nghệ tiên tiến, thân thiện môi trường.")


def test_a_bodys_duty_restated_by_its_row_of_the_appendix_is_the_row() -> None:
    """The prose under "4. Sở Tài chính" and the appendix row of the same body say one
    piece of work: the row is kept (it names the partners and the time)."""
    row = _duty(5000, APPENDIX_ROW, "Sở Tài chính", "task_table")
    prose = _duty(100, RESTATED, "Sở Tài chính")
    assert without_restatements([prose, row]) == [row]
    assert without_restatements([row, prose]) == [row]


def test_a_duty_of_another_body_or_of_more_work_is_its_own() -> None:
    row = _duty(5000, APPENDIX_ROW, "Sở Tài chính", "task_table")
    other_body = _duty(100, RESTATED, "Sở Công Thương")
    longer = _duty(300, RESTATED + " Chủ trì tham mưu Ủy ban nhân dân tỉnh ban hành chính sách "
                   "hỗ trợ doanh nghiệp đổi mới công nghệ, thiết bị; hướng dẫn, kiểm tra việc "
                   "quản lý, sử dụng nguồn kinh phí cho các chương trình, đề án khoa học và "
                   "công nghệ của tỉnh, bảo đảm đúng mục đích, hiệu quả, tiết kiệm, theo đúng "
                   "quy định hiện hành của pháp luật về ngân sách nhà nước.", "Sở Tài chính")
    unrelated = _duty(900, "Bố trí kinh phí thực hiện Kế hoạch trong dự toán ngân sách hằng "
                      "năm của các cơ quan, đơn vị.", "Sở Tài chính")
    kept = [other_body, longer, unrelated, row]
    assert without_restatements(kept) == kept


def test_a_dated_sentence_naming_a_rows_work_is_that_row_again() -> None:
    row = _task(0, 60, ROW)
    again = _task(500, 600, f"{ROW}; hoàn thành trong năm 2026.")
    other = _task(700, 760, "Hoàn thành việc sắp xếp trụ sở trong năm 2026.")
    assert without_overlaps([row], [again, other]) == [row, other]


def test_a_dated_sentence_saying_a_rows_work_shorter_is_that_row_again() -> None:
    row = _task(0, 80, "Xây dựng quy hoạch sử dụng đất xã thời kỳ 2026- 2030, tầm nhìn đến 2040",
                "task_appendix")
    again = _task(500, 600, "Xây dựng quy hoạch sử dụng đất xã giai đoạn 2026 - 2030, trình Ban "
                            "Thường vụ Đảng ủy trong quý I năm 2026.")
    assert without_overlaps([row], [again]) == [row]


def test_a_topic_s_few_words_name_no_work_again() -> None:
    """A kept title of a topic's few words ("Về phát triển kinh tế") is in many sentences."""
    topic = _task(0, 30, "Về phát triển kinh tế")
    dated = _task(500, 700, "b, Nhiệm vụ cụ thể: UBND xã chỉ đạo phòng kinh tế phát triển doanh "
                            "nghiệp, trình Chủ tịch UBND xã phê duyệt vào quý I hằng năm.")
    assert without_overlaps([topic], [dated]) == [topic, dated]


def test_the_first_task_found_for_a_piece_of_text_is_kept() -> None:
    first, inside, touching = _task(10, 50, "a" * 30), _task(20, 30, "b" * 30), _task(50, 60, "c")
    assert without_overlaps([first, inside, touching]) == [first, touching]


WORDS = ["xây", "dựng", "kế", "hoạch", "đầu", "tư", "công", "năm", "2026", "và", "các", "xã",
         "trong", ", trình"]
spans = st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda s: (s[0], s[0] + s[1]))
phrases = st.lists(st.sampled_from(WORDS), max_size=9).map(" ".join)
rules = st.sampled_from(["task_table", "task_prose"])
tasks = st.lists(st.tuples(spans, phrases, rules), max_size=12).map(
    lambda items: [_task(a, b, text, rule) for (a, b), text, rule in items])


@settings(max_examples=300, deadline=None)
@given(tasks, tasks)
def test_the_indexes_keep_what_the_pairwise_comparison_kept(found: list[Task],
                                                            dated: list[Task]) -> None:
    assert [id(t) for t in without_overlaps(found, dated)] == [
        id(t) for t in _pairwise(found, dated)]
