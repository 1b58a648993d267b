"""Targets from tables of indicators, columns known by their header's meaning.

Two kinds of table state targets:
- figures by year ("Chỉ tiêu | ĐVT | ƯTH 2025 | Năm 2026 … Năm 2030", "Sản phẩm | Kế hoạch
  2026: Lượng (Tấn) | Giá trị (Nghìn USD) …"): each row with a figure under a year or plan
  column is one target per series, the last year its value, the earlier years milestones;
  a column of the past (ƯTH, Ước thực hiện, Kết quả) is a baseline, never a target;
- statements with their body ("Chỉ tiêu | Chủ trì"): the targets of the statement cell, led
  by the body of its row.
A row restating a target of the text (same figure, in the table's unit or the text's, the
same product named) is a second quote of that target: it gives it its milestones and lead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

from theodoi.domain.text import squash
from theodoi.extraction.agencies import split_bodies
from theodoi.extraction.labels import ROMAN_CELL
from theodoi.extraction.model import Milestone, Target
from theodoi.extraction.numbers import parse_number
from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules import tables as R
from theodoi.extraction.rules import targets as TR
from theodoi.extraction.rules.tables import TOTAL
from theodoi.extraction.stages.clauses import clauses
from theodoi.extraction.stages.table_layout import Layout, layouts, table_kind
from theodoi.extraction.stages.task_tables import lead_of
from theodoi.extraction.tables import Cell, is_label

Span = tuple[int, int]
ReadClause = Callable[[Span], list[Target]]
WORD = re.compile(r"\w+")
SAME_TEXT_SHARE = 0.8  # a statement cell holding 80 % of a text target's words restates it


class Series:
    """Value columns that read one figure over the years: [(col, year)] and their name."""

    def __init__(self, name: str, cols: list[tuple[int, int | None]]) -> None:
        self.name = name
        self.cols = cols

    @property
    def unit(self) -> str | None:
        m = R.HEADER_UNIT.search(self.name)
        return m.group("unit").strip() if m else None

    @property
    def label(self) -> str:
        """The series' own words without its unit: 'Giá trị tham gia xuất khẩu'."""
        return R.HEADER_UNIT.sub("", self.name).strip()


def _series(lay: Layout) -> list[Series]:
    """The value columns of a layout grouped by what they measure, in column order."""
    groups: dict[str, list[tuple[int, int | None]]] = {}
    for col, name in enumerate(lay.names):
        if _role(lay, col) != "value":
            continue
        years = R.YEAR.findall(name)
        if not (years or R.VALUE_HEADER.search(name)) or R.BASELINE_HEADER.search(name):
            continue
        key = " ".join(R.YEAR.sub(" ", R.VALUE_HEADER.sub(" ", re.sub(
            r"(?i)giai đoạn|năm|[-–]", " ", name))).split())
        groups.setdefault(key, []).append((col, int(years[-1]) if years else None))
    return [Series(k, v) for k, v in groups.items()]


def _role(lay: Layout, col: int) -> str:
    for role, cols in lay.roles.items():
        if col in cols:
            return role
    return "value"


def _name_col(lay: Layout, series: list[Series]) -> int | None:
    """The column naming each row: 'Chỉ tiêu', else 'Sản phẩm' or 'Nội dung', else the
    first column of words before the figures."""
    for role in ("indicator", "product", "work"):
        col = lay.col(role)
        if col is not None:
            return col
    first_value = min((c for s in series for c, _ in s.cols), default=len(lay.names))
    return next((c for c in range(first_value) if _role(lay, c) == "value"), None)


def _number(cell: str) -> tuple[str, float, float | None] | None:
    m = R.CELL_NUMBER.match(cell)
    if not m:
        return None
    value = parse_number(m.group("n"))
    if value is None:
        return None
    top = parse_number(m.group("m")) if m.group("m") else None
    comparator = "between" if top is not None else R.CELL_COMPARATORS.get(
        m.group("cmp").strip().lower(), "=")
    return comparator, value, top


def table_targets(ctx: Context, term_end: int | None, prose: list[Target],
                  read_clause: ReadClause) -> list[Target]:
    """Targets of every indicator table; rows restating a target of `prose` fold into it
    (its also_spans, milestones, lead) and are not returned."""
    found: list[Target] = []
    restated = _Restated(prose)
    for lay in layouts(ctx):
        kind = table_kind(lay)
        if kind not in ("figures", "statements"):
            continue  # a table of duties is the tasks stage's; others hold no target
        series = _series(lay)
        name_col = _name_col(lay, series)
        if name_col is None:
            continue
        if kind == "figures":
            rows = _figure_rows(ctx, lay, series, name_col, term_end)
        else:
            rows = _statement_rows(ctx, lay, name_col, read_clause)
        found.extend(t for t in rows if not fold_into(t, restated.candidates(t)))
    return found


