"""The same administration from the command line writes the same history (brief
h-restricted item 2): the CLI calls the services the web pages call, and its entries are
signed by the server's administrator."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from tests.cli.test_register_cli import theodoi
from tests.services.docs import KH_XA, NQ_XA
from theodoi.services import uow
from theodoi.services.register import units
from theodoi.services.views import audit_view
from theodoi.settings import load

BY = "quản trị máy chủ (dòng lệnh)"


def _lines(unit: str) -> list[str]:
    from theodoi.domain.access import Grant
    from theodoi.services.accounts.access import Principal

    with uow.transaction(load()) as s:
        found = units.find(s, unit)
        reader = Principal(0, "kiemtra", "", (Grant(found.id, "quan_tri"),))
        entries = audit_view.unit_history(s, reader, found.id, per_page=200)["entries"]
    return [f"{e['username']} | {e['entity_label']} | {e['label']}" for e in entries]


def test_users_roles_passwords_and_units_from_the_cli_are_audited(
        settings_env: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert theodoi(capsys, "unit", "create", "Tỉnh Mẫu", "--level", "tinh")[0] == 0
    assert theodoi(capsys, "unit", "create", "Xã An Bình", "--parent", "Tỉnh Mẫu")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-123456\n"))
    code, _, err = theodoi(capsys, "user", "create", "hoa", "--unit", "Xã An Bình",
                           "--role", "xem", "--password-stdin")
    assert code == 0, err
    # the same role again changes nothing and writes nothing
    assert theodoi(capsys, "user", "grant", "hoa", "--unit", "Xã An Bình",
                   "--role", "xem")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-654321\n"))
    assert theodoi(capsys, "user", "passwd", "hoa", "--password-stdin")[0] == 0
    assert theodoi(capsys, "unit", "rename", "Xã An Bình", "Xã An Bình Mới")[0] == 0
    code, out, err = theodoi(capsys, "unit", "readers", "Xã An Bình Mới", "lanh_dao")
    assert code == 0, err
    assert "tài liệu hạn chế do lãnh đạo đọc" in out
    lines = _lines("Xã An Bình Mới")
    for line in (f"{BY} | đơn vị Xã An Bình | Tạo mới: — → Xã An Bình",
                 f"{BY} | người dùng hoa | Tạo mới: — → hoa",
                 f"{BY} | người dùng hoa | Vai trò: — → chỉ xem",
                 f"{BY} | người dùng hoa | Mật khẩu: — → đặt mật khẩu mới",
                 f"{BY} | đơn vị Xã An Bình Mới | Tên: Xã An Bình → Xã An Bình Mới",
                 f"{BY} | đơn vị Xã An Bình Mới | Vai trò được đọc tài liệu hạn chế: "
                 "lãnh đạo, văn phòng, quản trị → lãnh đạo"):
        assert line in lines, (line, lines)
    assert sum("Vai trò:" in line for line in lines) == 1


def test_readers_refuse_an_unknown_role_with_exit_2(
        settings_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    theodoi(capsys, "unit", "create", "Xã An Bình")
    code, _, err = theodoi(capsys, "unit", "readers", "Xã An Bình", "chu_tich")
    assert code == 2 and "vai trò 'chu_tich' không có" in err


def test_target_links_and_plan_links_from_the_cli_are_audited(
        settings_env: str, capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    ids = []
    for name, text in (("nq.txt", NQ_XA), ("kh.txt", KH_XA)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        code, out, err = theodoi(capsys, "import", str(path), "--unit", "Xã Thử",
                                 "--format", "json")
        assert code in (0, 1), err
        ids.append(json.loads(out)["plan_id"])
    code, out, _ = theodoi(capsys, "links", "suggest", "--unit", "Xã Thử", "--format", "json")
    [water] = json.loads(out)
    assert theodoi(capsys, "links", "confirm", str(water["id"]))[0] == 0
    assert theodoi(capsys, "links", "dismiss", str(water["id"]))[0] == 0
    nq, kh = ids
    assert theodoi(capsys, "plan", "link", str(kh), "--implements", str(nq))[0] == 0
    assert theodoi(capsys, "plan", "unlink", str(kh), "--implements", str(nq))[0] == 0
    pair = f"{water['a']['ref']} – {water['b']['ref']}"
    lines = _lines("Xã Thử")
    for line in (f"{BY} | liên kết chỉ tiêu {pair} | Quyết định: đề xuất → đã xác nhận",
                 f"{BY} | liên kết chỉ tiêu {pair} | Quyết định: đã xác nhận → đã bỏ",
                 f"{BY} | kế hoạch số {kh} | Cụ thể hóa văn bản: — → kế hoạch số {nq} "
                 "(01-NQ/ĐU)",
                 f"{BY} | kế hoạch số {kh} | Cụ thể hóa văn bản: kế hoạch số {nq} "
                 "(01-NQ/ĐU) → —"):
        assert line in lines, (line, lines)
