"""Handing a finished document over: its bytes, and a file too when the caller names one."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import IO


def document_bytes(save: Callable[[IO[bytes]], object], path: Path | None = None) -> bytes:
    """What `save` writes (python-docx's and openpyxl's `save` both take a file object),
    as bytes; also written to `path` when given."""
    buffer = BytesIO()
    save(buffer)
    data = buffer.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data
