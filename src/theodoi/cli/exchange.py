"""`theodoi exchange …`: packages between installations (a commune running its own
theodoi sends the province a signed package of a period), their keys, and a unit's
public page. `--as` names the person (same rights as on the web); without it the command
line acts as the installation's administrator."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click

from theodoi.cli.common import FORMAT, out, print_json, print_table, transaction
from theodoi.domain.errors import BadInput
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.exchange import export, importing, keys, public
from theodoi.services.register import units
from theodoi.settings import load

AS = click.option("--as", "username", default=None,
                  help="Người dùng thực hiện (bỏ trống: quản trị máy chủ).")
UNIT = click.option("--unit", "unit_text", required=True, help="Đơn vị (mã hoặc tên).")


def _who(s: Any, username: str | None) -> Principal | None:
    return accounts.principal_for(s, username) if username else None


@click.group("exchange")
def exchange_group() -> None:
    """Trao đổi giữa các bản cài đặt: gói số liệu có chữ ký, khóa, trang công khai."""


@exchange_group.command("export")
@UNIT
@click.option("--period", required=True, help="Kỳ: 2026, Q1/2026, 6 tháng 2026 …")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Tệp gói .zip (mặc định tên gói trong thư mục hiện tại).")
@AS
def export_cmd(unit_text: str, period: str, out_path: Path | None,
               username: str | None) -> None:
    """Xuất gói có chữ ký của đơn vị cho một kỳ để gửi cấp trên."""
    with transaction() as s:
        name, data = export.export(s, _who(s, username), units.find(s, unit_text).id,
                                   period, datetime.now())
    target = out_path or Path(name)
    target.write_bytes(data)
    out.print(f"Đã xuất gói {target} ({len(data):,} byte).")


@exchange_group.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@UNIT
@AS
@FORMAT
def import_cmd(path: Path, unit_text: str, username: str | None, fmt: str) -> None:
    """Nhập gói PATH của một đơn vị cấp dưới vào đơn vị --unit (cấp trên)."""
    if not path.is_file():
        raise BadInput("không tìm thấy tệp gói.", subject=str(path))
    with transaction() as s:
        result = importing.import_package(
            s, _who(s, username), units.find(s, unit_text).id, path.read_bytes(),
            max_bytes=load().max_upload_bytes, now=datetime.now())
    if fmt == "json":
        print_json(result)
        return
    out.print(summary(result))


def summary(result: dict[str, Any]) -> str:
    """One line for people: what a package import did."""
    return f"Gói của {result['unit']['name']}, kỳ {result['period']['key']}: " \
        f"{result['summary']}."


@exchange_group.group("keys")
def keys_group() -> None:
    """Khóa trao đổi: xã tạo khóa, tỉnh đăng ký đúng khóa đó cho xã."""


@keys_group.command("new")
@UNIT
@AS
def keys_new(unit_text: str, username: str | None) -> None:
    """Tạo khóa mới cho đơn vị (thay khóa cũ); in khóa để gửi cấp trên qua kênh an toàn."""
    with transaction() as s:
        secret = keys.new(s, _who(s, username), units.find(s, unit_text).id)
    out.print(f"Khóa trao đổi mới: {secret}")
    out.print("Gửi khóa này cho cấp trên qua kênh an toàn; cấp trên chạy "
              "'theodoi exchange keys add'.")


@keys_group.command("add")
@UNIT
@click.option("--key", "key_text", required=True, help="Khóa xã đã tạo (64 chữ số hex).")
@AS
def keys_add(unit_text: str, key_text: str, username: str | None) -> None:
    """Đăng ký khóa trao đổi của một đơn vị cấp dưới (đơn vị phải có sẵn ở đây)."""
    with transaction() as s:
        mark = keys.register(s, _who(s, username), units.find(s, unit_text).id, key_text)
    out.print(f"Đã đăng ký khóa; dấu nhận dạng {mark} (so với dấu ở xã).")


@keys_group.command("list")
@UNIT
@AS
@FORMAT
def keys_list(unit_text: str, username: str | None, fmt: str) -> None:
    """Khóa của đơn vị và các đơn vị ngay dưới nó (chỉ dấu nhận dạng, không in khóa)."""
    with transaction() as s:
        rows = keys.listing(s, _who(s, username), units.find(s, unit_text).id)
    if fmt == "json":
        print_json(rows)
        return
    print_table(["Đơn vị", "Mã", "Dấu nhận dạng", "Đặt lúc"],
                [[r["unit"]["name"], r["unit"]["code"], r["fingerprint"], r["set_at"]]
                 for r in rows])


@exchange_group.command("public")
@UNIT
@click.option("--on/--off", "on", required=True, help="Bật hoặc tắt trang công khai.")
@AS
def public_cmd(unit_text: str, on: bool, username: str | None) -> None:
    """Bật/tắt trang công khai /cong-khai/<mã> của đơn vị (chỉ xem, không đăng nhập)."""
    with transaction() as s:
        row = public.set_public(s, _who(s, username), units.find(s, unit_text).id, on)
    state = "đã bật" if on else "đã tắt"
    out.print(f"Trang công khai của {row['unit']['name']} {state}: {row['path']}")
