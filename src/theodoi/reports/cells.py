"""Writing cells of every workbook theodoi makes: data is text, only our formulas compute.

openpyxl stores any string starting with '=' as a formula, so a plan's title or a target
typed as '=HYPERLINK(…)' became a live formula in the report, the register export and
the progress template (issue 14 M2): a plan document alone could plant one. Spreadsheet
programs also turn text starting with '+', '-', '@', a tab or a carriage return into a
formula when a person edits the cell. Every writer goes through `put` / `append`: such
text is stored as a string with the cell's quotePrefix set (Excel's own "this is text"
mark, invisible: no apostrophe is added to the data), and a formula the report means
(% so với kế hoạch, COUNTIFS, SUM) is written as one only when wrapped in `Formula`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Formula(str):
    """A formula the writer means, e.g. Formula('=SUM(C6:E6)')."""

    __slots__ = ()


def write(cell: Cell, value: Any) -> Cell:
    """Set `cell` to `value`: a `Formula` computes, text never does, anything else as is."""
    if isinstance(value, Formula):
        cell.value = str(value)
        return cell
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # openpyxl made '=…' a formula on assignment
        cell.quotePrefix = True
    return cell


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """`ws.cell(row, column, value)` through `write`."""
    return write(ws.cell(row=row, column=column), value)


def append(ws: Worksheet, values: Iterable[Any]) -> None:
    """`ws.append(values)` with every cell then set through `write`."""
    values = list(values)
    ws.append(values)
    for column, value in enumerate(values, start=1):
        write(ws.cell(row=ws.max_row, column=column), value)
