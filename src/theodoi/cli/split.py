"""`theodoi split count|shares`: a commune's target split into its thôn's, tổ dân
phố's or chi bộ's targets, linked to it for the roll-up (services/split)."""

from __future__ import annotations

from typing import Any

import click

from theodoi.cli.common import FORMAT, out, print_table, run_and_show
from theodoi.domain.errors import BadInput
from theodoi.domain.numbers import read_number, shown_number
from theodoi.services.rollup import figures
from theodoi.services.split import splitting


@click.group("split")
def split_group() -> None:
    """Giao chỉ tiêu của xã cho thôn, tổ dân phố, chi bộ."""


@split_group.command("count")
@click.argument("ref")
@click.option("--unit", "names", multiple=True,
              help="Thôn, tổ dân phố, chi bộ được giao (mã hoặc tên; bỏ trống: tất cả).")
@FORMAT
def count_cmd(ref: str, names: tuple[str, ...], fmt: str) -> None:
    """Mỗi đơn vị cấp dưới một chỉ tiêu đạt / không đạt; xã tính số đơn vị đạt."""
    run_and_show(fmt, lambda s: splitting.count(s, figures.target_of(s, ref),
                                                list(names) or None, None), _print)


def _share(text: str) -> tuple[str, float]:
    name, sep, value = text.rpartition("=")
    if not sep or not name.strip():
        raise BadInput(f"'{text}' không đúng dạng ĐƠN_VỊ=SỐ (ví dụ 'Tổ dân phố số 1=120').")
    return name.strip(), read_number(value)


@split_group.command("shares")
@click.argument("ref")
@click.option("--share", "parts", multiple=True, required=True,
              help="Phần của một đơn vị: ĐƠN_VỊ=SỐ (lặp lại cho mỗi đơn vị).")
@FORMAT
def shares_cmd(ref: str, parts: tuple[str, ...], fmt: str) -> None:
    """Chia một chỉ tiêu dạng tổng (tiền, số hộ, km) thành phần của từng đơn vị."""
    shares = dict(_share(p) for p in parts)
    run_and_show(fmt, lambda s: splitting.shares(s, figures.target_of(s, ref), shares, None),
                 _print)


def _print(done: splitting.SplitOutcome) -> None:
    out.print(f"{done.upper}: giao mới {len(done.created)} đơn vị, "
              f"giữ nguyên {len(done.kept)} đơn vị đã giao.")
    rows: list[dict[str, Any]] = [*done.created, *done.kept]
    print_table(("Đơn vị", "Chỉ tiêu", "Phần giao"),
                ((r["unit"], r["ref"], shown_number(r.get("value")) if r.get("value")
                  is not None else "") for r in rows))
    if done.total is not None:
        gap = done.difference or 0.0
        out.print(f"Tổng các phần: {shown_number(done.total)}"
                  + (f"; còn chênh {shown_number(gap)} so với chỉ tiêu của xã." if gap
                     else "; khớp với chỉ tiêu của xã."))
