"""`theodoi audit revert ID`: undo one change of the audit history, as a named person."""

from __future__ import annotations

import click

from theodoi.cli.common import out, print_json, transaction
from theodoi.services.accounts import users as accounts
from theodoi.services.history import undo


@click.group("audit")
def audit_group() -> None:
    """Lịch sử thay đổi: hoàn tác một thay đổi."""


@audit_group.command("revert")
@click.argument("entry_id", type=int)
@click.option("--as", "username", required=True,
              help="Người dùng thực hiện (cần quyền làm thay đổi gốc ở đơn vị đó).")
@click.option("--yes", is_flag=True, help="Không hỏi lại (cho tập lệnh).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def revert_cmd(entry_id: int, username: str, yes: bool, fmt: str) -> None:
    """Hoàn tác thay đổi số ENTRY_ID; in ra những gì sẽ thay đổi và hỏi xác nhận trước."""
    with transaction() as s:
        person = accounts.principal_for(s, username)
        lines = undo.preview(s, person, entry_id)["changes"]
    if not yes:
        out.print("Hoàn tác sẽ thay đổi:")
        for line in lines:
            out.print(f"  - {line}")
        if not click.confirm("Hoàn tác?", default=False):
            out.print("Không hoàn tác gì.")
            return
    with transaction() as s:  # checked again: someone may have changed it meanwhile
        done = undo.revert(s, accounts.principal_for(s, username), entry_id)
    if fmt == "json":
        print_json(done)
        return
    out.print(f"Đã hoàn tác thay đổi số {entry_id}: " + "; ".join(done["changes"]) + ".")
