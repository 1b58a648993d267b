"""References to other documents in a basis line: kind, number and symbol, date, issuer.

`parse("Kế hoạch số 125/KH-UBND ngày 28/10/2021 của UBND tỉnh …")` gives
`Reference(kind="ke_hoach", number="125/KH-UBND", date=date(2021, 10, 28), …)`. The first
document the line names is the one it implements: in "Công văn số 19082/UBND-THĐT … về
việc triển khai thực hiện Kết luận số 4121-KL/TU …" the basis is the Công văn.

`number_key` is the form two spellings of one number share ("4121- KL/TU" and
"4121-kl/tu"), used to match a basis to a stored plan.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from theodoi.domain.text import squash
from theodoi.extraction.rules import references as R

_KIND_CODES = {w.lower(): code for w, code in R.KIND_WORDS}


@dataclass(frozen=True)
class Reference:
    """A document a basis names; any part may be missing ("Nghị quyết Đại hội …")."""

    kind: str | None
    number: str | None
    date: date | None
    issuer: str | None = None


def parse(text: str) -> Reference:
    """The first document `text` names; all fields None when it names none."""
    text = unicodedata.normalize("NFC", squash(text))
    body = R.OPENERS.sub("", text, count=1)
    kind_match = R.KIND_RE.search(body)
    if kind_match is None:
        number, rest = _number(body)
        return Reference(None, number, _date(rest) if number else None, None)
    after = body[kind_match.end():]
    number, rest = _number_after_kind(after)
    when = _date(rest)
    rest = R.DATE_AFTER.sub("", rest, count=1)  # a mistyped day still precedes the issuer
    return Reference(_KIND_CODES[kind_match.group("kind").lower()], number, when,
                     _issuer(rest))


def normalise_number(raw: str) -> str:
    """'4121- KL/TU' -> '4121-KL/TU': dashes unified, spaces and trailing dots removed."""
    text = unicodedata.normalize("NFC", raw)
    for old, new in R.LOOKALIKES.items():
        text = text.replace(old, new)
    text = R.SPACES_IN_SYMBOL.sub(r"\1", R.DASHES.sub("-", text))
    return "".join(text.split()).rstrip(R.TRAILING)


def number_key(raw: str) -> str:
    """What two spellings of one number share: normalised, case folded, no leading zeros.

    "09-CTr/ĐU" and "9-ctr/đu" are one number: clerks pad or drop the zero.
    """
    text = normalise_number(raw).upper()
    width = len(text) - len(text.lstrip("0123456789"))
    lead = text[:width].lstrip("0") or text[:width][:1]  # a bare "0" stays "0"
    return lead + text[width:]


def number_digits(raw: str) -> str:
    """The leading digits of a number ('16' of '16-CTr/TU'), for a coarse index lookup."""
    m = re.match(r"\d+", normalise_number(raw))
    return m.group() if m else ""


def _number_after_kind(after: str) -> tuple[str | None, str]:
    """The number written after the kind word, if it belongs to it; and the text after."""
    bare = R.NUMBER_BARE.match(after)
    if bare and _has_symbol(bare.group("number")):
        return normalise_number(bare.group("number")), after[bare.end():]
    m = R.NUMBER_AFTER_SO.search(after)
    if m is None or m.start() > R.MAX_GAP_TO_NUMBER:
        return None, after
    gap = after[:m.start()]
    if R.GAP_STOPS.search(gap) or R.KIND_RE.search(gap) or not _has_symbol(m.group("number")):
        return None, after
    return normalise_number(m.group("number")), after[m.end():]


def _number(text: str) -> tuple[str | None, str]:
    """A number with "số" anywhere in a line that has no kind word ("Số: 16-CTr/TU")."""
    m = R.NUMBER_AFTER_SO.search(text)
    if m is None or not _has_symbol(m.group("number")):
        return None, text
    return normalise_number(m.group("number")), text[m.end():]


def _has_symbol(number: str) -> bool:
    """Document numbers carry a letter symbol ("KH", "CTr"); a bare "12/2025" is a date."""
    return any(c.isalpha() for c in number)


def _date(rest: str) -> date | None:
    """The date written straight after the number, if it is a real day."""
    m = R.DATE_AFTER.match(rest)
    if m is None:
        return None
    month, year = m.group("m1") or m.group("m2"), m.group("y1") or m.group("y2")
    try:
        return date(int(year), int(month), int(m.group("d")))
    except ValueError:
        return None


def _issuer(rest: str) -> str | None:
    m = R.ISSUER.match(rest)
    return m.group("issuer").strip() if m else None
