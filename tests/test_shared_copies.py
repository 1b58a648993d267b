"""The repository's copies of ../shared (gold, scorer, corpus) are whole and current.

tests/data/shared/ holds what the suite needs from ../shared so that a fresh clone passes
alone; its MANIFEST.sha256 lists every file with its hash. The copies must match the
manifest always; when ../shared sits beside the repository (as in CI) its files must match
the manifest too, and the samples must be the seeds byte for byte, so drift on either side
fails here. `scripts/sync_shared.py` refreshes the copies and the manifest.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

from tests.conftest import SAMPLES, SHARED, SHARED_COPY

_spec = importlib.util.spec_from_file_location(
    "sync_shared", Path(__file__).resolve().parents[1] / "scripts" / "sync_shared.py")
assert _spec and _spec.loader
sync = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sync)


def _manifest() -> dict[str, str]:
    lines = (SHARED_COPY / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines()
    return {rel: digest for digest, rel in (line.split("  ", 1) for line in lines)}


def _differences(base: Path, manifest: dict[str, str]) -> list[str]:
    """What in `base` disagrees with the manifest: missing, extra or changed files."""
    found = set(sync.wanted_files(base))
    problems = [f"missing {rel}" for rel in sorted(manifest.keys() - found)]
    problems += [f"not in the manifest {rel}" for rel in sorted(found - manifest.keys())]
    problems += [f"changed {rel}" for rel in sorted(found & manifest.keys())
                 if hashlib.sha256((base / rel).read_bytes()).hexdigest() != manifest[rel]]
    return problems


def test_the_copies_match_their_manifest() -> None:
    manifest = _manifest()
    assert {"tools/score_extraction.py", "corpus/01.txt", "corpus/gold/01.json"} <= set(manifest)
    assert sum(rel.startswith("gold/") for rel in manifest) == 5
    assert _differences(SHARED_COPY, manifest) == []


def test_shared_beside_the_repository_has_not_drifted() -> None:
    """Run scripts/sync_shared.py when this fails after ../shared changed."""
    if not SHARED.is_dir():  # a fresh clone alone: the copies above are all there is
        return
    assert _differences(SHARED, _manifest()) == []
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        assert (SAMPLES / seed.name).read_bytes() == seed.read_bytes(), seed.name
