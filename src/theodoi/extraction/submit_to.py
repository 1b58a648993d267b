"""Where a task's product goes: the bodies a plan says it is submitted to (trình), reported
to (báo cáo) or sent for an opinion (xin ý kiến), named through the agency table.

Three ways a plan says it: a sentence of the task ("trình Ban Thường vụ Đảng ủy trong quý
I"), a column of its own ("Cấp trình: HĐND xã", read by the table stage), or a column per
body with a tick in the row ("Trình BTV Đảng ủy | Trình BCH Đảng bộ xã" over "x | ").
"""

from __future__ import annotations

from collections.abc import Iterable

from theodoi.domain.text import squash
from theodoi.extraction.agencies import normalise_agency
from theodoi.extraction.rules import tables as R
from theodoi.extraction.rules.tasks import SUBMIT_TO


def body_name(text: str) -> str:
    """The canonical name of a body when the agency table knows it ('BTV Đảng ủy' -> 'Ban
    Thường vụ Đảng ủy'), else the plan's own words, spaces folded ('Chủ tịch UBND xã')."""
    name = squash(text).strip(" ,;.:")
    return normalise_agency(name) or name


def said_in(text: str) -> list[str]:
    """The bodies a task's text submits or reports its work to, in order, each once."""
    return _unique(body_name(m.group("to")) for m in SUBMIT_TO.finditer(text))


def column_body(header: str) -> str:
    """The body a tick column stands for, from its header ('Trình BCH Đảng bộ xã' -> 'Ban
    Chấp hành Đảng bộ')."""
    return body_name(R.TICK_VERB.sub("", squash(header)))


def ticked(headers: list[str], cells: list[str]) -> list[str]:
    """The bodies of the tick columns (`headers`, in order) whose cell holds a tick."""
    return _unique(column_body(h) for h, c in zip(headers, cells, strict=False)
                   if R.TICK.match(c))


def text_tick_headers(header_text: str) -> list[str]:
    """The tick columns of a table header read from text, in order ('Số TT Nội dung …
    Thời gian trình Trình BTV Đảng ủy Trình BCH Đảng bộ xã' -> the last two)."""
    return [m.group(0) for m in R.TICK_HEADERS.finditer(squash(header_text))]


def text_row_ticks(headers: list[str], row_text: str) -> list[str]:
    """The bodies ticked in a table row read from text: its line of tick cells, each cell
    written with one space after it, an empty cell as a space alone ('x  ' = [x, empty])."""
    line = R.TICK_LINE.search(row_text)
    if not headers or line is None:
        return []
    cells = line.group(0).removesuffix(" ").split(" ")
    return ticked(headers, cells)


def _unique(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name and name not in out:
            out.append(name)
    return out
