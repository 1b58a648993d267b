"""Extract one file or a whole folder; the batch runs in parallel and never stops on a bad file."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from theodoi.domain.errors import BadInput
from theodoi.extraction import extract, read_source
from theodoi.extraction.readers import DEFAULT_MAX_BYTES

DOCUMENT_SUFFIXES = {".txt", ".docx", ".pdf", ".doc", ".odt", ".rtf"}


@dataclass
class FileResult:
    """Outcome for one file: status ok | partial (warnings) | failed, with a reason."""

    path: Path
    status: str
    reason: str | None = None
    out: Path | None = None
    targets: int = 0
    tasks: int = 0
    warnings: int = 0


def exit_code(result: dict[str, Any]) -> int:
    """0 clean, 1 extracted with warnings."""
    return 1 if result.get("warnings") else 0


def find_documents(folder: Path) -> list[Path]:
    """Every readable-looking document under `folder`, sorted for a stable order."""
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith("~$"))


def output_names(paths: list[Path]) -> dict[Path, str]:
    """JSON file name per input: '<stem>.json', or '<name>.json' where stems collide
    (ke-hoach.docx and its PDF export ke-hoach.pdf), so no result overwrites another."""
    stems: dict[str, int] = {}
    for path in paths:
        stems[path.stem] = stems.get(path.stem, 0) + 1
    names = {p: (f"{p.stem}.json" if stems[p.stem] == 1 else f"{p.name}.json") for p in paths}
    seen: dict[str, int] = {}
    for path, name in names.items():  # same name in two subfolders: number them
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[path] = f"{Path(name).stem}-{seen[name]}.json"
    return names


def _one(path: Path, out: Path, max_bytes: int) -> FileResult:
    try:
        result = extract(path, max_bytes=max_bytes)
    except BadInput as exc:
        return FileResult(path, "failed", exc.render())
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        return FileResult(path, "failed", f"{path.name}: lỗi không mong đợi ({exc!r})")
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    warnings = result["warnings"]
    reason = "; ".join(sorted({w["code"] for w in warnings})) or None
    return FileResult(path, "partial" if warnings else "ok", reason, out,
                      len(result["targets"]), len(result["tasks"]), len(warnings))


def run_batch(paths: list[Path], out_dir: Path, *, workers: int = 0,
              max_bytes: int = DEFAULT_MAX_BYTES,
              on_done: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Extract `paths` into `out_dir/<stem>.json` over `workers` processes (0: one per core)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = workers or os.cpu_count() or 1
    results: list[FileResult] = []
    names = output_names(paths)
    targets = [(p, out_dir / names[p]) for p in paths]
    for result in _iter_results(targets, workers, max_bytes):
        results.append(result)
        if on_done:
            on_done(result)
    return sorted(results, key=lambda r: str(r.path))


def _iter_results(jobs: list[tuple[Path, Path]], workers: int,
                  max_bytes: int) -> Iterator[FileResult]:
    if workers == 1 or len(jobs) <= 1:
        for path, out in jobs:
            yield _one(path, out, max_bytes)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_one, p, out, max_bytes): p for p, out in jobs}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - a crashed worker fails only its file
                path = futures[future]
                yield FileResult(path, "failed", f"{path.name}: tiến trình đọc tệp bị lỗi "
                                 f"({exc!r})")


def extract_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """One file to the contract JSON; raises BadInput for unreadable input."""
    return extract(path, max_bytes=max_bytes)


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, list[str]]:
    """The exact text spans point into, and the reader's warning codes."""
    source, _, _ = read_source(path, max_bytes=max_bytes)
    return source.text, [w.code for w in source.warnings]
