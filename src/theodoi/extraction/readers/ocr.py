"""OCR for scans, when tesseract with Vietnamese data is installed (an optional extra).

Pages are rendered with pypdfium2 to greyscale PGM at 300 dpi and read by
`tesseract IMAGE stdout -l vie`. Without tesseract or its `vie` data, scans are refused
with W003's message instead.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

DPI = 300
TIMEOUT_S = 120


def tesseract_with_vietnamese() -> str | None:
    """Path of tesseract when it is installed with the 'vie' language, else None."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True,
                               timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return exe if "vie" in (langs.stdout + langs.stderr).split() else None


def _pgm(page: object) -> bytes:  # a pypdfium2 page: that library ships no types
    bitmap = page.render(scale=DPI / 72, grayscale=True)  # type: ignore[attr-defined]
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    raw = bytes(bitmap.buffer)
    rows = b"".join(raw[y * stride:y * stride + width] for y in range(height))
    return f"P5\n{width} {height}\n255\n".encode() + rows


def ocr_pages(pdf: Iterable[object], exe: str) -> list[str]:
    """Text of every page of an open pypdfium2 document, read by tesseract."""
    texts = []
    with tempfile.TemporaryDirectory(prefix="theodoi-ocr-") as tmp:
        for number, page in enumerate(pdf, start=1):
            image = Path(tmp) / f"page-{number}.pgm"
            image.write_bytes(_pgm(page))
            done = subprocess.run([exe, str(image), "stdout", "-l", "vie"], capture_output=True,
                                  text=True, timeout=TIMEOUT_S, check=False)
            texts.append(done.stdout)
    return texts
