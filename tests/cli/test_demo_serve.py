"""`theodoi demo --serve` (what scripts/start.sh runs): samples, the demo login, then serve.

The serving itself blocks, so the tests run the set-up part (and `--serve` with the
server stubbed) and check that start.sh's command line is one the CLI accepts.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ROOT, SAMPLES
from tests.web.conftest import login
from theodoi.cli import cli, misc
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.demo import sample as demo
from theodoi.settings import Settings
from theodoi.web.app import create_app


def test_the_demo_setup_loads_samples_and_makes_the_admin_once(db_url: str, tmp_path: Path,
                                                                capsys: Any) -> None:
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data")
    assert misc.demo_setup(settings, SAMPLES, with_admin=True) is True
    assert capsys.readouterr().out.count("vừa nạp") == 5
    assert misc.demo_setup(settings, SAMPLES, with_admin=True) is False  # idempotent
    assert "vừa nạp" not in capsys.readouterr().out
    with uow.transaction(settings) as s:
        users = [u for u in accounts.list_users(s) if u.username == demo.DEMO_USER]
    assert len(users) == 1 and users[0].grants == ["quan_tri@" + _province_code(settings)]
    client = TestClient(create_app(settings))
    login(client, demo.DEMO_USER, demo.DEMO_PASSWORD)
    units = client.get("/api/units").json()["units"]
    assert {u["name"] for u in units} >= {"Tỉnh mẫu", "Xã Ngọc Liên"}
    assert client.get("/").status_code == 200


def _province_code(settings: Settings) -> str:
    from theodoi.services.register import units

    with uow.transaction(settings) as s:
        return units.find(s, demo.PROVINCE).code


def test_an_existing_demo_account_is_left_alone(db_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data")
    with uow.transaction(settings) as s:
        demo.load_samples(s, SAMPLES, max_bytes=settings.max_upload_bytes)
        assert demo.ensure_demo_admin(s) is True
        accounts.set_password(s, demo.DEMO_USER, "mat-khau-rieng")
    with uow.transaction(settings) as s:
        assert demo.ensure_demo_admin(s) is False
    client = TestClient(create_app(settings))
    login(client, demo.DEMO_USER, "mat-khau-rieng")


def test_start_sh_runs_a_command_line_the_cli_accepts() -> None:
    script = (ROOT / "scripts" / "start.sh").read_text(encoding="utf-8")
    line = next(x for x in script.splitlines() if x.startswith("exec "))
    args = [a for a in shlex.split(line)[2:] if a != "$@"]
    assert args[:2] == ["demo", "--serve"]
    group = cli.make_context("theodoi", list(args))
    command = cli.get_command(group, args[0])
    assert command is not None
    params = command.make_context(args[0], args[1:], parent=group).params
    assert params["serve"] is True and (params["host"], params["port"]) == ("127.0.0.1", 8000)


def test_demo_without_serve_does_not_serve(monkeypatch: pytest.MonkeyPatch, db_url: str,
                                           tmp_path: Path, capsys: Any) -> None:
    from tests.cli.test_register_cli import theodoi

    monkeypatch.setenv("THEODOI_DATABASE_URL", db_url)
    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path / "data"))
    served: list[tuple[str, int]] = []
    monkeypatch.setattr("theodoi.cli.user.run_server",
                        lambda _settings, host, port, workers: served.append((host, port)))
    assert theodoi(capsys, "demo")[0] == 0 and served == []
    code, out, _ = theodoi(capsys, "demo", "--serve", "--port", "8123")
    assert code == 0 and served == [("127.0.0.1", 8123)]
    assert out.count("đã kích hoạt từ trước, để nguyên") == 5  # a restart records nothing
    assert f"mật khẩu {demo.DEMO_PASSWORD}" in out and "http://127.0.0.1:8123/" in out
