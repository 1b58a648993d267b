"""A document followed by a copy of itself reads the first copy as the document alone.

Issue 23 made the stages one pass over headings, tables and tasks (indexes instead of a
rescan per heading or per item); a rescan that looked past the part it serves, or an index
that mixed parts, would change what the first copy gives once a second copy stands after
it. So for every seed and corpus plan, the text doubled (the plan, a blank line, the plan)
must give, in its first copy, the tasks of the plan alone (where each starts, title, lead,
co-agencies, kind) and its targets (where each starts, indicator, kind, comparator, value,
unit), in order, and the same document facts.

Not compared, because a doubled text is no real document: a task's due date (the plan's last
appendix row runs to the end of the text, so in seed 004 it reads the second copy's date
line) and the second copy (its letterhead stands inside the first copy's body, and a target
stated again is one target with two quotes).
No timing here: the bench (bench/extract.py) measures the speed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES, SHARED_COPY
from theodoi.extraction import extract

PLANS = sorted(SAMPLES.glob("*.txt")) + sorted((SHARED_COPY / "corpus").glob("*.txt"))


def _task(task: dict) -> tuple:
    return (task["span"][0], task["title"], task["lead_agency"], task["co_agencies"],
            task["kind"])


def _target(target: dict) -> tuple:
    return (target["span"][0], target["indicator"], target["kind"], target["comparator"],
            target["value"], target["unit"])


def _facts(document: dict) -> tuple:
    return (document["kind"], document["number"], document["title"], document["issued_on"],
            document["issuer"])


def test_every_seed_and_corpus_plan_is_read() -> None:
    assert len(PLANS) == 20


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_the_first_copy_of_a_doubled_plan_reads_as_the_plan(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    alone = extract(text.encode("utf-8"), filename=path.name)
    doubled = extract(f"{text}\n\n{text}".encode(), filename=path.name)
    second = len(text) + 2  # where the copy starts
    assert alone["tasks"], "every seed and corpus plan gives tasks"
    assert [_task(t) for t in doubled["tasks"] if t["span"][0] < second] == [
        _task(t) for t in alone["tasks"]]
    assert [_target(t) for t in doubled["targets"] if t["span"][0] < second] == [
        _target(t) for t in alone["targets"]]
    assert _facts(doubled["document"]) == _facts(alone["document"])
