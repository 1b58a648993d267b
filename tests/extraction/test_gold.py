"""Extraction quality on the five seeds, scored by shared/tools/score_extraction.py.

Fails below: targets F1 0.95, tasks F1 0.90, any target field 0.92. Prints the per-field
table (run with -s to see it). The seeds' text is the copy in samples/; the gold answers
and the scorer live in ../shared beside the repository.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.conftest import SAMPLES, SHARED
from theodoi.extraction import extract

TARGETS_F1 = 0.95
TASKS_F1 = 0.90
FIELD_MIN = 0.92


def _scorer():  # type: ignore[no-untyped-def]
    path = SHARED / "tools" / "score_extraction.py"
    if not path.exists():
        pytest.fail(f"the scorer {path} is missing: shared/ must sit beside the repository")
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    pred = tmp_path_factory.mktemp("pred")
    for seed in sorted(SAMPLES.glob("*.txt")):
        result = extract(seed)
        (pred / f"{seed.stem}.json").write_text(json.dumps(result, ensure_ascii=False),
                                                encoding="utf-8")
    scorer = _scorer()
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        scorer.main(["--gold", str(SHARED / "gold"), "--pred", str(pred), "--texts",
                     str(SAMPLES), "--json"])
    result = json.loads(buf.getvalue())
    print("\n" + "\n".join(f"{k:>14} {v}" for k, v in [
        ("targets", result["targets"]), ("tasks", result["tasks"]),
        *result["target_fields"].items(), *result["task_fields"].items()]))
    return result


def test_the_samples_are_the_seeds() -> None:
    golds = sorted((SHARED / "gold").glob("*.json"))
    assert golds, f"no gold files in {SHARED / 'gold'}: shared/ must sit beside the repository"
    for gold in golds:
        source = json.loads(gold.read_text(encoding="utf-8"))["source"]
        assert (SAMPLES / source).read_bytes() == (SHARED / "seeds" / source).read_bytes()


def test_targets_f1(scores: dict) -> None:
    assert scores["targets"]["f1"] >= TARGETS_F1, scores["targets"]


def test_tasks_f1(scores: dict) -> None:
    assert scores["tasks"]["f1"] >= TASKS_F1, scores["tasks"]


@pytest.mark.parametrize("field", ["kind", "comparator", "unit", "per_year", "recurrence",
                                   "deadline_year"])
def test_target_field(scores: dict, field: str) -> None:
    assert scores["target_fields"][field] >= FIELD_MIN, scores["target_fields"]
