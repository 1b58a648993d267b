"""A small process-wide cache of computed results, keyed on units' data stamps.

Status and completeness of a unit are pure functions of its rows and the day asked
about; the rows are summed up by the unit's stamp (storage/stamping.py), which every
write replaces. So a key of (database, unit, stamp, day, options) can be trusted for as
long as it is found: a write makes a new stamp, and the old entry is simply never asked
for again and ages out. Readers read the stamp before the rows, so what is stored under
a stamp is never older than it.

Entries are shared between requests: callers must treat what they get as read-only.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

SIZE = 2000  # entries: a province of 100 communes over a few days, a few MB each at most


class Memo:
    """A bounded least-recently-used map, safe across the server's worker threads."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = Lock()
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

    def get_or_make(self, key: Hashable, make: Callable[[], Any]) -> Any:
        found = self.get(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
