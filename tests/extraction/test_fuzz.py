"""Fuzzing the readers and the extractor (issue 14, item 6), a few hundred cases with a fixed
seed; bench/fuzz.py runs the same harness over 10,000+ files and prints the figures.

Invariants for every file: nothing but a BadInput comes out, no case runs past 10 s (each
runs in a child under a deadline), memory stays under the per-extraction cap, and every
span of the result lies inside the text. LibreOffice is left out here (a conversion takes
seconds, and its sandbox has its own tests in readers/test_soffice.py).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.extraction import fuzzing as F
from theodoi.domain.errors import BadInput
from theodoi.extraction import extract, read_source, readers
from theodoi.tools import soffice

SEED = 14
MUTATED = 200
GENERATED = 60


@pytest.fixture(autouse=True)
def no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(soffice, "find", lambda: None)


def _assert_held(outcomes: list[F.Outcome]) -> None:
    broken = [o for o in outcomes if o.kind not in ("ok", "refused")]
    assert broken == [], "\n".join(f"{o.kind} {o.name}: {o.detail}" for o in broken)


def test_crafted_bombs_are_refused_within_the_limits() -> None:
    outcomes = [F.check(name, data) for name, data in F.crafted()]
    _assert_held(outcomes)
    refused = {o.name for o in outcomes if o.kind == "refused"}
    assert refused >= {"laughs.docx", "deep.docx", "lying-sizes.docx", "honest-bomb.docx",
                       "many-entries.docx", "laughs-numbering.docx", "many-pages.pdf",
                       "content-bomb.pdf"}


def test_mutated_and_generated_files_hold_every_invariant() -> None:
    rng = random.Random(SEED)
    cases = list(F.mutated(rng, MUTATED)) + list(F.generated(rng, GENERATED))
    outcomes = [F.check(name, data) for name, data in cases]
    _assert_held(outcomes)
    kinds = {o.kind for o in outcomes}
    assert kinds == {"ok", "refused"}  # both paths really exercised by the corpus


def test_every_refusal_is_worded_for_a_clerk() -> None:
    rng = random.Random(SEED + 1)
    for name, data in F.mutated(rng, 40):
        try:
            read_source(data, name)
        except BadInput as exc:
            assert exc.exit_code == 2 and exc.code.startswith("E1")
            assert exc.render().startswith(f"{name}: ")
            assert any(ch in exc.message for ch in "ệạảốờ")  # Vietnamese, not a repr


MAGICS = [b"%PDF-1.4\n", b"PK\x03\x04", b"{\\rtf1", b"", b"\xef\xbb\xbf"]


@settings(max_examples=150, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(magic=st.sampled_from(MAGICS), body=st.binary(max_size=2048),
       suffix=st.sampled_from([".pdf", ".docx", ".txt", ""]))
def test_any_bytes_read_in_process_give_text_or_a_bad_input(magic: bytes, body: bytes,
                                                              suffix: str) -> None:
    try:
        source = readers.read_unisolated(magic + body, f"x{suffix}")
    except BadInput:
        return
    assert all(0 <= b.start <= b.end <= len(source.text) for b in source.blocks)


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Tỷlệ hộnghèo đạt12,5%ha năm2026;.:\n-()1.a)IV")),
               max_size=600))
def test_any_text_extracts_with_spans_inside_it(text: str) -> None:
    try:
        result = extract(text.encode(), filename="kh.txt", memory_mb=0)
    except BadInput:
        return
    size = len(read_source(text.encode(), "kh.txt", memory_mb=0)[0].text)
    assert all(0 <= s[0] <= s[1] <= size for s in F.spans_of(result))
    assert "W100" not in {w["code"] for w in result["warnings"]}
