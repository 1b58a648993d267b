"""Split text into clauses: at ';', at a sentence end, and where a new list item starts.

PDF exports break lines inside sentences, so a line break alone is no boundary; a line that
starts with a list marker ('-', '+', '(3)', '2.', 'a)') is.
"""

from __future__ import annotations

import re

BOUNDARY = re.compile(
    r";"                                            # clauses of one item
    r"|\.(?=\s+[A-ZĐÀ-Ỹ(\-+*•\d])"                 # a sentence ends
    r"|:\s*\n"                                      # a lead-in line ends
    r"|\n(?=\s*(?:[-+*•]|\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\.\s|[a-zđ][),]\s))")  # a new item


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of text[start:end], trimmed of whitespace, empty ones dropped."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in BOUNDARY.finditer(text, start, end):
        spans.append((pos, m.start() + (1 if m.group() == "." else 0)))
        pos = m.end() if m.group() != "." else m.start() + 1
    spans.append((pos, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
