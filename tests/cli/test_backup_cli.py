"""`theodoi backup` / `theodoi restore` from the command line: what they print and their
exit codes (the round trips themselves are in tests/services/test_backups.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_register_cli import theodoi


def test_backup_then_restore_into_a_new_data_folder(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("THEODOI_DATABASE_URL", raising=False)
    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path / "data"))
    assert theodoi(capsys, "unit", "create", "Xã An Bình")[0] == 0
    code, out, _ = theodoi(capsys, "backup", "--out", str(tmp_path / "out"), "--keep", "2")
    assert code == 0 and "Đã sao lưu vào" in out and "sqlite" in out
    archive = next((tmp_path / "out").glob("theodoi-*.tar.gz"))

    code, _, err = theodoi(capsys, "restore", str(archive))
    assert code == 2 and "chỉ khôi phục vào cơ sở dữ liệu trống" in err

    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path / "new"))
    code, out, _ = theodoi(capsys, "restore", str(archive))
    assert code == 0 and "Đã khôi phục bản sao lưu" in out
    code, out, _ = theodoi(capsys, "unit", "list", "--format", "json")
    assert code == 0 and "Xã An Bình" in out


def test_restore_of_a_missing_file_is_bad_input(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path / "data"))
    code, _, err = theodoi(capsys, "restore", str(tmp_path / "khong-co.tar.gz"))
    assert code == 2 and "không có tệp sao lưu này" in err
