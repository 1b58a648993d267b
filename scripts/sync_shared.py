"""Copy into tests/data/shared/ what the test suite needs from ../shared, and write its manifest.

The suite must pass on a fresh clone with no ../shared beside it, so the seeds' gold, the
scorer and the development corpus (text, Word file, gold) live in the repository;
tests/test_shared_copies.py checks the copies against the manifest, and against ../shared
whenever it is present, so a change on either side shows. Run this after ../shared changes:

    .venv/bin/python scripts/sync_shared.py
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
COPY = ROOT / "tests" / "data" / "shared"
MANIFEST = COPY / "MANIFEST.sha256"
# what the tests read: (folder under shared/, glob patterns)
WANTED = [
    ("gold", ["*.json"]),
    ("tools", ["score_extraction.py"]),
    ("corpus", ["README.md", "sources.jsonl", "*.txt", "*.docx"]),
    ("corpus/gold", ["*.json"]),
]


def wanted_files(base: Path) -> list[str]:
    """Relative paths (posix) of every file the suite needs, as found under `base`."""
    names: set[str] = set()
    for folder, patterns in WANTED:
        for pattern in patterns:
            names |= {p.relative_to(base).as_posix() for p in (base / folder).glob(pattern)
                      if p.is_file()}
    return sorted(names)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    if not SHARED.is_dir():
        print(f"no {SHARED}: nothing to copy", file=sys.stderr)
        return 2
    if COPY.exists():
        shutil.rmtree(COPY)
    lines = []
    for rel in wanted_files(SHARED):
        target = COPY / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SHARED / rel, target)
        lines.append(f"{digest(target)}  {rel}")
    MANIFEST.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} files copied to {COPY.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
