"""`theodoi approval …`: a task's product through trình, trả lại and duyệt, as a named
person (the same rights as on the web)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from theodoi.cli.common import FORMAT, out, print_json, transaction
from theodoi.cli.progress import day
from theodoi.domain.dates import vn_day
from theodoi.domain.errors import BadInput
from theodoi.services.accounts import users as accounts
from theodoi.services.approval import bodies, flow
from theodoi.services.register import units
from theodoi.settings import load

AS = click.option("--as", "username", required=True, help="Người dùng thực hiện.")
ON = click.option("--on", "on_text", default=None, help="Ngày dd/mm/yyyy (mặc định hôm nay).")


@click.group("approval")
def approval_group() -> None:
    """Trình và duyệt sản phẩm của nhiệm vụ."""


def _show(view: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        print_json(view)
        return
    out.print(f"{view['ref']}: {view['state_label']} ({view['standing_label']}).")
    for st in view["steps"]:
        extra = st["file_name"] or st["reason"] or ""
        out.print(f"  {vn_day(st['made_on'])} {st['action_label']} {st['to_body'] or ''} "
                  f"{extra} — {st['by'] or ''}".replace("  ", " "))


@approval_group.command("show")
@click.argument("ref")
@AS
@ON
@FORMAT
def show_cmd(ref: str, username: str, on_text: str | None, fmt: str) -> None:
    """Trạng thái sản phẩm của nhiệm vụ REF và các bước đã qua."""
    with transaction() as s:
        view = flow.product(s, accounts.principal_for(s, username), ref, _on(on_text))
    _show(view, fmt)


@approval_group.command("submit")
@click.argument("ref")
@click.option("--file", "path", type=click.Path(path_type=Path), required=True,
              help="Tệp sản phẩm (PDF, Word …).")
@click.option("--to", "to_body", default=None, help="Cơ quan trình (mặc định theo kế hoạch).")
@AS
@ON
@FORMAT
def submit_cmd(ref: str, path: Path, to_body: str | None, username: str,
               on_text: str | None, fmt: str) -> None:
    """Trình sản phẩm của nhiệm vụ REF kèm tệp."""
    if not path.is_file():
        raise BadInput("không tìm thấy tệp sản phẩm.", subject=str(path))
    with transaction() as s:
        view = flow.submit(s, accounts.principal_for(s, username), ref,
                           (path.name, path.read_bytes()), on=_on(on_text),
                           max_bytes=load().max_evidence_bytes, to_body=to_body)
    _show(view, fmt)


@approval_group.command("approve")
@click.argument("ref")
@AS
@ON
@FORMAT
def approve_cmd(ref: str, username: str, on_text: str | None, fmt: str) -> None:
    """Duyệt sản phẩm đã trình của nhiệm vụ REF."""
    with transaction() as s:
        view = flow.decide(s, accounts.principal_for(s, username), ref, "duyet",
                           on=_on(on_text))
    _show(view, fmt)


@approval_group.command("return")
@click.argument("ref")
@click.option("--reason", required=True, help="Lý do trả lại.")
@AS
@ON
@FORMAT
def return_cmd(ref: str, reason: str, username: str, on_text: str | None, fmt: str) -> None:
    """Trả lại sản phẩm đã trình của nhiệm vụ REF, kèm lý do."""
    with transaction() as s:
        view = flow.decide(s, accounts.principal_for(s, username), ref, "tra_lai",
                           on=_on(on_text), reason=reason)
    _show(view, fmt)


@approval_group.command("list")
@click.option("--unit", "unit_text", required=True, help="Đơn vị (mã hoặc tên).")
@AS
@ON
@FORMAT
def list_cmd(unit_text: str, username: str, on_text: str | None, fmt: str) -> None:
    """Sản phẩm chờ duyệt và sản phẩm bị trả lại của đơn vị."""
    with transaction() as s:
        unit_id = units.find(s, unit_text).id
        data = flow.open_products(s, accounts.principal_for(s, username), unit_id,
                                  _on(on_text))
    if fmt == "json":
        print_json(data)
        return
    for key, heading in (("waiting", "Chờ duyệt"), ("returned", "Bị trả lại")):
        out.print(f"{heading}: {len(data[key])}")
        for x in data[key]:
            out.print(f"  {x['ref']} {x['title']} — {x['lead_agency'] or ''}, "
                      f"{x['standing_label']}" + (f": {x['reason']}" if x["reason"] else ""))


@approval_group.command("approvers")
@click.option("--unit", "unit_text", required=True, help="Đơn vị (mã hoặc tên).")
@click.option("--body", default=None, help="Cơ quan được trình (bỏ trống: xem danh sách).")
@click.option("--user", "users", multiple=True, help="Người được giao duyệt (lặp lại).")
@AS
@FORMAT
def approvers_cmd(unit_text: str, body: str | None, users: tuple[str, ...], username: str,
                  fmt: str) -> None:
    """Người duyệt thay cơ quan được trình: xem, hoặc giao (--body với --user; --body không
    có --user: trả lại cho lãnh đạo đơn vị)."""
    with transaction() as s:
        unit_id = units.find(s, unit_text).id
        p = accounts.principal_for(s, username)
        if body is not None:
            bodies.set_approvers(s, p, unit_id, body, list(users))
        data = bodies.listing(s, p, unit_id)
    if fmt == "json":
        print_json(data)
        return
    if not data["bodies"]:
        out.print("Chưa giao cơ quan nào: lãnh đạo đơn vị duyệt.")
    for b in data["bodies"]:
        out.print(f"{b['body']}: {', '.join(b['users'])}")


def _on(text: str | None) -> date:
    return day(text) or date.today()
