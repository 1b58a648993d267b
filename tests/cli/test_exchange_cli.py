"""`theodoi exchange …`: a commune's installation makes a key and a package, the
province's installation (a second database) registers the key and imports the package;
a wrong key is refused in words with exit 2 — both backends."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_register_cli import V1, theodoi
from tests.conftest import fresh_database
from theodoi.storage import db

UNIT, PROVINCE = "Xã An Bình", "Tỉnh Mẫu"


def _commune(capsys: Any, tmp_path: Path) -> tuple[str, Path]:
    """The commune's installation: v1 active, a figure, a key; returns key and package."""
    assert theodoi(capsys, "unit", "create", PROVINCE, "--level", "tinh")[0] == 0
    assert theodoi(capsys, "import", str(V1), "--unit", UNIT, "--parent", PROVINCE)[0] == 0
    assert theodoi(capsys, "plan", "activate", "1", "--accept-rest")[0] == 0
    assert theodoi(capsys, "progress", "record", "t1", "--period", "Q2/2026",
                   "--value", "70")[0] == 0
    code, out, err = theodoi(capsys, "exchange", "keys", "new", "--unit", UNIT)
    assert code == 0, err
    key = re.search(r"Khóa trao đổi mới: ([0-9a-f]{64})", out)
    assert key is not None
    package = tmp_path / "goi.zip"
    code, out, err = theodoi(capsys, "exchange", "export", "--unit", UNIT, "--period", "2026",
                             "--out", str(package))
    assert code == 0, err
    assert out.startswith(f"Đã xuất gói {package}")
    return key.group(1), package


def test_a_package_goes_from_one_installation_to_another(
        settings_env: str, backend: str, capsys: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    key, package = _commune(capsys, tmp_path)
    with fresh_database(backend, tmp_path / "tinh.db") as url:
        db.upgrade(url)
        monkeypatch.setenv("THEODOI_DATABASE_URL", url)
        assert theodoi(capsys, "unit", "create", PROVINCE, "--level", "tinh")[0] == 0
        assert theodoi(capsys, "unit", "create", UNIT, "--parent", PROVINCE)[0] == 0
        code, out, err = theodoi(capsys, "exchange", "import", str(package), "--unit",
                                 PROVINCE)
        assert code == 2
        assert "chưa đăng ký khóa trao đổi của Xã An Bình" in err
        assert theodoi(capsys, "exchange", "keys", "add", "--unit", UNIT, "--key",
                       "cd" * 32)[0] == 0
        code, out, err = theodoi(capsys, "exchange", "import", str(package), "--unit",
                                 PROVINCE)
        assert (code, "chữ ký của gói không đúng" in err) == (2, True)
        code, out, _ = theodoi(capsys, "exchange", "keys", "add", "--unit", UNIT, "--key", key)
        assert code == 0 and "Đã đăng ký khóa; dấu nhận dạng" in out
        code, out, err = theodoi(capsys, "exchange", "import", str(package), "--unit",
                                 PROVINCE, "--format", "json")
        assert code == 0, err
        result = json.loads(out)
        assert result["changes"] == {"plan_added": 1, "target_added": 3, "task_added": 3,
                                     "figure_added": 1}
        code, out, _ = theodoi(capsys, "exchange", "import", str(package), "--unit", PROVINCE)
        assert out.strip() == ("Gói của Xã An Bình, kỳ 2026: đã nhập trước đó, không thay "
                               "đổi gì.")
        code, out, _ = theodoi(capsys, "exchange", "keys", "list", "--unit", PROVINCE,
                               "--format", "json")
        assert [r["unit"]["name"] for r in json.loads(out)] == [UNIT]
        assert key not in out  # only the fingerprint is ever shown
        code, out, _ = theodoi(capsys, "exchange", "public", "--unit", UNIT, "--on")
        assert code == 0 and "/cong-khai/" in out
