"""Extraction: a plan file in, `theodoi.extraction/1` JSON out. Never touches a database."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from theodoi.extraction import pipeline, readers, schema
from theodoi.extraction.errors import FileTooLarge, UnreadableFile
from theodoi.extraction.readers import DEFAULT_MAX_BYTES, isolation, worker
from theodoi.extraction.readers.limits import READ_MEMORY_MB, READ_TIMEOUT_S
from theodoi.extraction.source import SourceText
from theodoi.extraction.stages import task_fields


def _load(path_or_bytes: str | Path | bytes, filename: str | None,
          max_bytes: int) -> tuple[bytes, str]:
    """The file's bytes and name; a path over `max_bytes` is refused before it is read."""
    if isinstance(path_or_bytes, bytes):
        return path_or_bytes, filename or "document.txt"
    path = Path(path_or_bytes)
    name = filename or path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:  # refuse before reading a huge file into memory
            raise FileTooLarge(f"tệp {size / 1048576:.1f} MB vượt giới hạn "
                               f"{max_bytes / 1048576:.0f} MB.", subject=name)
        return path.read_bytes(), name
    except OSError as exc:
        raise UnreadableFile(f"không mở được tệp ({exc.strerror}).", subject=name) from exc


def section_fields(text: str, outline: list[dict[str, Any]]) -> Callable[[int], str | None]:
    """The field of work (lĩnh vực) the sections above an offset of `text` name, from the
    document's outline as extracted (the rule the tasks stage applies; stages/task_fields)."""
    return task_fields.fields_at(text, outline)


def read_source(path_or_bytes: str | Path | bytes, filename: str | None = None,
                *, max_bytes: int = DEFAULT_MAX_BYTES, memory_mb: int = READ_MEMORY_MB,
                timeout_s: float = READ_TIMEOUT_S) -> tuple[SourceText, str, str]:
    """Read a file (path or bytes) into (SourceText, name, sha256).

    The reader runs in a child process capped at `memory_mb` and `timeout_s`
    (readers/isolation.py); `memory_mb=0` reads in this process.
    """
    data, name = _load(path_or_bytes, filename, max_bytes)
    source = readers.read(data, name, max_bytes=max_bytes, memory_mb=memory_mb,
                          timeout_s=timeout_s)
    return source, name, hashlib.sha256(data).hexdigest()


def extract(path_or_bytes: str | Path | bytes, filename: str | None = None,
            *, max_bytes: int = DEFAULT_MAX_BYTES, memory_mb: int = READ_MEMORY_MB,
            timeout_s: float = READ_TIMEOUT_S) -> dict[str, Any]:
    """Extract one document into the `theodoi.extraction/1` JSON object.

    Reading and every stage run in a child process capped at `memory_mb` more memory and
    `timeout_s` seconds, so neither a bomb nor a stage that never ends reaches the caller;
    `memory_mb=0` runs in this process. Plain text goes to a warm child kept for the next
    file (readers/worker.py: forking costs more than reading a small text); Word, PDF and
    the rest get a fresh child each, since their parsers allocate in C and may leave state.
    Raises a `theodoi.domain.errors.BadInput` subclass for input that cannot be read.
    """
    from theodoi.extraction.stages import STAGES  # imported here, not in every child

    data, name = _load(path_or_bytes, filename, max_bytes)
    readers.preload(data, name)
    if readers.is_plain_text(data, name):
        text: dict[str, Any] = worker.run(_extract_request, (data, name, max_bytes), name,
                                          memory_mb=memory_mb, timeout_s=timeout_s)
        return text
    result: dict[str, Any] = isolation.run(lambda: _extract(data, name, max_bytes, STAGES), name,
                                           memory_mb=memory_mb, timeout_s=timeout_s)
    return result


def _extract_request(request: tuple[bytes, str, int]) -> dict[str, Any]:
    """`_extract` of a (data, name, max_bytes) request sent to the warm child."""
    from theodoi.extraction.stages import STAGES

    return _extract(*request, STAGES)


def _extract(data: bytes, name: str, max_bytes: int,
             stages: list[pipeline.Stage]) -> dict[str, Any]:
    """Read and run the stages in this process (the caller chose where that is)."""
    source, name, sha = read_source(data, name, max_bytes=max_bytes, memory_mb=0)
    ctx = pipeline.run(stages, source)
    return schema.to_json(ctx, name, sha, consume=True)  # only the JSON is kept
