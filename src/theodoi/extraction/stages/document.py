"""Document metadata: kind, number, date and place, issuer, title, term, signer, bases, recipients.

Works on the text alone, so it serves a DOCX with its header table, a PDF export, or a
text where the letterhead was lost (then the issuer comes from the signature and the body).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date

from theodoi.domain.text import modern_tones, squash
from theodoi.extraction.folded import may_hold
from theodoi.extraction.labels import BULLETED
from theodoi.extraction.model import Document, Signer
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.rules import document as R
from theodoi.extraction.rules.document import UNIT_WORDS
from theodoi.extraction.rules.letters import CAPITALS
from theodoi.extraction.stages.outline import LineIndex, match_heading
from theodoi.extraction.warnings import warn

HEAD_LINES = 40


def readable(upper: str) -> str:
    """'BAN THƯỜNG VỤ ĐẢNG UỶ XÃ NGHI DƯƠNG' -> 'Ban Thường vụ Đảng ủy xã Nghi Dương'."""
    text = modern_tones(squash(upper))
    for phrase, written in R.CASE_PHRASES.items():
        text = text.replace(phrase, written)
    words, title_case = text.split(" "), False
    out: list[str] = []
    for i, word in enumerate(words):
        if word.isupper():
            word = word.capitalize() if title_case or (i == 0 and not out) else word.lower()
        out.append(word)
        title_case = title_case or word.upper() in {w.split()[-1] for w in UNIT_WORDS}
    return " ".join(out)


def find_kind(head: list[tuple[int, int, str]]) -> tuple[str, int] | None:
    """(kind, index in head) of the line that is only a kind word."""
    for i, (_, _, line) in enumerate(head):
        for word, kind in R.KIND_WORDS:
            if line.rstrip(" :") == word:
                return kind, i
    return None


def title_lines(head: list[tuple[int, int, str]], after: int) -> list[str]:
    """The lines after the kind word that make the title: up to the body, or to the line in
    capitals that names who decides (`R.AUTHORITY_LINE`). A title in capitals may be one
    long line (a Word file's); a long line in lower case is the body's."""
    found: list[str] = []
    for _, _, line in head[after + 1:]:
        if R.ISSUER_OF.match(line):
            continue
        long = len(line) > R.MAX_TITLE_LINE and not line.isupper()
        if (R.BODY_OPENERS.match(line) or match_heading(line) or long
                or (found and R.SECOND_OPENER.match(line))
                or (found and _authority(line))
                or len(found) >= R.MAX_TITLE_LINES):
            break
        found.append(R.OF_ISSUER_BEFORE.sub("", line) if not found else line)
    return found


def find_term(title: str, opening: str) -> tuple[int, int] | None:
    """The title's nhiệm kỳ/giai đoạn, else the title's single year, else the opening's."""
    m = R.TERM.search(title)
    if m:
        return int(m.group("a")), int(m.group("b"))
    m = R.ONE_YEAR.search(title)
    if m:
        return int(m.group("y")), int(m.group("y"))
    m = R.TERM.search(opening)
    return (int(m.group("a")), int(m.group("b"))) if m else None


def columns(line: str) -> list[str]:
    """The columns of a line that holds two blocks side by side (left first)."""
    if "\t" not in line and "   " not in line:  # most lines: no split, no regex
        return [line.strip()]
    return [c for c in R.COLUMN_GAP.split(line.strip()) if c]


def find_signer(all_lines: Sequence[tuple[int, int, str]]) -> Signer | None:
    """The last 'T/M …' block: on behalf, position on the next line, name after it; in a
    text export the block may stand in the right column beside the recipients."""
    for i in range(len(all_lines) - 1, -1, -1):
        m = next((m for c in columns(all_lines[i][2])[-1:] if (m := R.ON_BEHALF.match(c))), None)
        if not m:
            continue
        rest = [columns(ln)[-1] for _, _, ln in all_lines[i + 1:i + 5] if ln.strip()][:3]
        position = rest[0] if rest and R.POSITION.match(rest[0]) else None
        name = next((ln for ln in rest[1:3] if R.PERSON.match(ln)), None)
        mark = m.group("mark")
        return Signer(name, readable(position) if position else None,
                      f"{mark} {readable(m.group('body'))}")
    return None


def _without_signature(line: str) -> str:
    """A recipients line with the signature block beside it ('- UBND huyện;      CHỦ TỊCH')
    loses that block; a wide gap inside a recipient ('… phụ trách xã,    báo cáo') stays."""
    parts = columns(line) if line.strip() else []
    if len(parts) > 1 and (parts[-1].isupper() or R.PERSON.match(parts[-1])
                           or R.ON_BEHALF.match(parts[-1])):
        return " ".join(parts[:-1])
    return line


def find_recipients(all_lines: Sequence[tuple[int, int, str]]) -> list[str]:
    out: list[str] = []
    started = False
    for _, _, whole in all_lines:
        if not started and not R.RECIPIENTS_START.match(whole):
            continue  # only lines from "Nơi nhận" on can hold the signature beside them
        line = _without_signature(whole)
        if R.RECIPIENTS_START.match(line):
            started = True
            rest = R.RECIPIENTS_START.sub("", line).strip(" -")
            if rest:
                out.append(squash(rest).rstrip(" ;,"))
            continue
        if started:
            bullet = BULLETED.match(line)
            if bullet is None:
                break
            out.append(squash(line[bullet.end():]).rstrip(" ;,"))
    return out


def find_bases(opening: str, title: str) -> list[str]:
    """Each document the plan says it implements ('Căn cứ …', 'Thực hiện …')."""
    bases: list[str] = []
    for paragraph in re.split(r"(?<=\.)\s*\n|\n(?=[^\S\n]*Căn cứ\b)", opening):  # "Căn cứ …"
        # lines may end with no mark at all (a Word file's "Căn cứ Luật … năm 2025")
        text = squash(paragraph)
        if not R.BASIS_OPENER.match(text):
            continue
        sentence = re.split(rf"\.\s+(?=[{CAPITALS}])", text)[0]
        for part in sentence.split(";"):
            m = R.BASIS_REF.search(part)
            if m and not R.ISSUES_THIS.search(part, 0, m.start()):
                ref = R.BASIS_TAIL.sub("", m.group()).strip(" .,")
                bases.append(ref[:1].upper() + ref[1:])
    if not bases and R.BASIS_OPENER.match(title) and R.BASIS_REF.search(title):
        bases.append(R.BASIS_OPENER.sub("", title).strip(" .,"))
    return bases


def find_issuer(text: str, head: list[tuple[int, int, str]], kind_at: int | None,
                signer: Signer | None) -> str | None:
    """Issuer from 'CỦA …' under the kind word, the letterhead, or the signer's body."""
    base = None
    for _, _, line in head[(kind_at or 0):(kind_at or 0) + 3]:
        m = R.ISSUER_OF.match(line)
        if m:
            base = readable(m.group("issuer"))
    if base is None and kind_at:
        base = _letterhead_issuer([ln for _, _, ln in head[:kind_at]])
    if base is None and signer and signer.on_behalf:
        base = signer.on_behalf.split(" ", 1)[1]
    return _extend_with_locality(text, base) if base else None


def _letterhead_issuer(lines: list[str]) -> str | None:
    """The issuing body of a letterhead: 'ỦY BAN NHÂN DÂN' + 'XÃ HÒA BÌNH' on the next line,
    or 'ĐẢNG ỦY XÃ …' rather than the 'ĐẢNG BỘ XÃ …' above it."""
    found: list[str] = []
    lefts = [columns(line)[0] if line.strip() else "" for line in lines]  # Quốc hiệu at right
    for i, left in enumerate(lefts):
        name = modern_tones(left)
        if not R.ISSUING_BODY.match(name):
            continue
        if i + 1 < len(lefts) and R.UNIT_LINE.match(lefts[i + 1]):
            name = f"{name} {lefts[i + 1]}"
        found.append(name)
    preferred = [n for n in found if not n.startswith("ĐẢNG BỘ")] or found
    return readable(preferred[-1]) if preferred else None


def _extend_with_locality(text: str, base: str) -> str:
    """'Ủy ban nhân dân' -> 'Ủy ban nhân dân xã Ngọc Liên', preferring the sentence in which
    the issuer names itself ('… xây dựng Kế hoạch'), then any commune-level mention."""
    body = modern_tones(text)
    found = [(a, b) for a, b in _mentions(body, base) if b - a > len(base)]
    issuing = [(a, b) for a, b in found if R.ISSUING_VERB.match(body, b)]
    local = [(a, b) for a, b in found
             if re.search(r"\b(xã|phường|thị trấn|Đảng bộ)\b", body[a:b])]
    best = (issuing or local or found)[:1]
    name = body[best[0][0]:best[0][1]] if best else base
    return squash(name[0].upper() + name[1:])


def _mentions(body: str, base: str) -> Iterator[tuple[int, int]]:
    """Each mention of `base` (in any case) with the locality after it, as the spans that
    `re.finditer` of `base` + LOCALITY gives: the locality, compiled once, is matched where
    `base` ends (an empty match when none follows), and the next search starts after it."""
    own = re.compile(f"(?i:{re.escape(base)})")
    pos = 0
    while (m := own.search(body, pos)) is not None:
        locality = R.LOCALITY_AFTER.match(body, m.end())
        end = locality.end() if locality else m.end()
        yield m.start(), end
        pos = end if end > m.start() else m.start() + 1


def run(ctx: Context) -> None:
    all_lines = LineIndex(ctx.text)
    head = all_lines[:HEAD_LINES]
    head_text = "\n".join(ln for _, _, ln in head)
    doc = Document()
    kind = find_kind(head)
    kind_at = kind[1] if kind else -1
    found_title = title_lines(head, kind_at) if kind else []
    title = squash(" ".join(found_title))
    title = title[:1].upper() + title[1:]
    if "|" in head_text:  # a header table saved as text: its cells are the lines (a
        # separator never holds a line break: the lines without a bar are kept as they are)
        head_text = "\n".join(R.HEADER_CELL_SEP.sub("\n", ln) if "|" in ln else ln
                              for _, _, ln in head)
    number = R.NUMBER.search(head_text)
    doc.number = number.group("number") if number else None
    doc.kind = kind[0] if kind else next(
        (k for p, k in R.SYMBOL_KINDS if doc.number and p.search(doc.number)), "khac")
    doc.title = title
    _place_date(doc, head_text)
    opening = _opening(ctx.text, all_lines, _title_end(head, kind_at, found_title))
    doc.term = find_term(title, opening)
    doc.signer = find_signer(all_lines)
    doc.recipients = find_recipients(all_lines)
    doc.bases = find_bases(opening, title)
    doc.issuer = find_issuer(ctx.text, head, kind[1] if kind else None, doc.signer)
    doc.restricted_by = find_restriction(ctx.text)
    ctx.document = doc
    for field, value in (("số, ký hiệu", doc.number), ("ngày ban hành", doc.issued_on)):
        if value is None:
            ctx.warnings.append(warn("W201", None, field=field))


def find_restriction(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first line that marks the document restricted (rules: RESTRICTED_MARKS), with
    its span in `text`; None when no line does."""
    found = [m for words, pattern in R.RESTRICTED_MARKS if may_hold(text, words, pattern)
             for m in pattern.finditer(text)]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    start = first.start() + len(first.group()) - len(first.group().lstrip())
    end = first.start() + len(first.group().rstrip())
    return text[start:end], (start, end)


def _place_date(doc: Document, head_text: str) -> None:
    """Place and date of issue: '…, ngày 30 tháng 3 năm 2026', or with the year on a later
    line where a PDF's header columns merged."""
    m = R.PLACE_DATE.search(head_text)
    year = m.group("y") if m else None
    if not m:
        m = R.PLACE_DATE_OPEN.search(head_text)
        year = _year_below(head_text, m.end()) if m else None
    if not m or not year:
        return
    try:
        doc.issued_on = date(int(year), int(m.group("m")), int(m.group("d"))).isoformat()
    except ValueError:
        return
    doc.place = R.LETTERHEAD_PREFIX.sub("", squash(m.group("place")).strip())


def _year_below(text: str, pos: int) -> str | None:
    """The year ending one of the few lines after `pos` ('Số 12-CTr/ĐU 2026', '2026')."""
    lines = text[pos:].split("\n")[1:R.YEAR_LINES + 1]
    return next((y.group("y") for line in lines if (y := R.YEAR_AT_END.search(line))), None)


def _title_end(head: list[tuple[int, int, str]], kind_at: int, title: list[str]) -> int:
    """Index of the last line of the title block (kind word, issuer line, title lines, and
    the authority lines under them: "ỦY BAN NHÂN DÂN TỈNH SƠN LA")."""
    if kind_at < 0:
        return -1
    last = kind_at
    for i in range(kind_at + 1, len(head)):
        line = R.OF_ISSUER_BEFORE.sub("", head[i][2])  # as `title_lines` gave it
        if line in title or R.ISSUER_OF.match(line):
            last = i
        if line == (title[-1] if title else None):
            break
    while last + 1 < len(head) and _authority(head[last + 1][2]):
        last += 1
    return last


def _authority(line: str) -> bool:
    """A line in capitals that names who decides (`R.AUTHORITY_LINE`)."""
    return line.isupper() and bool(R.AUTHORITY_LINE.match(line))


def _opening(text: str, all_lines: Sequence[tuple[int, int, str]], after: int) -> str:
    """Text from after the title to the first heading: where the bases are named."""
    start = all_lines[after][1] if after >= 0 else 0
    for i in range(after + 1, len(all_lines)):  # one line at a time, not a list of them all
        s, _, line = all_lines[i]
        if match_heading(line):
            return text[start:s]
    return text[start:start + 3000]


STAGE = Stage("document", needs=("source",), provides=("document",), run=run)
