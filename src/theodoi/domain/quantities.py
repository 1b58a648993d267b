"""Values typed in another scale of the target's unit: nghìn, triệu, tỷ (of đồng, người …).

`convert(12.5, "tỷ đồng", "triệu đồng")` -> 12500.0. Units that differ in more than
their scale word cannot be converted and raise BadInput naming both.
"""

from __future__ import annotations

from theodoi.domain.errors import BadInput
from theodoi.domain.text import squash

SCALES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}


def _split(unit: str) -> tuple[float, str]:
    words = squash(unit.strip().lower()).split(" ")
    if words and words[0] in SCALES:
        return SCALES[words[0]], " ".join(words[1:])
    return 1.0, " ".join(words)


def convert(value: float, unit: str | None, to: str | None) -> float:
    """`value` in `unit` expressed in the target's unit `to`."""
    if not unit or not to or unit.strip().lower() == to.strip().lower():
        return value
    scale_from, rest_from = _split(unit)
    scale_to, rest_to = _split(to)
    if rest_from != rest_to:
        raise BadInput(f"không đổi được từ đơn vị '{unit}' sang '{to}' của chỉ tiêu.")
    return value * scale_from / scale_to
