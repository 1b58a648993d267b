"""`theodoi plan pending|link|unlink` and `theodoi links …`: the cascade and target links.

The plan commands join the existing `plan` group; `links` is a group of its own.
"""

from __future__ import annotations

from typing import Any

import click

from theodoi.cli.common import FORMAT, ID, out, print_table, run_and_show, transaction
from theodoi.cli.register import plan_group
from theodoi.domain import labels
from theodoi.domain.dates import vn_day
from theodoi.domain.numbers import shown_number
from theodoi.services.register import cascade, links


@plan_group.command("pending")
@click.option("--unit", "unit_text", required=True, help="Mã hoặc tên đơn vị.")
@FORMAT
def pending_cmd(unit_text: str, fmt: str) -> None:
    """Văn bản cấp trên đơn vị chưa cụ thể hóa, và văn bản căn cứ chưa có trong sổ."""
    run_and_show(fmt, lambda s: cascade.pending(s, unit_text), _print_pending)


def _print_pending(result: cascade.Pending) -> None:
    out.print(f"[bold]{result.unit}[/]: {len(result.plans)} văn bản cấp trên chưa cụ thể hóa, "
              f"{len(result.missing)} văn bản căn cứ chưa có trong sổ.")
    if result.plans:
        print_table(("Số", "Đơn vị", "Văn bản", "Ngày", "Trích yếu"),
                    ((str(p["id"]), p["unit"], p["number"] or labels.label("plan_kind", p["kind"]),
                      vn_day(p["issued_on"]), (p["title"] or "")[:70]) for p in result.plans),
                    title="Chưa cụ thể hóa")
    if result.missing:
        print_table(("Văn bản", "Ngày", "Căn cứ của kế hoạch", "Nội dung"),
                    ((m["number"] or "", vn_day(m["date"]),
                      ", ".join(str(i) for i in m["cited_by"]), m["text"][:70])
                     for m in result.missing),
                    title="Chưa có trong sổ")


@plan_group.command("link")
@click.argument("plan_id", type=ID)
@click.option("--implements", "implements_id", type=ID, required=True,
              help="Số kế hoạch (cấp trên hoặc cùng đơn vị) mà kế hoạch này cụ thể hóa.")
def link_cmd(plan_id: int, implements_id: int) -> None:
    """Ghi nhận kế hoạch PLAN_ID thực hiện (cụ thể hóa) một kế hoạch khác."""
    with transaction() as s:
        cascade.link(s, plan_id, implements_id)
    out.print(f"Kế hoạch số {plan_id} đã liên kết với kế hoạch số {implements_id} mà nó "
              "cụ thể hóa.")


@plan_group.command("unlink")
@click.argument("plan_id", type=ID)
@click.option("--implements", "implements_id", type=ID, required=True)
def unlink_cmd(plan_id: int, implements_id: int) -> None:
    """Bỏ liên kết giữa kế hoạch PLAN_ID và kế hoạch nó cụ thể hóa."""
    with transaction() as s:
        cascade.unlink(s, plan_id, implements_id)
    out.print(f"Đã bỏ liên kết kế hoạch số {plan_id} với kế hoạch số {implements_id}.")


@click.group("links")
def links_group() -> None:
    """Liên kết chỉ tiêu giữa các văn bản (nghị quyết, chương trình, kế hoạch)."""


def _print_links(rows: list[dict[str, Any]]) -> None:
    print_table(("Mã", "Trạng thái", "Điểm", "Chỉ tiêu", "Chỉ tiêu tương ứng", "Lý do"),
                ((str(r["id"]), links.STATE_LABELS[r["state"]], shown_number(r["score"]),
                  _side(r["a"]), _side(r["b"]), r["reason"] or "") for r in rows))


def _side(t: dict[str, Any]) -> str:
    return f"{t['ref']} (KH {t['plan']}): {t['indicator'][:50]}"


@links_group.command("suggest")
@click.option("--unit", "unit_text", required=True, help="Mã hoặc tên đơn vị.")
@FORMAT
def suggest_cmd(unit_text: str, fmt: str) -> None:
    """Đề xuất các cặp chỉ tiêu giống nhau giữa các kế hoạch của đơn vị."""
    run_and_show(fmt, lambda s: links.suggest(s, unit_text), _print_suggested)


def _print_suggested(rows: list[dict[str, Any]]) -> None:
    out.print(f"Có {len(rows)} đề xuất liên kết mới; xác nhận bằng 'theodoi links confirm MÃ' "
              "hoặc bỏ bằng 'theodoi links dismiss MÃ'.")
    if rows:
        _print_links(rows)


@links_group.command("list")
@click.option("--unit", "unit_text", required=True, help="Mã hoặc tên đơn vị.")
@click.option("--state", default=None, help="suggested, confirmed hoặc dismissed.")
@FORMAT
def list_cmd(unit_text: str, state: str | None, fmt: str) -> None:
    """Liệt kê liên kết chỉ tiêu của đơn vị."""
    run_and_show(fmt, lambda s: links.list_links(s, unit_text, state), _print_links)


@links_group.command("confirm")
@click.argument("link_id", type=ID)
@click.option("--unit", "unit_text", default=None, help="Chỉ nhận liên kết của đơn vị này.")
def confirm_cmd(link_id: int, unit_text: str | None) -> None:
    """Xác nhận hai chỉ tiêu là cùng một cam kết."""
    with transaction() as s:
        links.confirm(s, link_id, unit_text)
    out.print(f"Đã xác nhận liên kết số {link_id}.")


@links_group.command("dismiss")
@click.argument("link_id", type=ID)
@click.option("--unit", "unit_text", default=None, help="Chỉ nhận liên kết của đơn vị này.")
def dismiss_cmd(link_id: int, unit_text: str | None) -> None:
    """Bỏ đề xuất: hai chỉ tiêu khác nhau; cặp này sẽ không được đề xuất lại."""
    with transaction() as s:
        links.dismiss(s, link_id, unit_text)
    out.print(f"Đã bỏ liên kết số {link_id}; cặp này sẽ không được đề xuất lại.")


@links_group.command("group")
@click.argument("ref")
@FORMAT
def group_cmd(ref: str, fmt: str) -> None:
    """Các chỉ tiêu đã xác nhận là cùng cam kết với chỉ tiêu REF (ví dụ t12)."""
    run_and_show(fmt, lambda s: links.linked(s, ref), lambda rows: _print_group(ref, rows))


def _print_group(ref: str, rows: list[dict[str, Any]]) -> None:
    out.print(f"{ref}: {len(rows)} chỉ tiêu cùng cam kết.")
    for r in rows:
        out.print(f"- {_side(r)}")
