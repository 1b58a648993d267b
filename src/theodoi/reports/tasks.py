"""Tasks reported by what they produced, not by a status label, and the documents of the
leadership they issued.

A real báo cáo says of a task "Đã ban hành Kế hoạch số 25/KH-UBND ngày 20/02/2026, hoàn
thành ngày 20/02/2026 (đúng hạn)" or "đạt 60%": the latest update's product, percent and
completion day, and whether it was on time (`TIMELINESS`). A product that names a document
("Kế hoạch số …", "Nghị quyết số …") is a document of the leadership's in the period:
listed under "Công tác lãnh đạo, chỉ đạo" and in its own Biểu.
"""

from __future__ import annotations

import re
from datetime import date

from theodoi.domain.periods import Period
from theodoi.reports.model import TaskLine

# completed on or before its due day, after it, or a task given no due day
TIMELINESS = {"dung_han": "đúng hạn", "tre_han": "trễ hạn", "khong_han": "không giao hạn"}
# the kinds of document a commune's leadership issues, as a product names them before "số"
DOCUMENT_KINDS = ("nghị quyết", "chỉ thị", "kết luận", "quyết định", "kế hoạch",
                  "chương trình", "đề án", "hướng dẫn", "thông báo", "công văn", "báo cáo",
                  "quy chế", "quy định")
_DOCUMENT = re.compile(r"(?i)\b(" + "|".join(DOCUMENT_KINDS) + r")\s+số\s+\S*\d")
NO_DOCUMENTS = ("Trong kỳ, các cơ quan chủ trì chưa báo cáo văn bản lãnh đạo, chỉ đạo nào "
                "được ban hành.")


def timeliness(t: TaskLine) -> str | None:
    """'đúng hạn', 'trễ hạn' or 'không giao hạn' for a completed task; None otherwise."""
    if t.group != "hoan_thanh":
        return None
    if t.due is None:
        return TIMELINESS["khong_han"]
    done = t.done_on or t.due
    return TIMELINESS["dung_han" if done <= t.due else "tre_han"]


def result_text(t: TaskLine) -> str:
    """What the task produced: 'Đã ban hành Kế hoạch số …; hoàn thành ngày 20/02/2026 (đúng
    hạn)', 'đạt 60%', or '' when nothing was reported."""
    parts = [t.product.rstrip(" .;")] if t.product else []
    if t.group == "hoan_thanh":
        day = f" ngày {t.done_on:%d/%m/%Y}" if t.done_on else ""
        parts.append(f"hoàn thành{day} ({timeliness(t)})")
    elif t.percent is not None:
        parts.append(f"đạt {t.percent:g}%".replace(".", ","))
    return "; ".join(parts)


def task_sentence(t: TaskLine) -> str:
    """'- Xây dựng đề án chuyển đổi số: Đã ban hành …; hoàn thành ngày … (đúng hạn).'"""
    result = result_text(t)
    return f"{t.title.rstrip(' .;')}: {result}." if result else f"{t.title.rstrip(' .;')}."


def is_document(product: str | None) -> bool:
    """Whether a product names a document ('Kế hoạch số 25/KH-UBND …')."""
    return bool(product and _DOCUMENT.search(product))


def documents(tasks: list[TaskLine], period: Period) -> list[TaskLine]:
    """The tasks whose update in the period produced a document, by the day reported."""
    inside = [t for t in tasks if is_document(t.product) and t.reported_on is not None
              and period.start <= t.reported_on <= period.end]
    return sorted(inside, key=lambda t: (t.reported_on or date.min, t.title))
