"""`theodoi report` writes the DOCX, the XLSX appendix, or says why no PDF — both backends."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.cli.test_register_cli import V1, theodoi

UNIT = "Xã An Bình"


def test_report_docx_xlsx_and_pdf_without_libreoffice(
        settings_env: str, capsys: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    theodoi(capsys, "import", str(V1), "--unit", UNIT)
    assert theodoi(capsys, "plan", "activate", "1", "--accept-rest")[0] == 0
    out = tmp_path / "bc.docx"
    code, text, _ = theodoi(capsys, "report", "--unit", UNIT, "--plan", "1", "--kind", "quy",
                            "--period", "Q3/2026", "--out", str(out), "--number", "9",
                            "--request", "Công văn  số 77/UBND-VP của UBND tỉnh")
    assert code == 0 and "quý III năm 2026" in text
    doc = Document(BytesIO(out.read_bytes()))
    opening = next(p.text for p in doc.paragraphs if p.text.startswith("Thực hiện "))
    # the request first, as typed but on one line, then the plan
    assert opening.startswith("Thực hiện Công văn số 77/UBND-VP của UBND tỉnh; Kế hoạch số ")
    assert "Số: 9/BC-UBND" in [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    book = tmp_path / "phu-luc.xlsx"
    code, _, _ = theodoi(capsys, "report", "--unit", UNIT, "--kind", "nam", "--period", "2026",
                         "--format", "xlsx", "--out", str(book))
    assert code == 0 and load_workbook(book).sheetnames[0] == "Chỉ tiêu"
    code, _, _ = theodoi(capsys, "report", "--unit", UNIT, "--kind", "nam", "--period", "2026",
                         "--format", "xlsx", "--out", str(book), "--cut-off", "30/11/2026")
    assert code == 0
    assert load_workbook(book)["Chỉ tiêu"]["A4"].value == "(Số liệu tính đến ngày 30/11/2026)"
    code, _, err = theodoi(capsys, "report", "--unit", UNIT, "--kind", "nam", "--period", "2026",
                           "--out", str(tmp_path / "y.docx"), "--cut-off", "cuối tháng")
    assert code == 2 and "ngày chốt số liệu" in err and not (tmp_path / "y.docx").exists()
    code, _, err = theodoi(capsys, "report", "--unit", UNIT, "--kind", "nam", "--period",
                           "Q3/2026", "--out", str(tmp_path / "x.docx"))
    assert code == 2 and "không khớp" in err
    monkeypatch.setenv("PATH", str(tmp_path))
    code, _, err = theodoi(capsys, "report", "--unit", UNIT, "--kind", "nam", "--period",
                           "2026", "--format", "pdf", "--out", str(tmp_path / "bc.pdf"))
    assert code == 2 and "libreoffice-writer" in err
    assert not (tmp_path / "bc.pdf").exists()
