"""`theodoi outgoing …`: a quarterly report numbered, signed, sent to the province and seen
there, from the command line — both backends."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.cli.test_register_cli import V1, theodoi
from tests.services.pdf_bytes import signed_pdf

UNIT, PROVINCE = "Xã An Bình", "Tỉnh Mẫu"


def _user(capsys: Any, monkeypatch: pytest.MonkeyPatch, name: str, unit: str,
          role: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("mat-khau-123\n"))
    code, _, err = theodoi(capsys, "user", "create", name, "--unit", unit, "--role", role,
                           "--password-stdin")
    assert code == 0, err


def test_number_sign_send_and_see_it_received(settings_env: str, capsys: Any,
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert theodoi(capsys, "unit", "create", PROVINCE, "--level", "tinh")[0] == 0
    assert theodoi(capsys, "import", str(V1), "--unit", UNIT, "--parent", PROVINCE)[0] == 0
    assert theodoi(capsys, "plan", "activate", "1", "--accept-rest")[0] == 0
    _user(capsys, monkeypatch, "vanphong", UNIT, "van_phong")
    _user(capsys, monkeypatch, "tinh", PROVINCE, "xem")
    docx = tmp_path / "bao-cao.docx"
    code, out, err = theodoi(capsys, "outgoing", "number", "--unit", UNIT, "--kind", "quy",
                             "--period", "Q1/2026", "--date", "02/04/2026", "--out", str(docx),
                             "--as", "vanphong")
    assert code == 0, err
    assert out.splitlines()[0].startswith("Số 1/BC-UBND ngày 02/04/2026 (văn bản đi 1): ")
    header = [c.text for row in Document(str(docx)).tables[0].rows for c in row.cells]
    assert any("Số: 1/BC-UBND" in text for text in header)
    code, _, err = theodoi(capsys, "outgoing", "send", "1", "--as", "vanphong")
    assert code == 2 and "chưa có bản đã ký" in err
    code, _, err = theodoi(capsys, "outgoing", "number", "--unit", UNIT, "--kind", "quy",
                           "--period", "Q1/2026", "--as", "tinh")
    assert code != 0 and "không được vào sổ và gửi văn bản đi" in err
    signed = tmp_path / "ky.pdf"
    signed.write_bytes(signed_pdf())
    code, out, err = theodoi(capsys, "outgoing", "sign", "1", "--file", str(signed), "--as",
                             "vanphong")
    assert code == 0, err
    assert "có chữ ký số (Nguyễn Văn An): đã phát hiện chữ ký số, chưa kiểm tra tính hợp lệ" \
        in out
    code, out, err = theodoi(capsys, "outgoing", "send", "1", "--as", "vanphong", "--on",
                             "03/04/2026")
    assert code == 0, err
    assert "đã gửi, gửi Tỉnh Mẫu ngày 03/04/2026" in out
    code, out, _ = theodoi(capsys, "outgoing", "inbox", "--unit", PROVINCE, "--as", "tinh",
                           "--format", "json")
    docs = json.loads(out)["documents"]
    assert [(d["unit"]["name"], d["number_text"], d["received_on"]) for d in docs] == \
        [(UNIT, "1/BC-UBND", "2026-04-03")]
    code, out, _ = theodoi(capsys, "outgoing", "received", "--unit", PROVINCE, "--year", "2026",
                           "--as", "tinh", "--on", "20/07/2026", "--format", "json")
    cells = json.loads(out)["rows"][0]["cells"]
    assert [c["standing"] for c in cells] == ["dung_han", "cham", "chua_den_han",
                                              "chua_den_han"]
