"""Helpers for service tests: importing the test plans into a unit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from theodoi.services.register import importing

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
MAX = 50 << 20


def load(session: Any, path: Path, unit: str = "Xã An Bình", **kw: Any) -> importing.ImportResult:
    return importing.import_plan(session, unit, path.read_bytes(), path.name, max_bytes=MAX,
                                 **kw)
