"""`theodoi emulation dossier|dossier-open|dossier-upload|achievement` — sample 002's
movement in Thị trấn Cổ Lễ with Ủy ban MTTQ as a participant: the office proposes it, the
agency uploads the biên bản bình xét, the checklist says what is missing, the báo cáo
thành tích is written as a DOCX; bad input exits 2 in Vietnamese. Both backends."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.cli.test_emulation_cli import S002, UNIT, _json, _user
from tests.cli.test_register_cli import theodoi

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def _setup(capsys: Any, monkeypatch: pytest.MonkeyPatch) -> int:
    assert theodoi(capsys, "import", str(S002), "--unit", UNIT)[0] in (0, 1)
    plan_id = json.loads(theodoi(capsys, "plan", "list", "--unit", UNIT, "--format",
                                 "json")[1])[0]["id"]
    agencies = _json(capsys, "agency", "list", "--unit", UNIT)
    mttq = next(a for a in agencies if a["name"] == "Ủy ban MTTQ Việt Nam")
    _user(capsys, monkeypatch, "vanphong", "van_phong")
    _user(capsys, monkeypatch, "mttq", "don_vi", "--agency", mttq["name"])
    m = _json(capsys, "emulation", "propose", str(plan_id), "--as", "vanphong")
    x = _json(capsys, "emulation", "participant", str(m["id"]), "--version",
              str(m["version"]), "--kind", "agency", "--agency", str(mttq["id"]), "--as",
              "vanphong")
    return int(x["id"])


def test_open_upload_checklist_and_report(settings_env: str, capsys: Any, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    x = _setup(capsys, monkeypatch)
    code, out, err = theodoi(capsys, "emulation", "dossier", str(x), "--as-of",
                             "07/11/2024", "--as", "mttq")
    assert code == 0, err
    assert "Hạn nộp: trước 10/11/2024 (còn 3 ngày)" in out
    assert "Chưa được đề nghị khen thưởng" in out
    code, _, err = theodoi(capsys, "emulation", "dossier-open", str(x), "--as", "mttq")
    assert code == 2 and "không được rà soát kế hoạch" in err
    code, out, err = theodoi(capsys, "emulation", "dossier-open", str(x), "--reward",
                             "giay_khen", "--as", "vanphong")
    assert code == 0, err
    assert "Đề nghị: Giấy khen; còn thiếu 3 mục." in out
    scan = tmp_path / "bien-ban-binh-xet.pdf"
    scan.write_bytes(PDF)
    code, out, err = theodoi(capsys, "emulation", "dossier-upload", str(x), "2", str(scan),
                             "--as", "mttq")
    assert code == 0, err
    assert "2. Đã có: Biên bản bình xét khen thưởng — bien-ban-binh-xet.pdf" in out
    assert "3. theodoi lập được: Báo cáo thành tích" in out
    assert "còn thiếu 2 mục." in out
    target = tmp_path / "bctt.docx"
    code, out, err = theodoi(capsys, "emulation", "achievement", str(x), "--as-of",
                             "01/11/2024", "--out", str(target), "--as", "mttq")
    assert code == 0, err
    text = "\n".join(p.text for p in Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert "Tên tập thể: Ủy ban MTTQ Việt Nam" in text and "ĐỀ NGHỊ TẶNG GIẤY KHEN" in text


def test_bad_input_exits_2(settings_env: str, capsys: Any, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    x = _setup(capsys, monkeypatch)
    code, _, err = theodoi(capsys, "emulation", "dossier-open", str(x), "--reward",
                           "huy_chuong_vang", "--as", "vanphong")
    assert code == 2 and "hình thức khen thưởng không hợp lệ" in err
    assert theodoi(capsys, "emulation", "dossier-open", str(x), "--as", "vanphong")[0] == 0
    page = tmp_path / "trang.pdf"
    page.write_bytes(b"<html>")
    code, _, err = theodoi(capsys, "emulation", "dossier-upload", str(x), "1", str(page),
                           "--as", "vanphong")
    assert code == 2 and "Hồ sơ chưa được ghi." in err
    page.write_bytes(PDF)
    code, _, err = theodoi(capsys, "emulation", "dossier-upload", str(x), "9", str(page),
                           "--as", "vanphong")
    assert code == 2 and "hồ sơ không có mục số 9" in err
    code, _, err = theodoi(capsys, "emulation", "achievement", str(x), "--as-of",
                           "31/02/2024", "--as", "vanphong")
    assert code == 2 and "không hợp lệ" in err
    code, out, _ = theodoi(capsys, "emulation", "dossier", str(x), "--as", "vanphong")
    assert "còn thiếu 3 mục." in out  # nothing refused was stored
