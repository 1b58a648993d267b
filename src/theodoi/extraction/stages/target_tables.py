"""Targets from a table of indicators (Biểu chỉ tiêu): Chỉ tiêu | ĐVT | Kế hoạch / Năm 20xx.

Word plans often list their targets as a table; each row with a number in a value column is
one target, and several year columns make a roadmap (milestones) ending at the last year.
"""

from __future__ import annotations

import re
from collections import defaultdict

from theodoi.extraction.model import Milestone, Target
from theodoi.extraction.numbers import parse_number
from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules import targets as R
from theodoi.extraction.source import Block

Row = list[Block]


def _rows(blocks: list[Block]) -> dict[int, list[Row]]:
    tables: dict[int, dict[int, Row]] = defaultdict(lambda: defaultdict(list))
    for b in blocks:
        if b.kind == "cell" and b.table is not None and b.row is not None:
            tables[b.table][b.row].append(b)
    return {t: [sorted(r, key=lambda b: b.col or 0) for _, r in sorted(rows.items())]
            for t, rows in tables.items()}


def _columns(text: str, header: Row) -> tuple[int, int | None, list[tuple[int, int | None]]] | None:
    """(indicator col, unit col, [(value col, year)]) when `header` heads a target table."""
    cells = [" ".join(text[b.start:b.end].split()) for b in header]
    indicator = next((i for i, c in enumerate(cells) if R.TABLE_INDICATOR.search(c)), None)
    if indicator is None:
        return None
    unit = next((i for i, c in enumerate(cells) if R.TABLE_UNIT.search(c)), None)
    values = []
    for i, c in enumerate(cells):
        if i in (indicator, unit):
            continue
        year = R.TABLE_YEAR.search(c)
        if year or R.TABLE_VALUE.search(c):
            values.append((i, int(year.group()) if year else None))
    return (indicator, unit, values) if values else None


def _number(cell: str) -> tuple[str, float] | None:
    m = R.TABLE_NUMBER.search(cell)
    if not m:
        return None
    value = parse_number(m.group("n"))
    return (R.TABLE_COMPARATORS.get(m.group("cmp").strip().lower(), "="), value) if (
        value is not None) else None


def table_targets(ctx: Context, term_end: int | None) -> list[Target]:
    """One target per data row of every table whose header names indicators and values."""
    text, found = ctx.text, []
    for rows in _rows(ctx.source.blocks).values():
        cols = _columns(text, rows[0]) if rows else None
        if cols is None:
            continue
        for row in rows[1:]:
            target = _row_target(text, row, cols, term_end)
            if target:
                found.append(target)
    return found


def _row_target(text: str, row: Row, cols: tuple[int, int | None, list[tuple[int, int | None]]],
                term_end: int | None) -> Target | None:
    indicator_col, unit_col, value_cols = cols
    cell = {b.col: b for b in row}
    if indicator_col not in cell:
        return None
    name_block = cell[indicator_col]
    name = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-zđ]\))\s*", "", " ".join(
        text[name_block.start:name_block.end].split()))
    readings: list[tuple[int | None, tuple[str, float]]] = []
    for c, year in value_cols:
        got = _number(text[cell[c].start:cell[c].end]) if c in cell else None
        if got:
            readings.append((year, got))
    if not name or not readings:
        return None
    last_year, (comparator, value) = readings[-1]
    unit = " ".join(text[cell[unit_col].start:cell[unit_col].end].split()) if (
        unit_col in cell) else None
    end = max(b.end for b in row)
    kind = "growth_rate" if R.GROWTH.search(name) else "level"
    return Target(
        id="", label=None, section=None, text=text[name_block.start:end],
        span=(name_block.start, end), indicator=name, kind=kind,
        direction="decrease" if R.DECREASE.search(name) else "increase", comparator=comparator,
        value=value, unit=unit or None, per_year=bool(unit and "/năm" in unit),
        deadline_year=last_year or term_end,
        milestones=[Milestone(y, got[1]) for y, got in readings[:-1] if y])
