"""Extraction quality on the development corpus: 15 complete provincial and national plans
(tests/data/shared/corpus, a copy of ../shared/corpus) scored against their gold.

Prints the totals, the per-field table (target lead_agency, task co_agencies …) and each
file's figures (run with -s). Fails below issue 15's goals: targets F1 0.90, tasks F1 0.85,
precision 0.90 for both, target lead agency 0.85, task lead and co-agencies 0.85, due date
0.85. The corpus is a development set: rules tuned on it are measured again on held-out
plans that are not in the repository.
"""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import SHARED_COPY
from tests.extraction.scoring import score, score_files, table

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


def _as_pdf_text(text: str, width: int) -> str:
    """The plan as a PDF's text layer gives it (the seeds' form): each line of prose broken
    at `width` characters wherever a word ends, a blank line after every line; a table's
    rows (cells separated by tabs or ' | ') left whole: wrapping them makes no PDF's text."""
    lines: list[str] = []
    for line in text.split("\n"):
        table_row = "\t" in line or " | " in line
        lines.extend([line] if table_row else (textwrap.wrap(line, width) or [""]))
    return "\n\n".join(lines)


@pytest.fixture(scope="module")
def wrapped_scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    texts = tmp_path_factory.mktemp("wrapped")
    for plan in CORPUS.glob("*.txt"):
        (texts / plan.name).write_text(_as_pdf_text(plan.read_text(encoding="utf-8"), 80),
                                       encoding="utf-8")
    result = score(texts, CORPUS / "gold", tmp_path_factory.mktemp("wrapped-pred"))
    print("\n" + table(result))
    return result


@pytest.mark.parametrize(("part", "figure"), sorted(FLOORS))
def test_corpus_figure_as_pdf_text(wrapped_scores: dict, part: str, figure: str) -> None:
    """The same plans wrapped as a PDF wraps them meet the same goals: the gold's quotes are
    compared with whitespace folded, so they hold for the wrapped text too."""
    assert wrapped_scores[part][figure] >= FLOORS[(part, figure)], wrapped_scores[part]


@pytest.fixture(scope="module")
def word_scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The same plans read from their Word files: Word's automatic numbering and bullets
    ("a)", "•") are back, so duties stand as items and headings, not bare lines."""
    plans = sorted(CORPUS.glob("*.docx"))
    assert len(plans) == 15
    result = score_files(plans, CORPUS / "gold", tmp_path_factory.mktemp("word"))
    print("\n" + table(result))
    return result


@pytest.mark.parametrize(("part", "figure"), sorted(FLOORS))
def test_corpus_figure_from_word(word_scores: dict, part: str, figure: str) -> None:
    assert word_scores[part][figure] >= FLOORS[(part, figure)], word_scores[part]
