"""Score the extractor on a folder of plans against gold, with the contract's scorer.

The scorer is the copy of shared/tools/score_extraction.py in tests/data/shared/tools (see
scripts/sync_shared.py); its JSON has the totals, the per-field figures and one entry per file.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from pathlib import Path
from types import ModuleType

from tests.conftest import SHARED_COPY
from theodoi.extraction import extract, read_source


def scorer() -> ModuleType:
    path = SHARED_COPY / "tools" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(texts: Path, gold: Path, pred: Path) -> dict:
    """Extract every plan a gold file names from `texts` into `pred`, and score it."""
    for gold_file in sorted(gold.glob("*.json")):
        source = json.loads(gold_file.read_text(encoding="utf-8"))["source"]
        result = extract(texts / source)
        (pred / gold_file.name).write_text(json.dumps(result, ensure_ascii=False),
                                           encoding="utf-8")
    return _scored(texts, gold, pred)


def score_files(files: list[Path], gold: Path, work: Path) -> dict:
    """Score plans in any format (Word, PDF): each is extracted whole, and the text its reader
    gives, which the spans refer to, is what the scorer matches the gold's quotes in."""
    texts, pred = work / "texts", work / "pred"
    texts.mkdir()
    pred.mkdir()
    for path in files:
        data = path.read_bytes()
        text = read_source(data, path.name, memory_mb=0)[0].text
        (texts / f"{path.stem}.txt").write_text(text, encoding="utf-8")
        result = extract(data, filename=path.name)
        (pred / f"{path.stem}.json").write_text(json.dumps(result, ensure_ascii=False),
                                                encoding="utf-8")
    return _scored(texts, gold, pred)


def _scored(texts: Path, gold: Path, pred: Path) -> dict:
    """The contract scorer's JSON for the predictions in `pred` against `gold`."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        scorer().main(["--gold", str(gold), "--pred", str(pred), "--texts", str(texts),
                       "--json"])
    return json.loads(buf.getvalue())


def table(result: dict) -> str:
    """The totals, the per-field figures and the per-file F1s, for -s runs and the README."""
    rows = [("targets", result["targets"]), ("tasks", result["tasks"]),
            *(("target " + k, v) for k, v in result["target_fields"].items()),
            *(("task " + k, v) for k, v in result["task_fields"].items())]
    lines = [f"{k:>22} {v}" for k, v in rows]
    for name, entry in sorted(result.get("files", {}).items()):
        lines.append(f"{name:>22} targets {entry.get('targets')}  tasks {entry.get('tasks')}")
    return "\n".join(lines)
