"""A small process-wide cache of computed results, keyed on units' data stamps.

Status and completeness of a unit are pure functions of its rows and the day asked
about; the rows are summed up by the unit's stamp (storage/stamping.py), which every
write replaces. So a key of (database, unit, stamp, day, options) can be trusted for as
long as it is found: a write makes a new stamp, and the old entry is simply never asked
for again and ages out. Readers read the stamp before the rows, so what is stored under
a stamp is never older than it.

Entries are shared between requests: callers must treat what they get as read-only.

Missing values are made with Python's cyclic garbage collector paused (`collector_paused`):
a province's rows are some 100,000 small objects that all live until its summary is made,
and the collector traversed them again and again as they were read, which cost a third of
a cold province dashboard. Nothing made here is left in a cycle that needs the collector
sooner; it runs again as soon as the last making thread is done.
"""

from __future__ import annotations

import gc
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from threading import Lock
from typing import Any

SIZE = 2000  # entries: a province of 100 communes over a few days, a few MB each at most


class Memo:
    """A bounded least-recently-used map, safe across the server's worker threads."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = Lock()
        self._making: dict[Hashable, Lock] = {}
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            if key not in self._data:
                self.misses += 1
                return None
            self.hits += 1
            self._data.move_to_end(key)
            return self._data[key]

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def one(self, key: Hashable, make: Callable[[], Any], *, keep: bool = True) -> Any:
        """The value under `key`, made by `make` when missing (and stored when `keep`)."""
        found = self.many({None: key}, lambda _missing: {None: make()},
                          keep=lambda _k: keep)
        return found[None]

    def many(self, keys: Mapping[Any, Hashable], make: Callable[[list[Any]], dict[Any, Any]],
             *, keep: Callable[[Any], bool] = lambda _k: True) -> dict[Any, Any]:
        """A value for each of `keys` (name -> cache key): the cached ones, and the rest
        made together by `make(missing names)`; a made value is stored when `keep(name)`.

        One thread at a time makes a given set of missing values: twenty requests for a
        dashboard that is not cached yet wait for the first one instead of all computing
        the same province at once."""
        found = {name: self.get(key) for name, key in keys.items()}
        missing = [name for name, value in found.items() if value is None]
        if not missing:
            return found
        with self._making_lock(tuple(keys[name] for name in missing)):
            again = {name: self.get(keys[name]) for name in missing}
            found.update({n: v for n, v in again.items() if v is not None})
            todo = [name for name, value in again.items() if value is None]
            if todo:
                with collector_paused():
                    made = make(todo)
                for name, value in made.items():
                    found[name] = value
                    if keep(name):
                        self.put(keys[name], value)
        return found

    def _making_lock(self, key: Hashable) -> Lock:
        with self._lock:
            if len(self._making) > self.size:  # finished ones are never asked for again
                self._making.clear()
            return self._making.setdefault(key, Lock())

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


class _Pauses:
    """How many threads are making values now, and whether the collector ran before."""

    lock = Lock()
    count = 0
    was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the block runs, in any thread; back
    to how it was when the last such block ends (nested and concurrent blocks count)."""
    with _Pauses.lock:
        if _Pauses.count == 0:
            _Pauses.was_enabled = gc.isenabled()
            gc.disable()
        _Pauses.count += 1
    try:
        yield
    finally:
        with _Pauses.lock:
            _Pauses.count -= 1
            if _Pauses.count == 0 and _Pauses.was_enabled:
                gc.enable()


# The two memos of the services' results, each key starting with what the entry is ("status" …):
# computed results of a unit by its stamp and the day (status, completeness), and what a
# page reads, made from them and the unit's rows (the *_view services). The web's third
# is of rendered pages (web/templating.py). bench/caches.py measures what each saves.
COMPUTED = Memo(4000)
VIEWS = Memo(4000)
# Per unit, its items' last judgements with what they were judged from (services/progress/
# judged.py): kept only for computations of a few units, the ones after a write.
JUDGED = Memo(200)


def clear_all() -> None:
    """Empty every memo of the services' results: the benches' "cold" (a computation timed
    with a memo warm measures the memo; bench/status.py emptied two of four once, stop 33,
    and its cold dashboard looked 100 ms cheaper than a new process's first)."""
    for kept in (COMPUTED, VIEWS, JUDGED):
        kept.clear()
