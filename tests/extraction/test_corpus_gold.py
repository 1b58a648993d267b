"""Extraction quality on the development corpus: 15 complete provincial and national plans
(tests/data/shared/corpus, a copy of ../shared/corpus) scored against their gold.

Prints the totals, the per-field table (target lead_agency, task co_agencies …) and each
file's figures (run with -s). Fails below issue 15's goals: targets F1 0.90, tasks F1 0.85,
precision 0.90 for both, target lead agency 0.85, task lead and co-agencies 0.85, due date
0.85. The corpus is a development set: rules tuned on it are measured again on held-out
plans that are not in the repository.
"""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_COPY
from tests.extraction.scoring import score, table

CORPUS = SHARED_COPY / "corpus"
FLOORS = {
    ("targets", "f1"): 0.90,
    ("targets", "precision"): 0.90,
    ("tasks", "f1"): 0.85,
    ("tasks", "precision"): 0.90,
    ("target_fields", "lead_agency"): 0.85,
    ("task_fields", "lead_agency"): 0.85,
    ("task_fields", "co_agencies"): 0.85,
    ("task_fields", "due_date"): 0.85,
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    result = score(CORPUS, CORPUS / "gold", tmp_path_factory.mktemp("pred"))
    print("\n" + table(result))
    return result


def test_the_corpus_is_whole() -> None:
    assert len(sorted((CORPUS / "gold").glob("*.json"))) == 15


@pytest.mark.parametrize(("part", "figure"), sorted(FLOORS))
def test_corpus_figure(scores: dict, part: str, figure: str) -> None:
    assert scores[part][figure] >= FLOORS[(part, figure)], scores[part]
