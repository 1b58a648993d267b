"""The bodies a plan's prose names: the subject a duty opens with, the partners after
"phối hợp với", a list of bodies cut into names, the body a heading names. Read by the
prose tasks (task_prose) and the duties of "Tổ chức thực hiện" (tasks)."""

from __future__ import annotations

import re

from theodoi.domain.text import squash
from theodoi.extraction.agencies import known_name_end
from theodoi.extraction.rules import tasks as R
from theodoi.extraction.rules.tasks import PARENTHESIS, PIECES, PIECES_KEPT

MAX_AGENCY = 170        # "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, …, Chủ tịch UBND các tỉnh …"


def clean_name(name: str) -> str:
    name = PARENTHESIS.sub("", squash(name)).strip(" ,;.:-–")
    return name[:1].upper() + name[1:]


def subject(body: str) -> str | None:
    """The body a paragraph gives work to, when the paragraph opens with one:
    "Bộ Quốc phòng, Bộ Công an chỉ đạo …" -> "Bộ Quốc phòng, Bộ Công an"."""
    rest = R.OPENING.sub("", body, count=1)
    rest = R.ASKED.sub("", rest, count=1)
    if not R.SUBJECT_HEAD.match(rest):
        return None
    verb = R.WORK_VERB.search(rest, 0, MAX_AGENCY + 1)
    while verb and R.PARTICIPLE.match(rest[verb.start():]):
        verb = R.WORK_VERB.search(rest, verb.end(), MAX_AGENCY + 1)  # "… được giao chủ trì"
    colon = rest.find(":", 0, MAX_AGENCY)
    cuts = [p for p in (verb.start() if verb else -1, colon) if p > 0]
    if not cuts:
        return None
    cut = min(cuts)
    if verb and cut == verb.start() and R.NOT_WORK_VERB.match(rest[cut:]):
        return None  # "… đã tập trung chỉ đạo": what was done, not work to do
    if cut == colon and rest[cut + 1:].strip() and not opens_work(rest[cut + 1:]):
        return None  # "Ban Chỉ đạo bầu cử của tỉnh: Không quá 05 cá nhân" is a quota
    name = clean_name(rest[:cut])
    if R.SENTENCE_IN_NAME.search(name):
        return None  # "UBND cấp xã chú trọng công bố …. Tăng cường …": no body's name
    return name if name and R.SUBJECT_HEAD.match(name) else None


def opens_work(text: str) -> bool:
    """Whether `text` starts as a duty does: in lower case or with a work verb."""
    text = text.strip()
    return bool(R.AFTER_COLON_DUTY.match(text) or R.WORK_VERB.match(" " + text[:1].lower()
                                                                    + text[1:60]))


def co_with(text: str) -> list[str]:
    """Bodies named after "phối hợp (với)" that are bodies ("phối hợp thực hiện" names none).
    Spaces folded first: a PDF line may break inside the verb that ends the list ("tổ\nchức")."""
    if "hối" not in text:
        return []  # no "phối hợp" (nor "Phối⏎hợp"): the cheap test first, every heading asks
    text = squash(text)
    out: list[str] = []
    for m in R.CO_WITH.finditer(text):
        after = text[m.end():]
        if not R.SUBJECT_HEAD.match(after):
            continue
        verb = R.WORK_VERB.search(after)
        stop = min(p for p in (verb.start() if verb else len(after), clause_end(after)))
        out.extend(b for b in bodies_in(after[:stop]) if b not in out)
    return out


def each_a_body(text: str) -> bool:
    """Whether every piece of 'A, B và C' names a body; 'Sở Nông nghiệp và Môi trường' and
    'Bộ Văn hóa, Thể thao và Du lịch' are one name each."""
    pieces = [p.strip() for p in PIECES.split(text) if p.strip()]
    return all(R.SUBJECT_HEAD.match(p) or R.BODY_ABBREVIATION.search(p) for p in pieces)


def bodies_in(text: str) -> list[str]:
    """'Sở Khoa học và Công nghệ, Sở Xây dựng và các cơ quan liên quan' -> the three bodies:
    cut at ',', ';' and 'và', and a piece that names no body of its own ('Công nghệ',
    'Thể thao', 'Môi trường') joins the name before it, as does a lower-case piece after a
    group ('các phòng, ban, đơn vị liên quan', 'Ủy ban nhân dân các tỉnh, thành phố')."""
    parts = PIECES_KEPT.split(squash(text))  # piece, separator, piece, …
    names: list[str] = []
    for i in range(0, len(parts), 2):
        piece = parts[i].strip()
        if not piece:
            continue
        same_group = bool(names) and (
            (piece[0].islower() and not piece.startswith("các ")
             and "các " in names[-1].lower())
            # a name the agency table knows runs on: "Văn phòng HĐND và UBND xã"
            or known_name_end(f"{names[-1]}{parts[i - 1]}{piece}") > len(names[-1]))
        if not names or (not same_group and (R.SUBJECT_HEAD.match(piece)
                                             or R.BODY_ABBREVIATION.search(piece))):
            names.append(piece)
        else:
            names[-1] = f"{names[-1]}{parts[i - 1]}{piece}"
    return [c for n in names if (c := clean_name(n))]


def clause_end(text: str) -> int:
    m = re.search(r"[.;:]", text)
    return m.start() if m else len(text)


def heading_body(title: str) -> str | None:
    """The body a heading names ("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo",
    "Trách nhiệm của đối tượng thực hiện kiểm kê"), else None ("9. Doanh nghiệp số" is a
    topic)."""
    title = R.ASKED.sub("", squash(title).rstrip(":"), count=1)  # "2.10. Đề nghị Viện kiểm sát …"
    duty_of = R.DUTY_OF.match(title)
    if duty_of:
        return clean_name(title[duty_of.end():]) or None
    if not R.SUBJECT_HEAD.match(title) or R.TOPIC_HEAD.match(title):
        return None
    if R.WORK_VERB.search(" " + title):
        return subject(title + ":")  # "Sở Y tế chủ trì, phối hợp với …"
    return clean_name(title)
