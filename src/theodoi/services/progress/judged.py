"""Each item's judgement in a unit's last computation, so that only what changed is judged again.

After a write to one of its items, a commune's status (its dashboard) and its summary (its
row on the province's dashboard) were made again for all its ~150 items though one had
changed, and judging them was a third of each. Here a computation for a few units (`FEW`:
what follows a write; a province's cold dashboard computes its hundred communes at once)
keeps, per unit, each item's result with everything it was judged from: its row as read,
its milestones, values or updates, its lead. The next computation of that unit judges
again only the items whose inputs are not equal to the kept ones. The inputs are compared,
not trusted by a stamp, so nothing kept can be stale: a changed value, column or lead makes
them unequal (a NaN never equals itself, so such an item is always judged again). A
computation for many units neither reads nor keeps anything here: the cold dashboard costs
what it did (stop 33's per-target memos, keyed and hashed for every target of every
computation, made it 15 % slower and were taken out).

Entries are keyed by (what, database, unit, day, options) in `memo.JUDGED`; what is kept
is shared and must not be changed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from itertools import chain
from typing import Any, TypeVar

from theodoi.domain.trajectory import Actual
from theodoi.services import memo

FEW = 4  # units computed together for which items' judgements are kept and reused
R = TypeVar("R")
Kept = tuple[dict[int, Any], dict[int, Any]]  # item id -> its inputs; item id -> its result


def values(actuals: Sequence[Actual]) -> tuple[Any, ...]:
    """A target's current values as one plain tuple (day, value, whole, day, …) to keep
    among its inputs. What is kept holds no list, named tuple or other object Python's
    collector follows (an exact tuple of plain values is untracked at its first pass):
    otherwise every write added a thousand long-lived objects and brought the collector's
    full passes (~150 ms each) sooner, two in 2,000 requests of the mix where there were
    none."""
    return tuple(chain.from_iterable(actuals))


class Judge:
    """Judges the items of some units, reusing the unit's last judgements.

    `judge(unit_id, item_id, inputs, make, *args)` gives `make(*args)`, or the kept result
    when the item's inputs equal those it was made from and `reuse(result)`; `done()` keeps
    this computation's judgements for the next one. When `on` is false (many units) the
    caller judges every item itself, building no inputs."""

    def __init__(self, what: Hashable, unit_ids: list[int], options: tuple[Any, ...],
                 reuse: Callable[[Any], bool] = lambda _r: True) -> None:
        self.on = len(unit_ids) <= FEW
        self._keys = {i: (what, i, options) for i in unit_ids} if self.on else {}
        self._before: dict[int, Kept] = {i: memo.JUDGED.get(k) or ({}, {})
                                         for i, k in self._keys.items()}
        self._now: dict[int, Kept] = {i: ({}, {}) for i in self._keys}
        self._reuse = reuse

    def judge(self, unit_id: int, item_id: int, inputs: tuple[Any, ...],
              make: Callable[..., R], *args: Any) -> R:
        """`inputs` must be a tuple of plain values and exact tuples of them (`values`)."""
        inputs_before, results_before = self._before[unit_id]
        if inputs_before.get(item_id) == inputs and self._reuse(results_before[item_id]):
            found: R = results_before[item_id]
        else:
            found = make(*args)
        inputs_now, results_now = self._now[unit_id]
        inputs_now[item_id], results_now[item_id] = inputs, found
        return found

    def done(self) -> None:
        for unit_id, key in self._keys.items():
            memo.JUDGED.put(key, self._now[unit_id])
