"""`theodoi links across|across-list|across-confirm|across-reject|rollup|rollup-method` and
`theodoi unit population`: targets linked across levels and their roll-up.

The commands join the existing `links` and `unit` groups (cli/links.py, cli/agency.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from theodoi.cli.agency import unit_group
from theodoi.cli.common import FORMAT, ID, out, print_table, run_and_show, transaction
from theodoi.cli.links import links_group
from theodoi.domain.dates import vn_day
from theodoi.domain.numbers import shown_number
from theodoi.domain.rollup import METHODS, RELATIONS
from theodoi.services.register import units
from theodoi.services.rollup import figures, matching, pages

RELATION = click.Choice(list(RELATIONS))


def _side(t: dict[str, Any]) -> str:
    return f"{t['unit']}: {t['ref']} {t['indicator'][:50]}"


def _print_links(rows: list[dict[str, Any]]) -> None:
    print_table(("Mã", "Trạng thái", "Cấp trên", "Cấp dưới", "Quan hệ", "Lý do"),
                ((str(r["id"]), r["state_label"], _side(r["upper"]), _side(r["lower"]),
                  r["relation_label"], r["reason"] or "") for r in rows))


@links_group.command("across")
@click.option("--unit", "unit_text", required=True, help="Mã hoặc tên đơn vị.")
@FORMAT
def across_cmd(unit_text: str, fmt: str) -> None:
    """Đề xuất liên kết chỉ tiêu của đơn vị với chỉ tiêu cấp trên (và cấp dưới)."""
    run_and_show(fmt, lambda s: matching.suggest(s, units.find(s, unit_text)), _print_new)


def _print_new(rows: list[dict[str, Any]]) -> None:
    out.print(f"Có {len(rows)} đề xuất liên kết giữa các cấp mới; xác nhận bằng 'theodoi "
              "links across-confirm MÃ --relation sum|rate|contribution' hoặc bỏ bằng "
              "'theodoi links across-reject MÃ'.")
    if rows:
        _print_links(rows)


@links_group.command("across-list")
@click.option("--unit", "unit_text", required=True, help="Mã hoặc tên đơn vị.")
@click.option("--state", default=None, help="suggested, confirmed hoặc rejected.")
@FORMAT
def across_list_cmd(unit_text: str, state: str | None, fmt: str) -> None:
    """Liệt kê liên kết chỉ tiêu giữa đơn vị và cấp trên, cấp dưới."""
    run_and_show(fmt, lambda s: matching.list_links(s, units.find(s, unit_text), state),
                 _print_links)


@links_group.command("across-confirm")
@click.argument("link_id", type=ID)
@click.option("--relation", type=RELATION, default=None,
              help="Số liệu cấp dưới là phần của tổng (sum), cùng tỷ lệ (rate) hay đóng "
                   "góp (contribution); mặc định như đề xuất.")
def across_confirm_cmd(link_id: int, relation: str | None) -> None:
    """Xác nhận chỉ tiêu cấp dưới thực hiện chỉ tiêu cấp trên."""
    with transaction() as s:
        done = matching.decide(s, matching.get(s, link_id), "confirmed", relation, None)
        label = RELATIONS[done.relation or ""]
    out.print(f"Đã xác nhận liên kết số {link_id} ({label}).")


@links_group.command("across-reject")
@click.argument("link_id", type=ID)
def across_reject_cmd(link_id: int) -> None:
    """Bỏ đề xuất: cặp chỉ tiêu này không liên quan và sẽ không được đề xuất lại."""
    with transaction() as s:
        matching.decide(s, matching.get(s, link_id), "rejected", None, None)
    out.print(f"Đã bỏ liên kết số {link_id}; cặp này sẽ không được đề xuất lại.")


@links_group.command("rollup")
@click.argument("ref")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Ngày xem (YYYY-MM-DD), mặc định hôm nay.")
@FORMAT
def rollup_cmd(ref: str, as_of: Any, fmt: str) -> None:
    """Số liệu các đơn vị cấp dưới của chỉ tiêu REF và số tổng hợp."""
    day = as_of.date() if as_of else date.today()
    run_and_show(fmt, lambda s: figures.rollup_of(s, ref, day), _print_rollup)


def _print_rollup(g: dict[str, Any]) -> None:
    up = g["upper"]
    out.print(f"[bold]{up['ref']}[/] {up['indicator']} — {up['unit']}; mục tiêu "
              f"{shown_number(up['value'])} {up['measure'] or ''}")
    print_table(("Đơn vị", "Chỉ tiêu", "Quan hệ", "Số liệu", "Kỳ", "Trạng thái"),
                ((r["unit"], r["ref"], r["relation_label"], shown_number(r["value"]),
                  vn_day(r["on"]), r["status_label"]) for r in g["rows"]))
    value = g["aggregate"]["value"]
    status = g["status"]["label"] if g["status"] else "chưa đánh giá được"
    out.print(f"Tổng hợp ({g['method_label']}): "
              f"{'—' if value is None else shown_number(value)}; {status}.")
    if g["aggregate"]["note"]:
        out.print(f"Ghi chú: {g['aggregate']['note']}")


@links_group.command("rollup-method")
@click.argument("ref")
@click.argument("method", type=click.Choice(list(METHODS)))
def rollup_method_cmd(ref: str, method: str) -> None:
    """Chọn cách tổng hợp số liệu cấp dưới của chỉ tiêu REF."""
    with transaction() as s:
        done = figures.choose_method(s, figures.target_of(s, ref), method, None)
    out.print(f"{ref}: tổng hợp theo {done['method_label']}.")


@unit_group.command("population")
@click.argument("unit_text")
@click.argument("population", type=ID)
def population_cmd(unit_text: str, population: int) -> None:
    """Ghi dân số của đơn vị (dùng cho bình quân gia quyền theo dân số)."""
    with transaction() as s:
        pages.set_population(s, units.find(s, unit_text), population)
    out.print(f"Đã ghi dân số {shown_number(population)} cho {unit_text}.")
