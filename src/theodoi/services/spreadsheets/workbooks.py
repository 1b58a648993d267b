"""What both spreadsheet imports share: opening an uploaded workbook within the limits, and
the error that lists every problem found before anything is written."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from theodoi.domain.errors import BadInput
from theodoi.extraction.errors import FileTooLarge, UnsafeContent
from theodoi.extraction.readers import limits


class ProblemsFound(BadInput):
    """A workbook with problems; nothing was written. `problems` lists each one."""

    # what kind of file it was and what was not written, said by each subclass
    lead = "tệp có {count} lỗi, chưa ghi gì"

    def __init__(self, problems: list[str]) -> None:
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{self.lead.format(count=len(problems))}:\n{lines}")
        self.problems = problems


def open_workbook(data: bytes, what: str, unreadable: str) -> Workbook:
    """The workbook in `data` (`what` names it in size messages); `unreadable` is the message
    for bytes that are not a workbook openpyxl can read."""
    try:
        # unpacked within limits first: openpyxl trusts the zip headers and parses any XML
        limits.check_package(data, what, "Excel", xml_limit=limits.MAX_UNPACKED_XLSX_XML)
        return load_workbook(io.BytesIO(data), data_only=True)
    except (FileTooLarge, UnsafeContent):
        raise
    except Exception as exc:  # a damaged file makes openpyxl raise anything (XMLSyntaxError,
        # ParseError, TypeError from a mangled style …): each is bad input, never a 500
        raise BadInput(unreadable) from exc
