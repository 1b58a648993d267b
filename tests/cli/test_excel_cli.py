"""`theodoi register export|import` through the real command group and its error renderer."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from tests.conftest import SAMPLES
from theodoi.cli import cli
from theodoi.cli.errors import run_guarded

SAMPLE = SAMPLES / "003_ce4c1004cfc020ed.txt"


def guarded(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """Run the group as `main` does, so theodoi errors go through the one renderer."""
    monkeypatch.setattr(sys, "argv", ["theodoi", *args])
    return run_guarded(cli)


@pytest.fixture
def exported(settings_env: str, tmp_path: Path) -> Path:
    runner = CliRunner()
    imported = runner.invoke(cli, ["import", str(SAMPLE), "--unit", "Xã Thử"])
    assert imported.exit_code in (0, 1), imported.output
    out = tmp_path / "so.xlsx"
    result = runner.invoke(cli, ["register", "export", "--unit", "Xã Thử", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Đã xuất sổ kế hoạch của Xã Thử" in result.output
    return out


def test_export_then_import_round_trips(exported: Path) -> None:
    result = CliRunner().invoke(cli, ["register", "import", str(exported), "--unit", "Xã Thử"])
    assert result.exit_code == 0, result.output
    assert "tệp xuất từ chính sổ này" in result.output
    assert "Chỉ tiêu: thêm 0, sửa 0" in result.output


def test_edited_value_is_imported(exported: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(exported)
    ws = book["Chỉ tiêu"]
    col = [c.value for c in ws[1]].index("Giá trị") + 1
    ws.cell(2, col).value = "10,9"
    edited = tmp_path / "sua.xlsx"
    book.save(edited)
    result = CliRunner().invoke(cli, ["register", "import", str(edited), "--unit", "Xã Thử"])
    assert result.exit_code == 0, result.output
    assert "Chỉ tiêu: thêm 0, sửa 1" in result.output
    again = tmp_path / "lai.xlsx"
    CliRunner().invoke(cli, ["register", "export", "--unit", "Xã Thử", "--out", str(again)])
    assert openpyxl.load_workbook(again)["Chỉ tiêu"].cell(2, col).value == 10.9


def test_bad_rows_exit_2_and_print_every_problem(exported: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.load_workbook(exported)
    ws = book["Chỉ tiêu"]
    headers = [c.value for c in ws[1]]
    ws.cell(2, headers.index("Giá trị") + 1).value = "nhiều"
    ws.cell(3, headers.index("Năm hoàn thành") + 1).value = "sang năm"
    bad = tmp_path / "loi.xlsx"
    book.save(bad)
    assert guarded(monkeypatch, "register", "import", str(bad), "--unit", "Xã Thử") == 2
    err = capsys.readouterr().err
    assert "tệp Excel có 2 lỗi, chưa ghi gì vào sổ" in err
    assert "Trang 'Chỉ tiêu', dòng 2, cột 'Giá trị': giá trị 'nhiều' không hợp lệ: cần một " \
        "số, ví dụ 10,9." in err
    assert "Trang 'Chỉ tiêu', dòng 3, cột 'Năm hoàn thành'" in err


def test_a_file_that_is_not_xlsx_exits_2(exported: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "khong-phai.xlsx"
    fake.write_bytes(io.BytesIO(b"day la van ban").getvalue())
    assert guarded(monkeypatch, "register", "import", str(fake), "--unit", "Xã Thử") == 2
    assert "không phải bảng tính Excel (.xlsx)" in capsys.readouterr().err
