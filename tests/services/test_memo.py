"""The process-wide cache: bounded, least recently used out first, and one thread at a
time making a missing value while the others wait for it."""

from __future__ import annotations

import gc
import threading
import time

from theodoi.services.memo import Memo, collector_paused


def test_the_least_recently_used_entry_goes_first() -> None:
    memo = Memo(size=2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.get("a") == 1  # now b is the oldest
    memo.put("c", 3)
    assert (memo.get("a"), memo.get("b"), memo.get("c")) == (1, None, 3)


def test_many_makes_only_what_is_missing_and_keeps_only_what_it_may() -> None:
    memo = Memo()
    memo.put("k1", "cached")
    asked: list[list[str]] = []

    def make(names: list[str]) -> dict[str, str]:
        asked.append(sorted(names))
        return {n: f"made {n}" for n in names}

    keys = {"one": "k1", "two": "k2", "three": "k3"}
    found = memo.many(keys, make, keep=lambda name: name != "three")
    assert found == {"one": "cached", "two": "made two", "three": "made three"}
    assert asked == [["three", "two"]]
    assert memo.many(keys, make, keep=lambda name: name != "three")["three"] == "made three"
    assert asked[-1] == ["three"]  # 'three' was not kept, 'two' was


def test_threads_asking_for_the_same_missing_value_wait_for_one_maker() -> None:
    memo = Memo()
    calls: list[int] = []
    results: list[int] = []

    def make() -> int:
        calls.append(1)
        time.sleep(0.2)  # long enough for every thread to arrive while it runs
        return 42

    threads = [threading.Thread(target=lambda: results.append(memo.one("k", make)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [42] * 8 and len(calls) == 1


def test_values_are_made_with_the_collector_paused_and_it_runs_again_after() -> None:
    seen = []
    outer, inner = Memo(), Memo()

    def make_outer(names: list[str]) -> dict[str, int]:
        seen.append(gc.isenabled())
        found = inner.many({"b": ("inner", "b")}, lambda _n: {"b": 2})
        seen.append(gc.isenabled())  # the nested making ended; the outer one still runs
        return {n: found["b"] for n in names}

    assert gc.isenabled()
    assert outer.many({"a": ("outer", "a")}, make_outer) == {"a": 2}
    assert seen == [False, False]
    assert gc.isenabled()
    gc.disable()  # whoever had it off keeps it off
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
