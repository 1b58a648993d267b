"""Excel uploads (progress template, register import) are unpacked within limits before
openpyxl parses them: a billion-laughs sheet or a zip bomb is refused and writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extraction import fuzzing as F
from tests.services.progress_setup import active_v1
from theodoi.domain.errors import BadInput
from theodoi.extraction.errors import FileTooLarge, UnsafeContent
from theodoi.services.excel_import import read_book
from theodoi.services.progress_xlsx import progress_import
from theodoi.storage.models import ProgressRecord, TaskUpdate

SHEET_BOMB = F.LAUGHS.replace(b"w:document", b"worksheet")
PADDED = b"<worksheet><sheetData>" + b" " * (17 * 1024 * 1024) + b"</sheetData></worksheet>"


@pytest.mark.parametrize("data, error", [
    (F.xlsx_with(SHEET_BOMB), UnsafeContent),
    (F.xlsx_with(PADDED), FileTooLarge),
])
def test_a_hostile_progress_sheet_is_refused_and_writes_nothing(
        session: Any, data: bytes, error: type[BadInput]) -> None:
    active_v1(session)
    with pytest.raises(error) as raised:
        progress_import(session, data)
    assert "Excel" in raised.value.message
    assert session.query(ProgressRecord).count() == 0
    assert session.query(TaskUpdate).count() == 0


def test_a_hostile_register_workbook_is_refused_before_openpyxl() -> None:
    with pytest.raises(UnsafeContent, match="DTD/ENTITY"):
        read_book(F.xlsx_with(SHEET_BOMB))
    with pytest.raises(BadInput, match="không phải bảng tính Excel"):
        read_book(b"PK\x03\x04 not really a zip")
