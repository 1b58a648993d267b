"""Spans of a text kept as two columns of offsets (clauses, paragraphs)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import overload


class Spans(Sequence[tuple[int, int]]):
    """(start, end) spans kept as two columns of 4-byte integers: a long text's clauses
    as a list of tuples took about three quarters of the text's UTF-8 size."""

    def __init__(self) -> None:
        self.starts, self.ends = array("i"), array("i")

    def append(self, span: tuple[int, int]) -> None:
        self.starts.append(span[0])
        self.ends.append(span[1])

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, i: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(i, slice):
            return list(zip(self.starts[i], self.ends[i], strict=True))
        return self.starts[i], self.ends[i]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.starts, self.ends, strict=True)


def trimmed(text: str, s: int, e: int, also: str = "") -> tuple[int, int]:
    """text[s:e] without whitespace (and the characters of `also`) at its ends, as a span."""
    while s < e and (text[s].isspace() or text[s] in also):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
