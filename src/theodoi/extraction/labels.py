"""The list-label grammar (rules/labels.py) applied: find, read and strip item labels.

Every stage that asks "does a new item start here?" or "what is this item without its
number?" asks here, so the outline, the clause splitter, targets and tasks agree on what a
label is ("a, Phòng Kinh tế chủ trì …" is the item "Phòng Kinh tế chủ trì …" everywhere).
"""

from __future__ import annotations

import re

from theodoi.extraction.rules import labels as R

# a label and the blanks after it, at the start of a text
LABEL = re.compile(rf"^\s*(?P<label>{R.ITEM})\s*")
# the start of a line (within a text) that opens a new item
ITEM_START = re.compile(rf"\n(?=\s*{R.ITEM_HEAD})")
# a text (a line, a clause) that opens with an item label
OPENS_ITEM = re.compile(rf"^\s*{R.ITEM_HEAD}")
ARTICLE = re.compile(rf"^{R.ARTICLE}\s*")
# a bullet and the blanks after it: "- UBND huyện;" in "Nơi nhận"
BULLETED = re.compile(rf"^\s*{R.BULLET}\s*")
CELL_LABEL = re.compile(rf"^{R.CELL}$")
ROMAN_CELL = re.compile(rf"^{R.ROMAN_CELL}$")


def strip_label(text: str) -> str:
    """`text` without the label it opens with: '2.1. Xây dựng …', 'a, Phòng …' -> the words."""
    return LABEL.sub("", text, count=1)


def says_nothing(text: str) -> bool:
    """Whether `text` holds no word: a bullet or a label left alone on its line ("•" that a
    PDF's empty list item leaves before "Nơi nhận"). A letter past the longest label's
    length answers without the label rule, which every paragraph would otherwise run."""
    if any(c.isalpha() for c in text[MAX_LABEL_LENGTH:]):
        return False
    return not any(c.isalpha() for c in strip_label(text))


MAX_LABEL_LENGTH = 20  # "1.2.3.4.", "(12)", "Điều 12.", "Phần thứ nhất": shorter than this


def strip_article(text: str) -> str:
    """`text` without the article number it opens with: 'Điều 2. Giao …' -> 'Giao …'."""
    return ARTICLE.sub("", text, count=1)


def numbered_label(text: str) -> str | None:
    """The number or letter `text` opens with ('1.2.', 'a)', '(3)'); None for none or a bullet."""
    m = LABEL.match(text)
    return m.group("label") if m and m.group("label") not in "-+*•" else None