def _figure_rows(ctx: Context, lay: Layout, series: list[Series], name_col: int,
                 term_end: int | None) -> list[Target]:
    """One target per series of each data row holding figures; a row of a name alone
    ('1 | Cà Phê |  | …') names the rows under it ('- | Diện tích | Ha | …')."""
    out: list[Target] = []
    group = ""
    unit_col = lay.col("unit")
    for row in lay.data:
        if name_col >= len(row) or not row[name_col].text:
            continue
        label = row[0].text if is_label(row[0].text) else ""
        name = row[name_col].text
        readings = [_readings(row, s) for s in series]
        if not any(readings):
            group = "" if ROMAN_CELL.match(label) else name
            continue
        if ROMAN_CELL.match(label) or (not label and TOTAL.match(name)):
            continue  # a group's total ('I | Mặt hàng nông sản', 'Tổng I + II'): no target
        row_unit = row[unit_col].text if unit_col is not None and unit_col < len(row) else ""
        indicator = f"{name} {group}".strip() if label in "-+*•" and group else name
        lead_cell, co_col = lay.cell(row, "lead"), lay.col("co")
        lead = lead_of(lead_cell.text) if lead_cell and lead_cell.text else None
        for s, got in zip(series, readings, strict=True):
            if got:
                name_ = f"{s.label} {indicator}" if len(series) > 1 and s.label else indicator
                target = _figure_target(ctx, row, got, name_, row_unit or s.unit, term_end,
                                        label)
                target.lead_agency = lead
                target.co_agencies = _co(row, co_col, lead_cell.text if lead_cell else "")
                out.append(target)
    return out


def _readings(row: list[Cell], series: Series
              ) -> list[tuple[int | None, tuple[str, float, float | None], Cell]]:
    out = []
    for col, year in series.cols:
        if col < len(row) and (got := _number(row[col].text)):
            out.append((year, got, row[col]))
    return out


def _figure_target(ctx: Context, row: list[Cell],
                   readings: list[tuple[int | None, tuple[str, float, float | None], Cell]],
                   name: str, unit: str | None, term_end: int | None,
                   label: str) -> Target:
    """The target of one series of a row: the last figure, earlier years as milestones."""
    last_year, (comparator, value, top), last_cell = readings[-1]
    start = row[0].start if label else next(c.start for c in row if c.text)
    values = [v for _, (_, v, _), _ in readings]
    direction: str | None = "increase"
    if TR.DECREASE.search(name):
        direction = "decrease"
    elif len(values) > 1 and values[-1] < values[0]:
        direction = None  # a planned fall of something not known as bad (an export that ends)
    unit_text = _unit(unit)
    return Target(
        id="", label=label or None, section=None, text=ctx.text[start:last_cell.end],
        span=(start, last_cell.end), indicator=name,
        kind="growth_rate" if TR.GROWTH.search(name) else "level", direction=direction,
        comparator=comparator, value=value, value_max=top, unit=unit_text,
        per_year=bool(unit_text and "/năm" in unit_text), deadline_year=last_year or term_end,
        milestones=[Milestone(y, v, None, (c.start, c.end))
                    for y, (_, v, _), c in readings[:-1] if y])


def _unit(unit: str | None) -> str | None:
    """'Tấn' -> 'tấn', 'Nghìn USD' -> 'nghìn USD': a unit written capitalised as a header."""
    if not unit:
        return None
    unit = squash(unit)
    return unit[:1].lower() + unit[1:] if unit[1:2].islower() or len(unit) == 1 else unit


def _statement_rows(ctx: Context, lay: Layout, name_col: int,
                    read_clause: ReadClause) -> list[Target]:
    """The targets stated in each row's indicator cell, led by the row's body."""
    out = []
    lead_col, co_col = lay.col("lead"), lay.col("co")
    for row in lay.data:
        if name_col >= len(row) or not row[name_col].text:
            continue
        cell = row[name_col]
        lead_text = row[lead_col].text if lead_col is not None and lead_col < len(row) else ""
        lead = lead_of(lead_text) if lead_text else None
        co = _co(row, co_col, lead_text)
        for span in clauses(ctx.text, cell.start, cell.end):
            for target in read_clause(span):
                target.lead_agency, target.co_agencies = lead, list(co)
                out.append(target)
    return out


