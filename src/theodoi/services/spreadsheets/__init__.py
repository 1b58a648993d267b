"""Spreadsheets: the register's Excel round trip and the progress template.

Public face: `excel` (export a unit's register, import it back after editing) and
`progress_xlsx` (a period's template per lead agency, and its import). The workbook layout
(`excel_columns`), its rows (`excel_rows`), the checking read (`excel_import`) and the
write into the register (`excel_apply`) are internal to the round trip; `workbooks` (opening
an upload within the limits, the error listing every problem) is shared by both imports.
"""

__all__ = ["excel", "progress_xlsx"]
