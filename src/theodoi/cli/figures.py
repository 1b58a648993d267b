"""`theodoi progress pending|accept|return|lock|reopen|validation`: an agency's figures
waiting for validation, accepted or returned by a named person of the office or a leader
(the same rights as on the web), locked periods, and the unit's switch."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

import click

from theodoi.cli.common import FORMAT, out, print_json, transaction
from theodoi.cli.progress import day, progress_group
from theodoi.domain.dates import vn_day
from theodoi.services.accounts import users as accounts
from theodoi.services.progress import locks
from theodoi.services.register import units
from theodoi.services.validation import figures, queue

AS = click.option("--as", "username", required=True, help="Người dùng thực hiện.")
UNIT = click.option("--unit", "unit_text", required=True, help="Đơn vị (mã hoặc tên).")


def _figure_line(x: dict[str, Any]) -> str:
    return (f"  số {x['id']}: {x['ref']} {x['period_label']}: {x['value_text']} "
            f"{x['entered_unit'] or x['target_unit'] or ''} — {x['lead_agency'] or ''}, "
            f"gửi {vn_day(x['sent_at'][:10])} bởi {x['sent_by'] or ''}").replace("  —", " —")


def _show_pending(data: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        print_json(data)
        return
    out.print(f"Chờ xác nhận: {len(data['waiting'])}")
    for x in data["waiting"]:
        out.print(_figure_line(x))
        for w in x["warnings"]:
            out.print(f"    cần xem lại: {w['message']}")
    out.print(f"Bị trả lại, chưa gửi lại: {len(data['returned'])}")
    for x in data["returned"]:
        out.print(_figure_line(x) + f"; lý do: {x['reason']}")
    locked = ", ".join(k["period_label"] for k in data["locked"]) or "chưa có"
    out.print(f"Kỳ đã chốt: {locked}.")


@progress_group.command("pending")
@UNIT
@AS
@FORMAT
def pending_cmd(unit_text: str, username: str, fmt: str) -> None:
    """Số liệu của cơ quan chờ xác nhận và số liệu bị trả lại của đơn vị."""
    with transaction() as s:
        data = queue.pending(s, accounts.principal_for(s, username), units.find(s, unit_text).id)
    _show_pending(data, fmt)


def _show_figure(x: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        print_json(x)
        return
    said = f"; lý do: {x['reason']}" if x["reason"] else ""
    out.print(f"Số liệu số {x['id']} ({x['ref']} {x['period_label']}: {x['value_text']}): "
              f"{x['state_label']}{said}.")


@progress_group.command("accept")
@click.argument("figure_id", type=int)
@AS
@FORMAT
def accept_cmd(figure_id: int, username: str, fmt: str) -> None:
    """Xác nhận số liệu số FIGURE_ID: từ nay số liệu được tính."""
    with transaction() as s:
        row = figures.accept(s, accounts.principal_for(s, username), figure_id)
    _show_figure(row, fmt)


@progress_group.command("return")
@click.argument("figure_id", type=int)
@click.option("--reason", required=True, help="Lý do trả lại, để cơ quan sửa.")
@AS
@FORMAT
def return_cmd(figure_id: int, reason: str, username: str, fmt: str) -> None:
    """Trả lại số liệu số FIGURE_ID cho cơ quan chủ trì, kèm lý do."""
    with transaction() as s:
        row = figures.return_(s, accounts.principal_for(s, username), figure_id, reason,
                              on=date.today())
    _show_figure(row, fmt)


def _show_lock(row: locks.LockRow, fmt: str) -> None:
    if fmt == "json":
        print_json(asdict(row))
        return
    out.print(f"{row.period_label}: {row.state_label}.")


@progress_group.command("lock")
@UNIT
@click.option("--period", required=True, help="Kỳ báo cáo: Q3/2026, 6 tháng 2026, 2026 …")
@AS
@FORMAT
def lock_cmd(unit_text: str, period: str, username: str, fmt: str) -> None:
    """Chốt một kỳ báo cáo của đơn vị: số liệu của kỳ không sửa được nữa."""
    with transaction() as s:
        row = locks.set_state(s, accounts.principal_for(s, username),
                              units.find(s, unit_text).id, period, locks.LOCKED,
                              on=date.today())
    _show_lock(row, fmt)


@progress_group.command("reopen")
@UNIT
@click.option("--period", required=True, help="Kỳ đã chốt.")
@click.option("--reason", required=True, help="Lý do mở lại (ghi vào lịch sử).")
@click.option("--on", "on_text", default=None, help="Ngày dd/mm/yyyy (mặc định hôm nay).")
@AS
@FORMAT
def reopen_cmd(unit_text: str, period: str, reason: str, on_text: str | None,
               username: str, fmt: str) -> None:
    """Mở lại một kỳ đã chốt của đơn vị (có ghi lịch sử)."""
    with transaction() as s:
        row = locks.set_state(s, accounts.principal_for(s, username),
                              units.find(s, unit_text).id, period, locks.REOPENED,
                              on=day(on_text) or date.today(), reason=reason)
    _show_lock(row, fmt)


@progress_group.command("validation")
@UNIT
@click.argument("state", type=click.Choice(["on", "off"]))
@AS
@FORMAT
def validation_cmd(unit_text: str, state: str, username: str, fmt: str) -> None:
    """Bật (on) hoặc tắt (off) việc xác nhận số liệu cơ quan gửi ở đơn vị."""
    with transaction() as s:
        done = queue.set_validation(s, accounts.principal_for(s, username),
                                    units.find(s, unit_text).id, state == "on")
    if fmt == "json":
        print_json(done)
        return
    said = "phải được xác nhận" if done["validates"] else "được tính ngay"
    out.print(f"{done['unit']['name']}: số liệu cơ quan gửi {said}.")
