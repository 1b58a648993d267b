"""`theodoi user …` (accounts of the web application) and `theodoi serve`."""

from __future__ import annotations

import os
import sys

import click

from theodoi.cli.common import FORMAT, out, print_table, run_and_show, transaction
from theodoi.domain.access import ROLES
from theodoi.services.accounts import users as accounts
from theodoi.services.register import units
from theodoi.settings import Settings


def _password(from_stdin: bool) -> str:
    """The password from stdin (one line) or typed twice at a hidden prompt."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại"))


@click.group("user")
def user_group() -> None:
    """Người dùng của ứng dụng web: tạo, phân quyền, đặt mật khẩu."""


@user_group.command("create")
@click.argument("username")
@click.option("--full-name", default="", help="Họ và tên.")
@click.option("--unit", "unit_text", default=None, help="Đơn vị được phân quyền (mã hoặc tên).")
@click.option("--role", type=click.Choice(ROLES), default=None, help="Vai trò ở đơn vị.")
@click.option("--agency", default=None, help="Cơ quan (số hoặc tên) — bắt buộc với don_vi.")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ một dòng stdin.")
@click.option("--must-change", is_flag=True, help="Bắt đổi mật khẩu ở lần đăng nhập đầu.")
def create_cmd(username: str, full_name: str, unit_text: str | None, role: str | None,
               agency: str | None, password_stdin: bool, must_change: bool) -> None:
    """Tạo người dùng (và phân quyền ở một đơn vị nếu có --unit và --role)."""
    if (unit_text is None) != (role is None):
        raise click.UsageError("--unit và --role phải đi cùng nhau.")
    password = _password(password_stdin)
    with transaction() as s:
        unit_id = units.find(s, unit_text).id if unit_text else None
        user = accounts.create_user(s, username, password, full_name=full_name,
                                    must_change_password=must_change, unit_id=unit_id)
        if unit_text and role:
            accounts.grant(s, user.username, unit_text, role, agency)
    out.print(f"Đã tạo người dùng {user.username}."
              + (f" Vai trò {role} ở {unit_text}." if role else ""))


@user_group.command("grant")
@click.argument("username")
@click.option("--unit", "unit_text", required=True, help="Đơn vị (mã hoặc tên).")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--agency", default=None, help="Cơ quan (số hoặc tên) — bắt buộc với don_vi.")
def grant_cmd(username: str, unit_text: str, role: str, agency: str | None) -> None:
    """Phân quyền: vai trò ở một đơn vị (và mọi đơn vị cấp dưới)."""
    with transaction() as s:
        accounts.grant(s, username, unit_text, role, agency)
    out.print(f"Đã phân quyền {role} ở {unit_text} cho {username}.")


@user_group.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu từ một dòng stdin.")
@click.option("--must-change", is_flag=True, help="Bắt đổi mật khẩu ở lần đăng nhập sau.")
def passwd_cmd(username: str, password_stdin: bool, must_change: bool) -> None:
    """Đặt mật khẩu mới cho người dùng; mọi phiên đăng nhập của họ kết thúc."""
    password = _password(password_stdin)
    with transaction() as s:
        accounts.set_password(s, username, password, must_change_password=must_change)
    out.print(f"Đã đặt mật khẩu mới cho {username}.")


@user_group.command("list")
@FORMAT
def list_cmd(fmt: str) -> None:
    """Danh sách người dùng và vai trò."""
    run_and_show(fmt, accounts.list_users, lambda rows: print_table(
        ("Tên đăng nhập", "Họ tên", "Hoạt động", "Vai trò"),
        ((r.username, r.full_name, "có" if r.active else "không", "; ".join(r.grants))
         for r in rows)))


WORKERS_HELP = "Số tiến trình phục vụ; 0 là một tiến trình cho mỗi lõi CPU."


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=0, show_default=True, type=click.IntRange(min=0),
              help=WORKERS_HELP)
def serve_cmd(host: str, port: int, workers: int) -> None:
    """Chạy ứng dụng web (mở trình duyệt tại địa chỉ in ra)."""
    from theodoi.settings import load

    run_server(load(), host, port, workers=workers)


def worker_count(asked: int) -> int:
    """0 means one process per core: the pages are CPU-bound Python, one core each."""
    return asked or max(1, os.cpu_count() or 1)


def run_server(settings: Settings, host: str, port: int, *, workers: int = 1) -> None:
    """Serve the web app until Ctrl+C (the schema is brought up to date first).

    With several workers uvicorn starts that many processes, each building the app from
    the environment; the database and stored-files settings are put there first so every
    process serves the same register (sessions, sign-in limits and caches' keys all live
    in the database, so any process may answer any request)."""
    from theodoi.services import db
    from theodoi.web import server

    db.ensure_schema(settings.effective_database_url)
    count = worker_count(workers)
    out.print(f"theodoi đang chạy tại http://{host}:{port}/ với {count} tiến trình "
              "(Ctrl+C để dừng)")
    if count > 1:
        os.environ["THEODOI_DATABASE_URL"] = settings.effective_database_url
        os.environ["THEODOI_DATA_DIR"] = str(settings.data_dir)
    server.serve(settings, host, port, count)
