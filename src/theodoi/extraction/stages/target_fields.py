"""Fields of one target from its clause and its value match: kind, comparator, unit, years."""

from __future__ import annotations

import re
from functools import lru_cache

from theodoi.domain.text import squash
from theodoi.extraction.numbers import MULTIPLIERS, parse_number
from theodoi.extraction.rules import targets as R


def unit_text(m: re.Match[str]) -> str | None:
    """'100% thôn …' is a percentage of villages: the % written on the number wins over the
    counted noun after it, unless that is itself a rate ('10% đến 11%/năm')."""
    pct, unit = m.group("aunit"), m.group("unit")
    if pct and not (unit or "").startswith("%"):
        return pct
    if unit and not R.KNOWN_UNIT.fullmatch(unit) and not R.SYMBOL.fullmatch(unit):
        unit = generic_unit(unit)
    return unit or pct


def is_generic(m: re.Match[str]) -> bool:
    """The value's unit is a noun or symbol the rules do not list ('15.000 lượt khách', '28
    m2/người'): it must stand apart from the number and may be the scope of another value."""
    unit = m.group("unit")
    return bool(unit) and not m.group("aunit") and not R.KNOWN_UNIT.fullmatch(unit)


UNIT_WORDS = 2


@lru_cache(maxsize=1024)
def generic_unit(words_text: str) -> str | None:
    """The counted noun at the start of `words_text`, or None when the words after the number
    do not count anything ('03 tháng', '5 tuổi', '21 của', a capitalised name).
    Two words at most ('căn nhà', 'bác sĩ', 'kịch bản'): Vietnamese nouns are mostly one or
    two syllables, and no dictionary here tells a longer one apart."""
    text = squash(words_text)
    if not text or not text[0].islower() or R.NOT_UNIT.match(text):
        return None
    words = text.split()
    limit = UNIT_WORDS
    kept: list[str] = []
    for word in words[:limit]:
        if kept and (R.UNIT_STOP.match(word) or not word[0].islower()):
            break
        kept.append(word)
    return " ".join(kept)


def norm_unit(unit: str | None, has_of: bool, noun: str | None) -> str | None:
    if has_of and noun:
        return noun
    if not unit:
        return None
    return re.sub(r"\s+", " ", re.sub(r"\s*/\s*", "/", unit.strip())).replace("% /", "%/")


AFTER_WORDS_CHARS = 120  # what follows a value that can say "… trở lên" of it (five words)


def comparator(clause: str, m: re.Match[str], rel: int) -> str:
    """Comparator from the words right before and after the value (`clause` as words:
    targets.py reads it so, whatever whitespace a PDF's line break left in "ít⏎⏎nhất")."""
    before = clause[:rel]
    end = rel + len(m.group())
    after = clause[end:end + AFTER_WORDS_CHARS]
    if m.group("b"):
        return "between"
    if R.GREATER.search(before):
        return ">"
    if R.AT_LEAST.search(before) or R.AT_LEAST_AFTER.match(after) or m.group("pre"):
        return ">="
    if R.LESS.search(before):
        return "<"
    if R.AT_MOST.search(before):
        return "<="
    return "="


def kind(clause: str, rel: int) -> str:
    """growth_rate, change or level, from the words before the value (`clause` as words:
    "tăng⏎⏎bình quân 13 %/năm" is a growth rate)."""
    head = clause[:rel]
    if R.GROWTH.search(head):
        return "growth_rate"
    if R.CHANGE.search(head):
        return "change"
    return "level"


def direction(clause: str, rel: int | None = None) -> str:
    """maintain for 'duy trì' anywhere ('100% thôn giữ vững danh hiệu …'), decrease for
    'giảm' or a bad-is-high indicator before the value (`clause[:rel]`: what follows it says
    what the counted things are for, 'trang trại …, giảm thiểu ô nhiễm'), else increase.
    Line breaks count as spaces, so 'lao động ⏎ nông nghiệp' is the indicator it is.
    """
    whole = squash(clause)
    if R.MAINTAIN.search(whole):
        return "maintain"
    head = whole if rel is None else squash(clause[:rel])
    # the sub runs only on the few heads that name something going down
    if R.DECREASE.search(head) and R.DECREASE.search(R.GOOD_AROUND_BAD.sub(" ", head)):
        return "decrease"
    return "increase"


def values(m: re.Match[str]) -> tuple[float | None, float | None, float | None]:
    """(value, value_max, value_of) with 'nghìn' applied."""
    factor = MULTIPLIERS.get((m.group("mult") or "").lower(), 1)
    a = parse_number(m.group("a"))
    b = parse_number(m.group("b")) if m.group("b") else None
    of = parse_number(m.group("of")) if m.group("of") else None
    return (a * factor if a is not None else None, b * factor if b is not None else None, of)


def years(clause: str, annual: bool, term_end: int | None) -> int | None:
    """The year the clause names as its deadline; a base year ('so với năm 2025') is none."""
    if R.YEAR_DIGITS in clause:  # substring test: cheap
        based = "so với" in clause  # the substring test spares the look-back on most clauses
        for m in R.YEAR.finditer(clause):
            if not (based and R.BASE_YEAR.search(clause[:m.start("y")].rstrip()[:-3])):
                return int(m.group("y"))
    return None if annual else term_end


