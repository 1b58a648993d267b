"""`theodoi remind`: the day's reminder digests and the sending of what is due, for a
cron job or a systemd timer (a server whose `theodoi serve` runs them needs neither)."""

from __future__ import annotations

import click
from rich.table import Table

from theodoi.cli.common import FORMAT, out, print_json, print_table, run_and_show, transaction
from theodoi.cli.progress import day
from theodoi.services import reminders
from theodoi.settings import load


@click.command("remind")
@click.option("--as-of", "as_of", default=None,
              help="Ngày nhắc YYYY-MM-DD (mặc định hôm nay theo THEODOI_TIMEZONE).")
@click.option("--dry-run", is_flag=True, help="Chỉ cho xem ai sẽ nhận gì; không ghi, không gửi.")
@click.option("--no-send", is_flag=True, help="Chỉ lập bản tổng hợp; để việc gửi lại sau.")
@click.option("--send-only", is_flag=True, help="Chỉ gửi các tin đang chờ; không lập mới.")
@FORMAT
def remind_cmd(as_of: str | None, dry_run: bool, no_send: bool, send_only: bool,
               fmt: str) -> None:
    """Lập bản tổng hợp nhắc việc trong ngày cho từng người (một bản mỗi người mỗi ngày
    mỗi kênh; chạy lại trong ngày không gửi thêm) rồi gửi các tin đến giờ gửi."""
    settings = load()
    when = day(as_of, "ngày nhắc") or reminders.today(settings)
    planned = []
    if not send_only:
        with transaction(settings) as s:
            planned = [p.as_dict() for p in reminders.run_digest(s, settings, when,
                                                                 dry_run=dry_run)]
    sent = None if dry_run or no_send else reminders.send_due(settings)
    result = {"as_of": when.isoformat(), "dry_run": dry_run, "digests": planned,
              "sent": None if sent is None else {"sent": len(sent.sent),
                                                 "retry": len(sent.retry),
                                                 "dead": len(sent.dead)}}
    if fmt == "json":
        print_json(result)
        return
    _show(result)


def _show(result: dict[str, object]) -> None:
    digests = result["digests"]
    assert isinstance(digests, list)
    table = Table("Người nhận", "Số việc", "Quá hạn", "Ghi mới", "Đã có từ trước")
    for d in digests:
        table.add_row(d["user"], str(d["lines"]), str(d["overdue"]),
                      ", ".join(d["written"]) or "—", ", ".join(d["already"]) or "—")
    out.print(table)
    sent = result["sent"]
    if isinstance(sent, dict):
        out.print(f"Đã gửi {sent['sent']} tin; gửi lại sau {sent['retry']}; "
                  f"dừng hẳn {sent['dead']}.")


@click.command("remind-rules")
@click.option("--unit", "unit_text", required=True, help="Tên hoặc mã đơn vị.")
@click.option("--trigger", default=None, help="Loại nhắc việc cần đổi (ví dụ report_due).")
@click.option("--set", "params", default=None,
              help='Tham số mới, dạng JSON, ví dụ \'{"before_days": [5, 1]}\'.')
@FORMAT
def remind_rules_cmd(unit_text: str, trigger: str | None, params: str | None,
                     fmt: str) -> None:
    """Xem (hoặc đổi, với --trigger và --set) quy tắc nhắc việc của một đơn vị; tham số
    không ghi lại thì theo mặc định."""
    if (trigger is None) != (params is None):
        raise click.UsageError("--trigger và --set đi cùng nhau.")
    run_and_show(fmt, lambda s: reminders.rules_at(s, unit_text, trigger, params),
                 lambda shown: print_table(
                     ("Loại nhắc việc", "Tham số", "Đơn vị đã đổi"),
                     ((f"{name} ({shown['labels'][name]})",
                       ", ".join(f"{k}={v}" for k, v in values.items()),
                       "có" if name in shown["overrides"] else "")
                      for name, values in shown["rules"].items())))


@click.command("contact")
@click.argument("username")
@click.option("--email", default=None, help="Địa chỉ thư điện tử (để trống để xóa).")
@click.option("--phone", default=None, help="Số điện thoại nhận SMS.")
@click.option("--zalo", "zalo_id", default=None, help="Mã Zalo.")
@click.option("--channel", "channels", multiple=True,
              type=click.Choice(["email", "zalo", "sms"]),
              help="Kênh nhận bản tổng hợp (lặp lại được); không ghi thì giữ nguyên.")
@FORMAT
def contact_cmd(username: str, email: str | None, phone: str | None, zalo_id: str | None,
                channels: tuple[str, ...], fmt: str) -> None:
    """Ghi liên hệ (thư, điện thoại, Zalo) và kênh nhận nhắc việc của một người dùng."""
    changes: dict[str, object] = {k: v for k, v in (("email", email), ("phone", phone),
                                                     ("zalo_id", zalo_id)) if v is not None}
    if channels:
        changes["channels"] = list(channels)
    with transaction() as s:
        shown = reminders.set_contact(s, username, changes)
    if fmt == "json":
        print_json({k: shown[k] for k in ("email", "phone", "zalo_id", "channels")})
        return
    out.print(f"{username}: thư {shown['email'] or '—'}, điện thoại {shown['phone'] or '—'}, "
              f"Zalo {shown['zalo_id'] or '—'}; nhận qua: "
              f"{', '.join(shown['channels']) or 'chỉ trong ứng dụng'}.")
