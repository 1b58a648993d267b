"""The trajectory chart of a target as inline SVG geometry (no JavaScript): the service's
points on a fractional-year scale mapped to a fixed viewBox the template draws."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from theodoi.domain.numbers import shown_number
from theodoi.domain.phrases import amount_text

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 32  # room for the axis labels


@dataclass
class Svg:
    """What the template draws; every coordinate already in the viewBox."""

    width: int = WIDTH
    height: int = HEIGHT
    expected: str = ""
    forecast: str = ""
    goal_y: float | None = None
    goal_label: str = ""
    milestones: list[dict[str, Any]] = field(default_factory=list)
    actuals: list[dict[str, Any]] = field(default_factory=list)
    x_ticks: list[dict[str, Any]] = field(default_factory=list)
    y_ticks: list[dict[str, Any]] = field(default_factory=list)


def _step(span: float) -> float:
    """A round tick step giving three to six ticks over `span` (1, 2 or 5 times 10^n)."""
    base: float = 10 ** math.floor(math.log10(span / 4))  # int ** int is typed Any
    return next(base * m for m in (1, 2, 5, 10) if span / (base * m) <= 6)


def _range(values: list[float]) -> tuple[float, float, float]:
    """(low, high, step): the values' range widened to round ticks; 0 kept when near."""
    low, high = min(values), max(values)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    if low > 0 and low < (high - low) * 0.5:
        low = 0.0
    step = _step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def svg(data: dict[str, Any] | None) -> Svg | None:
    """The chart's geometry, or None when the target has nothing to draw (no deadline)."""
    if not data:
        return None
    ys = [y for _x, y in data["expected"]] + [y for _x, y in data["milestones"]]
    ys += [p["y"] for p in data["actuals"]] + [y for _x, y in data["forecast"] or []]
    if data["goal"] is not None:
        ys.append(data["goal"])
    if not ys:
        return None
    x0, x1 = data["x_min"], max(data["x_max"], data["x_min"] + 1)
    y0, y1, step = _range(ys)

    def at(x: float, y: float) -> tuple[float, float]:
        px = LEFT + (x - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT)
        py = TOP + (y1 - y) / (y1 - y0) * (HEIGHT - TOP - BOTTOM)
        return round(px, 1), round(py, 1)

    def line(points: list[list[float]]) -> str:
        return " ".join("{},{}".format(*at(x, y)) for x, y in points)

    unit = data.get("unit")
    out = Svg(expected=line(data["expected"]), forecast=line(data["forecast"] or []))
    if data["goal"] is not None:
        out.goal_y, out.goal_label = at(x0, data["goal"])[1], amount_text(data["goal"], unit)
    out.milestones = [{"cx": c[0], "cy": c[1], "title": f"Lộ trình năm {int(x) - 1}: "
                       f"{amount_text(y, unit)}"} for x, y in data["milestones"]
                      if (c := at(x, y))]
    out.actuals = [{"cx": c[0], "cy": c[1], "title": f"Thực hiện {p['label']}: "
                    f"{amount_text(p['y'], unit)}"} for p in data["actuals"]
                   if (c := at(p["x"], p["y"]))]
    out.x_ticks = [{"x": at(year + 0.5, y0)[0], "label": str(year)}
                   for year in range(int(x0), int(x1))]
    ticks = round((y1 - y0) / step)
    out.y_ticks = [{"y": at(x0, y0 + i * step)[1], "label": shown_number(y0 + i * step)}
                   for i in range(ticks + 1)]
    return out
