"""`theodoi instructions list|show|close|reopen|create`: instructions to lower units.

A higher plan's task addressed to every unit under it ("Các đảng ủy xã, phường xây dựng
kế hoạch thực hiện …") is tracked per unit; see services/instructions.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from theodoi.cli.common import FORMAT, ID, out, print_table, run_and_show, transaction
from theodoi.cli.progress import day
from theodoi.domain.dates import vn_day
from theodoi.services.instructions import tracking

AS_OF = click.option("--as-of", "as_of", default=None,
                     help="Ngày xét dd/mm/yyyy hoặc YYYY-MM-DD (mặc định hôm nay).")


@click.group("instructions")
def instructions_group() -> None:
    """Chỉ đạo cấp dưới: nhiệm vụ giao cho tất cả đơn vị cấp dưới, theo dõi từng đơn vị."""


@instructions_group.command("list")
@click.option("--unit", "unit_text", required=True, help="Mã hoặc tên đơn vị.")
@AS_OF
@FORMAT
def list_cmd(unit_text: str, as_of: str | None, fmt: str) -> None:
    """Chỉ đạo đơn vị đã giao (từng đơn vị cấp dưới đã/chưa thực hiện) và đã nhận."""
    when = day(as_of, "ngày xét") or date.today()
    run_and_show(fmt, lambda s: tracking.board(s, unit_text, when), _print_board)


def _print_board(found: dict[str, Any]) -> None:
    out.print(f"[bold]{found['unit']}[/] — đến ngày {vn_day(found['as_of'])}: "
              f"{len(found['given'])} chỉ đạo đã giao, {len(found['received'])} đã nhận.")
    for x in found["given"]:
        _print_one(x)
    if found["received"]:
        print_table(("Mục", "Chỉ đạo", "Của", "Hạn", "Tình hình", "Ngày"),
                    ((str(x["items"][0]["id"]), x["title"][:60], x["plan"]["unit"],
                      vn_day(x["due"]), x["items"][0]["label"],
                      vn_day(x["items"][0]["acted_on"])) for x in found["received"]),
                    title="Chỉ đạo của cấp trên")


def _print_one(x: dict[str, Any]) -> None:
    out.print(f"\n[bold]{x['ref']}[/] {x['title'][:90]} — hạn {vn_day(x['due']) or 'không'}"
              f"; {x['acted']}/{x['total']} đơn vị đã thực hiện; nhiệm vụ: {x['status_label']}")
    print_table(("Mục", "Đơn vị", "Tình hình", "Ngày", "Bằng"),
                ((str(i["id"]), i["unit"]["name"], i["label"], vn_day(i["acted_on"]),
                  _how(i)) for i in x["items"]))


def _how(i: dict[str, Any]) -> str:
    if i["how"] == "plan":
        return f"kế hoạch số {i['plan_id']}" + (f" ({i['note']})" if i["note"] else "")
    return f"báo cáo: {i['note']}" if i["how"] == "report" else ""


@instructions_group.command("show")
@click.argument("ref")
@AS_OF
@FORMAT
def show_cmd(ref: str, as_of: str | None, fmt: str) -> None:
    """Một chỉ đạo (mã nhiệm vụ, ví dụ k12) với từng đơn vị cấp dưới."""
    when = day(as_of, "ngày xét") or date.today()
    run_and_show(fmt, lambda s: tracking.show(s, ref, when), _print_one)


@instructions_group.command("close")
@click.argument("item_id", type=ID)
@click.option("--text", "text", required=True, help="Nội dung báo cáo, giải trình của đơn vị.")
@click.option("--on", "on", default=None, help="Ngày báo cáo dd/mm/yyyy (mặc định hôm nay).")
def close_cmd(item_id: int, text: str, on: str | None) -> None:
    """Đóng mục chỉ đạo ITEM_ID của một đơn vị bằng báo cáo, giải trình của đơn vị."""
    when = day(on, "ngày báo cáo") or date.today()
    with transaction() as s:
        item = tracking.close(s, tracking.get(s, item_id), when, text, None)
        name = item.unit.name
    out.print(f"Đã đóng mục chỉ đạo số {item_id} của {name} bằng báo cáo ngày {vn_day(when)}.")


@instructions_group.command("reopen")
@click.argument("item_id", type=ID)
def reopen_cmd(item_id: int) -> None:
    """Bỏ báo cáo đã đóng mục chỉ đạo ITEM_ID (kế hoạch đã liên kết vẫn đóng mục)."""
    with transaction() as s:
        tracking.reopen(s, tracking.get(s, item_id))
    out.print(f"Đã bỏ báo cáo của mục chỉ đạo số {item_id}.")


@instructions_group.command("create")
@click.argument("plan_id", type=ID)
def create_cmd(plan_id: int) -> None:
    """Lập mục chỉ đạo cho từng đơn vị cấp dưới từ các nhiệm vụ của kế hoạch PLAN_ID
    (việc kích hoạt kế hoạch đã làm; chạy lại không lập trùng)."""
    with transaction() as s:
        made = tracking.create_for_plan_id(s, plan_id)
    out.print(f"Kế hoạch số {plan_id}: {len(made.tasks)} nhiệm vụ giao cho đơn vị cấp dưới "
              f"({', '.join(made.tasks) or 'không có'}); lập mới {made.created} mục.")
