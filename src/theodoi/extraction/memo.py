"""Answers of pure helpers kept for the length of one document's stages.

The stages ask the same small questions of the same words many times over: a body's name
is read for its canonical form by the prose tasks, the table rows, the targets' leads and
the warnings (`normalise_agency` was asked 724 times a round of the bench plans, 430 of
them again for a name asked before in the same document). `per_document(f)` keeps f's
answer by its argument while a document's stages run (`pipeline.run` opens and closes the
span with `document()`), so a name is worked out once a document; outside a run (the
services' imports and spreadsheets) f is called as it is, and nothing is kept.

Only for functions whose answer depends on their argument alone (the rules are data fixed
at import) and is not changed by the caller: an answer is handed out again as it is (a
list is copied each time: `per_document_list`). What is kept is let go when the document's
stages end, so it never outlives the document and never grows with the documents read; a
text longer than LONGEST is not kept (a name is short; a paragraph as a key would hold a
copy of the document's prose through the stages' peak of memory).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")

_kept: list[dict[object, object]] = []  # one table per function, emptied between documents
_open = 0  # the document runs under way (a thread's run in process overlaps another's)
# a longer text is no name: asked again seldom, and keeping it would hold a copy of the
# document's prose (keys of whole paragraphs cost 0.2x the text at the peak, against 5x)
LONGEST = 120


@contextmanager
def document() -> Iterator[None]:
    """The span of one document's stages: answers are kept inside it, let go after."""
    global _open
    _open += 1
    try:
        yield
    finally:
        _open -= 1
        if not _open:
            for table in _kept:
                table.clear()


def per_document(f: Callable[[A], R]) -> Callable[[A], R]:
    """`f` with its answers kept by argument while a document's stages run (see module)."""
    table: dict[object, object] = {}
    _kept.append(table)
    missing = object()

    @wraps(f)
    def kept(arg: A) -> R:
        if not _open or (isinstance(arg, str) and len(arg) > LONGEST):
            return f(arg)
        found = table.get(arg, missing)
        if found is missing:
            found = table[arg] = f(arg)
        return found  # type: ignore[return-value]

    return kept


def per_document_list(f: Callable[[A], list[R]]) -> Callable[[A], list[R]]:
    """`per_document` for a function that answers a list: each caller gets its own copy,
    so one that appends to it changes no later answer."""
    kept = per_document(f)

    @wraps(f)
    def copied(arg: A) -> list[R]:
        return list(kept(arg))

    return copied