@lru_cache(maxsize=256)  # asked of a list item's first clause twice: as item, as clause
def is_annual(clause: str) -> bool:
    without_avg = R.AVERAGE_ANNUAL.sub("", squash(clause))  # "hằng\n\nnăm" is "hằng năm"
    return bool(R.ANNUAL.search(without_avg))


def per_year(clause: str, unit: str | None, kind_: str, rel: int, after: str = "") -> bool:
    """The value is per year: '%/năm', a unit read without its '/năm' ('500.000 lượt/năm':
    `after`, the words right after the value, say so), an average rate, 'mỗi năm có …', or a
    rate whose indicator itself says 'hằng năm' ('tỷ lệ kết nạp đảng viên mới hằng năm đạt
    3%') — not a clause that merely opens with 'Hằng năm, …' (that is recurrence)."""
    if (unit and "/năm" in unit) or R.PER_YEAR_AFTER.match(after):
        return True
    head = clause[:rel]  # as words (targets.py)
    if kind_ == "growth_rate" or (kind_ == "change" and "bình quân" in head.lower()):
        return True
    if R.EACH_YEAR.search(head):
        return True
    inner = R.LEAD_WORDS.sub("", head)
    return bool(R.ANNUAL.search(inner)) and unit == "%"


COLON_VALUE_WORDS = 3  # "…: không dưới 95%" — only comparator words between colon and value


def indicator(clause: str, rel: int, value_end: int | None = None, *, whole: bool = False
              ) -> str:
    """What is measured: the words before the value, or for 'Có 5/7 thôn đạt chuẩn …'
    (nothing before it but 'Có') the counted noun and what it must reach. The words before
    it are read as words, whatever whitespace a PDF's line break left ("phấn\n\nđấu")."""
    head = squash(clause[:rel])
    strive = list(R.STRIVE.finditer(head)) if "đấu" in head else []
    if strive and not whole and not empty_head(head[strive[-1].end():]):
        head = head[strive[-1].start():]  # the commitment starts at its last 'phấn đấu'
    if value_end is not None and empty_head(head):
        tail = counted_tail(clause[value_end:])
        if tail:
            return "Số " + tail
    colon = head.rfind(":")
    labelled = colon > 0 and len(head[colon + 1:].split()) <= COLON_VALUE_WORDS
    if labelled and not names_nothing(head[colon + 1:]):
        head, labelled = head[colon + 1:], False  # "Về quốc phòng - an ninh: hoàn thành …":
        # the label names a field, the words after it what is measured
    if labelled:
        head = head[:colon]  # "Tỷ lệ hộ đạt danh hiệu …: 92% trở lên": the label measures
    elif not whole:  # "Tốc độ tăng …" keeps its verb: it names the measure
        head = R.INDICATOR_VERB.split(head)[0]
        held = R.HOLD_VERB.split(head, maxsplit=1)[0]
        if held != head and R.MEASURE_WORDS.search(held):
            head = held  # "Tỷ lệ che phủ rừng duy trì ổn định ở mức 42%"
    head = _drop_comparator(R.LEAD_WORDS.sub("", squash(head)))
    if R.YEAR_DIGITS in head:  # the substring test is far cheaper than the sub
        head = R.INDICATOR_DATES.sub("", head)
    head = head.strip(" ,:")
    return head[:1].upper() + head[1:] if head else squash(clause)[:80]


def names_nothing(head: str) -> bool:
    """Nothing in `head` (the words before a value) names what is measured: only a year, a
    verb, a comparator or "trong đó (có)" (", đến năm 2030 đạt 40%", "trong đó 50% …")."""
    head = R.INDICATOR_VERB.split(" " + R.SUBSET_HEAD.sub("", squash(head)))[0]
    return not R.INDICATOR_DATES.sub("", clean_head(head)).strip(" ,;:.-")


def is_part(head: str) -> bool:
    """The value is a part of the one before it: "…, trong đó 50% …"."""
    return bool(R.SUBSET_HEAD.match(head)) and "đó" in head.lower()


def clean_head(head: str) -> str:
    """The head without list marks, lead words and trailing comparator words; read as words
    ("Có ít\n\nnhất 30 điểm": a PDF broke the line inside the comparator)."""
    return _drop_comparator(R.LEAD_WORDS.sub("", squash(head)))


def _drop_comparator(head: str) -> str:
    """'kết nạp ít nhất' -> 'kết nạp'; the last-word test spares the regex on most heads."""
    words = head.rsplit(None, 1)
    if not words or words[-1].lower() not in R.COMPARATOR_LAST_WORDS:
        return head
    return R.HEAD_COMPARATOR.sub("", head)


def empty_head(head: str) -> bool:
    """Nothing before the value names what is measured ('Có thêm 02 …', 'và 100% …')."""
    return bool(R.EMPTY_HEAD.match(clean_head(head)))


def counted_tail(tail: str) -> str:
    """What follows a value, as the rest of an indicator: '90% trở lên gia đình …' -> 'gia
    đình …'."""
    return R.TAIL_NOISE.sub("", squash(tail)).strip(" .;,")
