"""Instructions to lower units: recognising them, and what each unit's action means.

A higher plan's task such as "Các đảng ủy xã, phường xây dựng kế hoạch thực hiện … trước
ngày 31/3/2026" is addressed to every unit under the plan's unit. The words that say
"each lower unit" are the table `ADDRESSEES` below, from the language of administration
(Luật Tổ chức chính quyền địa phương: tỉnh → xã, phường, đặc khu since 2025; before it
huyện, quận, thị xã, thành phố thuộc tỉnh → xã, phường, thị trấn; the Party's đảng ủy,
cấp ủy trực thuộc). A task is addressed to them when its lead names them, or when its
text begins with them (the subject of the sentence); "Sở Nội vụ hướng dẫn các xã …" names
the communes only as its object and is the Sở's own task.

Each lower unit's part is an item that is open until the unit acts (a plan of its own
implementing the higher plan, or a report), and the instruction task's own progress is
read from those items. Pure: no clock, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from theodoi.domain.status import TaskUpdate

# (pattern on the folded text, the phrase it exists for); one entry per way of writing
ADDRESSEES: tuple[tuple[str, str], ...] = (
    (r"cac (?:dang uy|cap uy|ubnd|uy ban nhan dan|hdnd) (?:xa|phuong|thi tran|dac khu)",
     "Các đảng ủy xã, phường; các UBND xã"),
    (r"(?:dang uy|cap uy|ubnd|uy ban nhan dan|hdnd|chu tich ubnd) cac "
     r"(?:xa|phuong|thi tran|dac khu)", "UBND các xã, phường, thị trấn; Đảng ủy các xã"),
    (r"cac (?:xa|phuong|thi tran|dac khu)(?:,| va| |$)", "các xã, phường, thị trấn"),
    (r"(?:ubnd|uy ban nhan dan|huyen uy|thi uy|thanh uy) cac (?:huyen|quan|thi xa)",
     "UBND các huyện, thị xã, thành phố; các huyện ủy, thị ủy, thành ủy"),
    (r"cac (?:huyen|quan|thi xa)(?:,| va| |$)", "các huyện, thị xã, thành phố"),
    (r"cac huyen uy, thi uy, thanh uy", "các huyện ủy, thị ủy, thành ủy trực thuộc"),
    (r"cac (?:dang uy|cap uy|to chuc co so dang)(?: co so)? truc thuoc",
     "các đảng ủy, cấp ủy trực thuộc"),
    (r"cac don vi hanh chinh cap (?:xa|huyen)", "các đơn vị hành chính cấp xã"),
    (r"(?:ubnd|uy ban nhan dan|dang uy) cap (?:xa|huyen)", "UBND cấp xã, Đảng ủy cấp xã"),
    (r"cac dia phuong(?:,| |$)", "các địa phương (đơn vị cấp dưới)"),
    (r"cac (?:thon|to dan pho|chi bo)(?:,| va| |$)", "các thôn, tổ dân phố, chi bộ"),
)
_PATTERNS = tuple(re.compile(p) for p, _ in ADDRESSEES)
# how far into a task's text its subject may reach: a label ("a)", "2.1.") and the start
SUBJECT_CHARS = 12
_LABEL = re.compile(r"^\s*(?:[-+•*]|\(?[0-9a-zđ]{1,3}[.)]|[0-9]+(?:\.[0-9]+)*\.?)\s*")

ACTED_ON_TIME = "da_thuc_hien_dung_han"
ACTED_LATE = "da_thuc_hien_tre_han"
OVERDUE = "qua_han"
NOT_DUE = "chua_den_han"
STATE_LABELS = {ACTED_ON_TIME: "Đã thực hiện đúng hạn", ACTED_LATE: "Đã thực hiện trễ hạn",
                OVERDUE: "Quá hạn, chưa thực hiện", NOT_DUE: "Chưa đến hạn, chưa thực hiện"}
HOW_LABELS = {"plan": "kế hoạch cụ thể hóa", "report": "báo cáo, giải trình"}


def plain(text: str) -> str:
    """Lower case without tone or vowel marks ('Ủy ban' -> 'uy ban'), spaces folded:
    the patterns are written so, as documents mix 'uỷ'/'ủy' and old encodings."""
    marks = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return " ".join("".join(c for c in marks if not unicodedata.combining(c)).split())


def _names_lower(text: str, *, subject_only: bool) -> bool:
    folded = plain(_LABEL.sub("", text, count=1)).strip()
    for pattern in _PATTERNS:
        found = pattern.search(folded)
        if found and (not subject_only or found.start() <= SUBJECT_CHARS):
            return True
    return False


def addressed_below(text: str, leads: tuple[str, ...] = ()) -> bool:
    """True when a task is addressed to every unit under its plan's unit: its lead names
    them, or its text begins with them."""
    return (any(_names_lower(name, subject_only=False) for name in leads)
            or _names_lower(text, subject_only=True))


@dataclass(frozen=True)
class Action:
    """What a lower unit did about an instruction: on `on`, by a plan or a report."""

    on: date
    how: str  # "plan" | "report"
    plan_id: int | None = None
    note: str | None = None


def earliest(actions: list[Action]) -> Action | None:
    """The action that closed the item: the first one by date."""
    return min(actions, key=lambda a: (a.on, a.how), default=None)


def item_state(due: date | None, acted: Action | None, as_of: date) -> str:
    """Where one unit stands: acted on time or late, or not yet and overdue or not due.

    An action dated after `as_of` is not known yet on that day."""
    if acted is not None and acted.on <= as_of:
        return ACTED_LATE if due is not None and acted.on > due else ACTED_ON_TIME
    return OVERDUE if due is not None and as_of > due else NOT_DUE


def task_updates(closed_on: list[date | None], as_of: date) -> list[TaskUpdate]:
    """The instruction task's progress read from its items (one closing day, or None, per
    lower unit): done on the last unit's day once all acted, else under way with the
    share that acted, else nothing reported."""
    known = [d for d in closed_on if d is not None and d <= as_of]
    if not closed_on or not known:
        return []
    last = max(known)
    if len(known) == len(closed_on):
        return [TaskUpdate(last, "hoan_thanh", 100.0, last)]
    return [TaskUpdate(last, "dang_thuc_hien", round(100.0 * len(known) / len(closed_on), 1))]