def _co(row: list[Cell], co_col: int | None, lead_text: str) -> list[str]:
    """Co-agencies: the 'Phối hợp' cell, else the bodies the lead cell names after its lead
    ('Sở KH&CN chủ trì …; Các sở, ngành, UBND cấp xã thực hiện …')."""
    if co_col is not None and co_col < len(row) and row[co_col].text:
        return split_bodies(row[co_col].text)
    rest = lead_text.split(";", 1)
    return split_bodies(rest[1]) if len(rest) > 1 and R.LEAD_CUT.search(rest[0]) else []


class _Restated:
    """The text targets a table row may restate, found by index rather than by comparing
    each row with every target (rows times targets grew past the rest of the stage)."""

    def __init__(self, prose: list[Target]) -> None:
        self.by_value: dict[float | None, list[Target]] = {}
        self.by_unit: dict[str, list[tuple[int, Target]]] = {}
        for i, target in enumerate(prose):
            self.by_value.setdefault(target.value, []).append(target)
            self.by_unit.setdefault(_unit_key(target.unit), []).append((i, target))

    def candidates(self, row: Target) -> list[Target]:
        """In text order, the targets `_restates` can accept: those of the row's value, or,
        for a unit that converts ('nghìn USD' restates 'triệu USD'), those in either unit."""
        known = R.UNIT_FACTORS.get((row.unit or "").lower())
        if known is None:
            return self.by_value.get(row.value, [])
        units = {_unit_key(row.unit), known[0].replace(" ", "")}
        return [t for _, t in sorted(p for u in units for p in self.by_unit.get(u, []))]


def _unit_key(unit: str | None) -> str:
    return (unit or "").lower().replace(" ", "")


def fold_into(row: Target, prose: list[Target]) -> bool:
    """Fold a table row into the text target it restates; True when it did."""
    for target in prose:
        if _restates(row, target):
            target.also_spans.append(row.span)
            if not target.milestones and row.milestones:
                factor = _factor(row.unit, target.unit) or 1.0
                target.milestones = [Milestone(m.year, None if m.value is None else round(
                    m.value * factor, 6), m.text, m.span) for m in row.milestones]
            if row.lead_agency and not target.lead_agency:
                target.lead_agency, target.co_agencies = row.lead_agency, row.co_agencies
            return True
    return False


def _factor(unit: str | None, other: str | None) -> float | None:
    """How many `other` one `unit` is (1 for the same unit, 1/1000 from nghìn to triệu USD)."""
    a, b = (unit or "").lower().replace(" ", ""), (other or "").lower().replace(" ", "")
    if a == b:
        return 1.0
    known = R.UNIT_FACTORS.get((unit or "").lower())
    return known[1] if known and known[0].replace(" ", "") == b else None


def _restates(row: Target, target: Target) -> bool:
    if row.value != target.value and (row.unit or "").lower() not in R.UNIT_FACTORS:
        return False  # the cheap test first: most pairs differ in value
    factor = _factor(row.unit, target.unit)
    if factor is None or row.value is None or target.value is None:
        return False
    if abs(row.value * factor - target.value) > 1e-6 * max(1.0, abs(target.value)):
        return False
    row_words, words = _words(row.text), _words(target.text)
    if row.lead_agency is not None or len(words & row_words) >= SAME_TEXT_SHARE * len(words):
        # a statement cell restating the text: most of the text target's words are in it
        return len(words & row_words) >= SAME_TEXT_SHARE * len(words)
    own = _words(row.indicator) - R.GENERIC_NAME_WORDS
    return bool(own) and own <= words  # the product the row names is the one the text names


@lru_cache(maxsize=4096)  # a text target is compared with every row of every table
def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in WORD.findall(text) if not w.isdigit())


def table_cells(ctx: Context, kinds: tuple[str, ...] | None = None) -> Callable[[Span], bool]:
    """Whether a clause lies in a table whose header the table stages understand (those
    stages read its rows; the prose rules would read a row's cells as one sentence), or
    only in a table of these `kinds` (table_layout.table_kind)."""
    ranges = sorted((cells[0].start, cells[-1].end) for lay in layouts(ctx)
                    if (kind := table_kind(lay)) and (kinds is None or kind in kinds)
                    for cells in ([c for row in lay.table.rows for c in row],) if cells)
    if not ranges:
        return lambda span: False
    starts = [a for a, _ in ranges]

    def inside(span: Span) -> bool:
        i = bisect_right(starts, span[0]) - 1
        return i >= 0 and span[0] < ranges[i][1]

    return inside
