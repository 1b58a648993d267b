"""`theodoi user token create | list | revoke`: a user's API tokens for scripts."""

from __future__ import annotations

import click

from theodoi.cli.common import FORMAT, out, print_table, run_and_show, transaction
from theodoi.services.accounts import tokens
from theodoi.services.accounts import users as accounts


@click.group("token")
def token_group() -> None:
    """Mã truy cập API của người dùng (cho tập lệnh gọi /api)."""


@token_group.command("create")
@click.argument("username")
@click.option("--name", required=True, help="Tên để nhận ra mã (ví dụ: báo cáo tuần).")
def create_cmd(username: str, name: str) -> None:
    """Tạo mã truy cập mới cho USERNAME; mã chỉ in ra một lần này."""
    with transaction() as s:
        made = tokens.create(s, accounts.get_user(s, username).id, name)
    out.print(f"Đã tạo mã truy cập số {made.row.id} ({made.row.name}) cho {username}. "
              "Chép lại ngay, mã không hiện lại lần nào nữa:")
    click.echo(made.token)  # alone on its line, no styling: a script may read it


@token_group.command("list")
@click.argument("username")
@FORMAT
def list_cmd(username: str, fmt: str) -> None:
    """Các mã truy cập của USERNAME (không bao giờ in chính mã)."""
    run_and_show(fmt, lambda s: tokens.list_of(s, accounts.get_user(s, username).id),
                 lambda rows: print_table(
                     ("Số", "Tên", "Bắt đầu bằng", "Tạo lúc", "Dùng lần cuối", "Trạng thái"),
                     ((str(r.id), r.name, r.prefix + "…", f"{r.created_at:%d/%m/%Y %H:%M}",
                       f"{r.last_used_at:%d/%m/%Y %H:%M}" if r.last_used_at else "chưa dùng",
                       "đang dùng" if r.active else f"thu hồi {r.revoked_at:%d/%m/%Y}")
                      for r in rows)))


@token_group.command("revoke")
@click.argument("username")
@click.argument("token_id", type=int)
def revoke_cmd(username: str, token_id: int) -> None:
    """Thu hồi mã truy cập số TOKEN_ID của USERNAME; mã thôi dùng được ngay."""
    with transaction() as s:
        tokens.revoke(s, accounts.get_user(s, username).id, token_id)
    out.print(f"Đã thu hồi mã truy cập số {token_id} của {username}.")
