"""Extraction: a plan file in, `theodoi.extraction/1` JSON out. Never touches a database."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from theodoi.extraction import pipeline, readers, schema
from theodoi.extraction.errors import FileTooLarge, UnreadableFile
from theodoi.extraction.readers import DEFAULT_MAX_BYTES
from theodoi.extraction.source import SourceText


def read_source(path_or_bytes: str | Path | bytes, filename: str | None = None,
                *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[SourceText, str, str]:
    """Read a file (path or bytes) into (SourceText, name, sha256)."""
    if isinstance(path_or_bytes, bytes):
        data, name = path_or_bytes, filename or "document.txt"
    else:
        path = Path(path_or_bytes)
        name = filename or path.name
        try:
            size = path.stat().st_size
            if size > max_bytes:  # refuse before reading a huge file into memory
                raise FileTooLarge(f"tệp {size / 1048576:.1f} MB vượt giới hạn "
                                   f"{max_bytes / 1048576:.0f} MB.", subject=name)
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableFile(f"không mở được tệp ({exc.strerror}).", subject=name) from exc
    source = readers.read(data, name, max_bytes=max_bytes)
    return source, name, hashlib.sha256(data).hexdigest()


def extract(path_or_bytes: str | Path | bytes, filename: str | None = None,
            *, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """Extract one document into the `theodoi.extraction/1` JSON object.

    Raises a `theodoi.domain.errors.BadInput` subclass for input that cannot be read.
    """
    from theodoi.extraction.stages import STAGES

    source, name, sha = read_source(path_or_bytes, filename, max_bytes=max_bytes)
    ctx = pipeline.run(STAGES, source)
    return schema.to_json(ctx, name, sha)
