"""Which tasks to keep when several rules found the same work: the first found wins.

The tasks stage used to compare every task with every task kept before it (span overlap and
title words), which grows with the square of the number of tasks: 8 plans joined into one
text took 13 times as long as one. `Kept` answers both questions from indexes instead:
- kept spans never overlap one another, so sorted by start their ends are sorted too and
  the only kept span that can overlap a new one is the last that starts before it ends;
- a title of n words is named again by a sentence holding at least t = ceil(0.8 n) of them,
  and such a sentence must hold one of any n - t + 1 of the title's words (prefix filtering),
  so each title is indexed under n - t + 1 of its words (the longest, which few titles
  share) and only the titles sharing one of them with a sentence are compared word by word.
Both give exactly the answers of the pairwise comparison.
"""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_left, insort
from collections.abc import Iterable

from theodoi.domain.text import squash
from theodoi.extraction.model import Task
from theodoi.extraction.rules import tasks as R

MIN_SAME_TITLE = 20   # a dated sentence naming an appendix row's work is that row again
MIN_SAME_WORDS = 6    # … when the row's title says that much
ROWS = ("task_table", "task_appendix")  # the rules whose tasks are a table's rows
SAME_WORK_SHARE = 0.8
RESTATED_LENGTH = 3   # a duty in the prose at most this many times the words of the row it restates
WORD = re.compile(r"\w+")


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def title_words(title: str) -> set[str] | None:
    """The words of a title long enough to name a piece of work, else None: a topic's few
    words ("Về phát triển kinh tế") are in many sentences that name other work."""
    if len(title) < MIN_SAME_TITLE:
        return None
    found = words(title)
    return found if len(found) >= MIN_SAME_WORDS else None


def names_same_work(own: set[str] | None, said: set[str]) -> bool:
    """A dated sentence that names most words of a row's title ('Xây dựng Kế hoạch đầu tư
    công trung hạn giai đoạn 2026 - 2031; hoàn thành …') is that row's work again.

    own: the row title's words from `title_words`, so each title is split only once."""
    return own is not None and len(own & said) >= SAME_WORK_SHARE * len(own)


class Kept:
    """Tasks kept so far, with their spans and title words indexed for the two tests."""

    def __init__(self, titles: bool) -> None:
        self.titles = titles  # whether `names_same_work` will be asked (the index's cost)
        self.tasks: list[Task] = []
        self.starts: list[int] = []       # starts of the kept non-empty spans, sorted
        self.ends: dict[int, int] = {}    # their ends, by start
        self.empty: list[tuple[int, int]] = []  # empty spans (none in practice), apart
        # a title's distinct words as a tuple of interned strings: a set per title took
        # about seven times the memory, and titles share most of their words
        self.by_word: dict[str, list[tuple[str, ...]]] = {}
        self.wordless = False             # a long title of no word matches any sentence
        # each table or appendix row's title under every word (`_holds`)
        self.any_word: dict[str, list[tuple[str, ...]]] = {}

    def overlaps(self, span: tuple[int, int]) -> bool:
        """Whether a kept task's span overlaps `span`."""
        i = bisect_left(self.starts, span[1]) - 1  # the last kept start before span's end
        if i >= 0 and self.ends[self.starts[i]] > span[0]:
            return True
        return any(s < span[1] and span[0] < e for s, e in self.empty)

    def names_same_work(self, text: str, work: str | None = None) -> bool:
        """Whether `text` names the work of a kept task's title, or `work` (what a dated
        sentence says is to be done, before "…, trình …" or its time) is a kept row's
        work said shorter ("Xây dựng quy hoạch sử dụng đất xã giai đoạn 2026 - 2030" for
        the row "Xây dựng quy hoạch sử dụng đất xã thời kỳ 2026- 2030, tầm nhìn đến 2040")."""
        if self.wordless:
            return True
        said = words(text)
        if any(len(said.intersection(own)) >= SAME_WORK_SHARE * len(own)
               for w in said for own in self.by_word.get(w, ())):
            return True
        return work is not None and self._holds(words(work))

    def _holds(self, mine: set[str]) -> bool:
        """Whether a kept title holds SAME_WORK_SHARE of `mine`: such a title holds one of
        any len(mine) - t + 1 of them (prefix filtering, as for `by_word`)."""
        needed = math.ceil(SAME_WORK_SHARE * len(mine))
        for w in sorted(mine, key=len, reverse=True)[:len(mine) - needed + 1]:
            if any(len(mine.intersection(own)) >= needed for own in self.any_word.get(w, ())):
                return True
        return False

    def add(self, task: Task) -> None:
        self.tasks.append(task)
        start, end = task.span
        if start < end:
            insort(self.starts, start)
            self.ends[start] = end
        else:
            self.empty.append((start, end))
        own = title_words(task.title) if self.titles else None
        if own is None:
            return
        if not own:
            self.wordless = True
            return
        needed = math.ceil(SAME_WORK_SHARE * len(own))
        distinct = tuple(sys.intern(w) for w in own)
        if task.rule in ROWS:  # only a row's work is said shorter in the prose
            for w in distinct:
                self.any_word.setdefault(w, []).append(distinct)
        # the longest words: any n - t + 1 of them are exact, long ones are shared least
        for w in sorted(own, key=len, reverse=True)[:len(own) - needed + 1]:
            self.by_word.setdefault(w, []).append(distinct)


