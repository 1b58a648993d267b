"""`theodoi unit …` and `theodoi agency …`: units and their agency directory."""

from __future__ import annotations

import click

from theodoi.cli.common import FORMAT, ID, out, print_table, run_and_show, transaction
from theodoi.services.register import agencies, directory, units


@click.group("unit")
def unit_group() -> None:
    """Đơn vị hành chính: tỉnh/thành phố, xã/phường/đặc khu."""


@unit_group.command("create")
@click.argument("name")
@click.option("--level", default="xa", show_default=True,
              type=click.Choice(list(units.LEVELS)))
@click.option("--parent", default=None, help="Đơn vị cấp trên (mã hoặc tên).")
@click.option("--code", default=None, help="Mã đơn vị (mặc định: suy từ tên).")
def unit_create_cmd(name: str, level: str, parent: str | None, code: str | None) -> None:
    """Tạo một đơn vị."""
    with transaction() as s:
        unit = units.create(s, name, level=level, parent=parent, code=code)
        out.print(f"Đã tạo {unit.name} (mã {unit.code}).")


@unit_group.command("rename")
@click.argument("unit_text", metavar="UNIT")
@click.argument("name")
def unit_rename_cmd(unit_text: str, name: str) -> None:
    """Đổi tên một đơn vị (mã giữ nguyên)."""
    with transaction() as s:
        unit = units.find(s, unit_text)
        before = unit.name
        units.rename(s, unit, name)
        out.print(f"Đã đổi tên {before} thành {unit.name} (mã {unit.code}).")


@unit_group.command("move")
@click.argument("unit_text", metavar="UNIT")
@click.option("--parent", required=True, help="Đơn vị cấp trên mới (mã hoặc tên).")
def unit_move_cmd(unit_text: str, parent: str) -> None:
    """Chuyển một đơn vị sang đơn vị cấp trên khác."""
    with transaction() as s:
        unit = units.move(s, units.find(s, unit_text), units.find(s, parent))
        out.print(f"Đã chuyển {unit.name} vào {parent}.")


@unit_group.command("readers")
@click.argument("unit_text", metavar="UNIT")
@click.argument("roles", nargs=-1)
@click.option("--default", "default", is_flag=True,
              help="Trở về mặc định: lanh_dao, van_phong, quan_tri.")
def unit_readers_cmd(unit_text: str, roles: tuple[str, ...], default: bool) -> None:
    """Các vai trò được đọc tài liệu hạn chế của đơn vị (không có ROLES: chỉ xem)."""
    if roles and default:
        raise click.UsageError("hoặc liệt kê vai trò, hoặc --default; không dùng cả hai.")
    with transaction() as s:
        unit = units.find(s, unit_text)
        if roles or default:
            units.set_restricted_readers(s, None, unit.code, None if default else list(roles))
        out.print(f"{unit.name}: tài liệu hạn chế do {units.readers_text(unit.restricted_readers)}"
                  " đọc.")


@unit_group.command("list")
@FORMAT
def unit_list_cmd(fmt: str) -> None:
    """Liệt kê các đơn vị."""
    run_and_show(fmt, units.list_units, lambda rows: print_table(
        ("Mã", "Tên", "Cấp", "Cấp trên"),
        ((r.code, r.name, units.LEVELS.get(r.level, r.level), r.parent or "") for r in rows)))


@click.group("agency")
def agency_group() -> None:
    """Danh mục cơ quan của đơn vị: xác nhận, gộp tên trùng, thêm tên gọi khác."""


@agency_group.command("list")
@click.option("--unit", "unit_text", required=True)
@click.option("--proposed", is_flag=True, help="Chỉ các cơ quan đề xuất, chờ xác nhận.")
@FORMAT
def agency_list_cmd(unit_text: str, proposed: bool, fmt: str) -> None:
    """Liệt kê danh mục cơ quan."""
    state = "proposed" if proposed else None
    run_and_show(fmt, lambda s: agencies.directory(s, units.find(s, unit_text), state),
                 lambda rows: print_table(
                     ("Số", "Cơ quan", "Trạng thái", "Số mục", "Tên gọi khác"),
                     ((str(r.id), r.name, "chờ xác nhận" if r.status == "proposed" else "",
                       str(r.assignments), "; ".join(a for a in r.aliases if a != r.name))
                      for r in rows)))


@agency_group.command("confirm")
@click.argument("agency_id", type=ID)
@click.option("--unit", "unit_text", required=True)
@click.option("--name", default=None, help="Tên chính thức, nếu khác tên trong văn bản.")
def agency_confirm_cmd(agency_id: int, unit_text: str, name: str | None) -> None:
    """Xác nhận cơ quan đề xuất vào danh mục."""
    with transaction() as s:
        agency = agencies.confirm(s, units.find(s, unit_text), agency_id, name)
        out.print(f"Đã xác nhận: {agency.name}.")


@agency_group.command("merge")
@click.argument("agency_id", type=ID)
@click.argument("into_id", type=ID)
@click.option("--unit", "unit_text", required=True)
def agency_merge_cmd(agency_id: int, into_id: int, unit_text: str) -> None:
    """Gộp cơ quan AGENCY_ID vào INTO_ID (tên của nó thành tên gọi khác)."""
    with transaction() as s:
        # audited with what moved, so `theodoi audit revert` can undo it
        merged = directory.merged(s, None, units.find(s, unit_text), agency_id, into_id)
        out.print(f"Đã gộp vào: {merged['name']}.")


@agency_group.command("alias")
@click.argument("agency_id", type=ID)
@click.argument("alias")
@click.option("--unit", "unit_text", required=True)
def agency_alias_cmd(agency_id: int, alias: str, unit_text: str) -> None:
    """Thêm một tên gọi khác cho cơ quan."""
    with transaction() as s:
        agency = agencies.add_alias(s, units.find(s, unit_text), agency_id, alias)
        out.print(f"'{alias}' giờ là tên gọi khác của {agency.name}.")
