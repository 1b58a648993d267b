"""The layout of each table of a document: what its columns mean and which rows are data.

Shared by the task and target table stages. A column's role comes from the meaning of its
header (rules/tables.py), so "Cơ quan chủ trì | Nội dung | Thời hạn" and "Nội dung |
Thời hạn | Cơ quan chủ trì" read alike. A table with no header of its own, as wide as the
table before it, continues that table (a Word table broken over pages, a PDF page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from theodoi.extraction.pipeline import Context
from theodoi.extraction.rules import tables as R
from theodoi.extraction.tables import Cell, Table, columns, tables


@dataclass
class Layout:
    """A table's column names, their roles (role -> columns, in order) and its data rows."""

    table: Table
    names: list[str]
    roles: dict[str, list[int]] = field(default_factory=dict)
    data: list[list[Cell]] = field(default_factory=list)

    def col(self, role: str) -> int | None:
        """The first column with `role`, or None."""
        cols = self.roles.get(role)
        return cols[0] if cols else None

    def cell(self, row: list[Cell], role: str) -> Cell | None:
        """The cell of `row` in the first column with `role` (None when the row lacks it)."""
        c = self.col(role)
        return row[c] if c is not None and c < len(row) else None


def is_task_table(lay: Layout) -> bool:
    """A table of duties: a work column and its lead or time, no indicator or unit column
    (a table of indicators may name each row's lead too: 'Chỉ tiêu | ĐVT | 2030 | Chủ trì')."""
    return (lay.col("work") is not None
            and (lay.col("lead") is not None or lay.col("due") is not None)
            and lay.col("indicator") is None and lay.col("unit") is None)


def has_figures(lay: Layout) -> bool:
    """Whether a column without a role is headed by a year or a plan word and is no baseline
    ('Năm 2030', 'Kế hoạch 2026', 'Chỉ tiêu giao'; not 'ƯTH 2025')."""
    roled = {c for cols in lay.roles.values() for c in cols}
    return any(c not in roled and (R.YEAR.search(n) or R.VALUE_HEADER.search(n))
               and not R.BASELINE_HEADER.search(n) for c, n in enumerate(lay.names))


def table_kind(lay: Layout) -> str | None:
    """What the table stages read in a table: "tasks" (a schedule of duties), "figures"
    (indicators by year or plan), "statements" (targets with their lead), or None."""
    if is_task_table(lay):
        return "tasks"
    if has_figures(lay):
        return "figures"
    if lay.col("indicator") is not None and lay.col("lead") is not None:
        return "statements"
    return None


def role_of(name: str) -> str | None:
    """The role of a column from its header text (None for a value or unknown column)."""
    return next((role for role, pattern in R.COLUMN_ROLES if pattern.search(name)), None)


def _roles(names: list[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        role = role_of(name)
        if role in ("indicator", "work", "product") and (
                R.YEAR.search(name) or R.VALUE_HEADER.search(name)):
            role = None  # "Chỉ tiêu giao", "Kế hoạch 2026 Sản phẩm": columns of figures
        if role:
            out.setdefault(role, []).append(i)
    return out


def layouts(ctx: Context) -> list[Layout]:
    """The layout of every table of the source, continuations joined to the table before.

    Computed once per document (the task and target stages both read them; kept in the
    context's memo); callers must not change the layouts they get."""
    found = ctx.memo.get("table_layouts")
    if found is None:
        found = ctx.memo["table_layouts"] = _layouts(ctx)
    return cast(list[Layout], found)


def _layouts(ctx: Context) -> list[Layout]:
    out: list[Layout] = []
    for table in tables(ctx.text, ctx.source.blocks):
        names, start = columns(table)
        roles = _roles(names)
        previous = out[-1] if out else None
        if (not roles and previous is not None and previous.roles
                and len(names) == len(previous.names)):
            previous.data.extend(table.rows)  # the header was on the page before
            continue
        out.append(Layout(table, names, roles, table.rows[start:]))
    return out