def without_overlaps(tasks: Iterable[Task], dated: list[Task] | None = None) -> list[Task]:
    """Keep the first task found for a piece of text (prose duties, rows and blocks come
    first); a dated sentence (`dated`) that names a kept task's work is that task again.
    `tasks` may be a generator: each task is tested as it comes, so one not kept is freed."""
    kept = Kept(titles=bool(dated))
    for task in tasks:
        if not kept.overlaps(task.span):
            kept.add(task)
    for task in dated or []:
        if not kept.overlaps(task.span) and not kept.names_same_work(task.text,
                                                                      work_of(task.title)):
            kept.add(task)
    return kept.tasks


def without_restatements(tasks: list[Task]) -> list[Task]:
    """`tasks` without a body's duty said in the prose that a row of the plan's own table or
    appendix says again for the same body ("4. Sở Tài chính … Đề xuất các giải pháp cải thiện
    môi trường đầu tư, kinh doanh; ưu tiên thu hút các dự án …" and the row "Đề xuất giải pháp
    cải thiện môi trường đầu tư, kinh doanh; ưu tiên thu hút dự án ứng dụng công nghệ cao. |
    Sở Tài chính | Sở Công Thương, …"): one piece of work, kept as the row, which names its
    partners and time. The prose must hold the row title's longest word and SAME_WORK_SHARE
    of its words, and be at most RESTATED_LENGTH times as long, so a paragraph of other work
    that mentions the row's is kept. Rows are indexed by body and longest word only (an
    index of every word held a megabyte at the bench's 8x text, over the memory goal)."""
    rows: dict[tuple[str, str], list[int]] = {}
    for i, task in enumerate(tasks):
        own = title_words(task.title) if task.rule in ROWS and task.lead_agency else None
        if own and task.lead_agency:
            key = (squash(task.lead_agency).lower(), max(sorted(own), key=len))
            rows.setdefault(key, []).append(i)
    if not rows:
        return tasks
    return [t for t in tasks if t.rule in ROWS or not t.lead_agency
            or not _restates(tasks, rows, squash(t.lead_agency).lower(), words(t.text))]


def _restates(tasks: list[Task], rows: dict[tuple[str, str], list[int]], body: str,
              said: set[str]) -> bool:
    for w in said:
        for i in rows.get((body, w), ()):
            own = title_words(tasks[i].title) or set()
            if (len(said & own) >= SAME_WORK_SHARE * len(own)
                    and len(said) <= RESTATED_LENGTH * len(own)):
                return True
    return False


def work_of(title: str) -> str | None:
    """What a dated sentence says is to be done, when it goes on to what is done with it or
    by when (`R.WORK_TAIL`); None when it does not, or names too little to compare."""
    tail = R.WORK_TAIL.search(title)
    work = title[:tail.start()] if tail else ""
    return work if len(work) >= MIN_SAME_TITLE else None
