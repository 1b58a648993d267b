"""Excel uploads (progress template, register import) are unpacked within limits before
openpyxl parses them: a billion-laughs sheet or a zip bomb is refused and writes nothing."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest

from tests.extraction import fuzzing as F
from tests.services.progress_setup import active_v1
from theodoi.domain.errors import BadInput
from theodoi.extraction.errors import FileTooLarge, UnsafeContent
from theodoi.services.spreadsheets import progress_xlsx
from theodoi.services.spreadsheets.excel_import import read_book
from theodoi.services.spreadsheets.progress_xlsx import progress_import
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


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Chỉ tiêu"
    for row in range(30):
        sheet.append([f"t{row}", "Tỷ lệ hộ nghèo", 2.5, "%", "Phòng Kinh tế"])
    book.create_sheet("Thông tin").append(["Định dạng", "theodoi.register/1"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_damaged_workbooks_give_only_bad_input() -> None:
    """Mutated workbooks (XML cut or flipped inside the zip, bytes flipped, truncated) made
    openpyxl raise XMLSyntaxError, ParseError or TypeError through the register import."""
    rng = random.Random(3)
    seed, refused = _workbook(), 0
    mutators = [F.mutate_zip_entry, F.flip_bytes, F.truncate, F.splice_noise]
    for _ in range(150):
        data = rng.choice(mutators)(seed, rng)
        for read in (read_book, progress_xlsx._open):
            try:
                read(data)
            except BadInput as exc:
                refused += 1
                assert "Excel" in exc.message
    assert refused > 100
