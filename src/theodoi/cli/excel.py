"""`theodoi register export|import`: a unit's register as an Excel workbook, and back."""

from __future__ import annotations

from pathlib import Path

import click

from theodoi.cli.common import out, transaction
from theodoi.domain.errors import BadInput
from theodoi.services.register import importing, units
from theodoi.services.spreadsheets import excel
from theodoi.settings import load

SHEET_WORDS = {"Kế hoạch": "kế hoạch", "Chỉ tiêu": "chỉ tiêu", "Lộ trình": "mốc lộ trình",
               "Nhiệm vụ": "nhiệm vụ", "Cơ quan": "cơ quan"}


@click.group("register")
def register_group() -> None:
    """Sổ kế hoạch của đơn vị dưới dạng Excel: xuất ra, sửa, nhập lại."""


@register_group.command("export")
@click.option("--unit", "unit_text", required=True, help="Mã hoặc tên đơn vị.")
@click.option("--out", "out_path", required=True, type=click.Path(path_type=Path),
              help="Tệp .xlsx sẽ ghi.")
def export_cmd(unit_text: str, out_path: Path) -> None:
    """Xuất toàn bộ sổ kế hoạch của đơn vị ra một tệp Excel."""
    with transaction() as s:
        unit = units.find(s, unit_text)
        data = excel.export_register(s, unit)
        name = unit.name
    try:
        out_path.write_bytes(data)
    except OSError as exc:
        raise BadInput(f"không ghi được tệp ({exc.strerror}).", subject=str(out_path)) from exc
    out.print(f"Đã xuất sổ kế hoạch của {name} ra {out_path}.")


@register_group.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--unit", "unit_text", required=True, help="Mã hoặc tên đơn vị.")
def import_cmd(path: Path, unit_text: str) -> None:
    """Nhập tệp Excel vào sổ; kiểm tra mọi dòng trước, có lỗi thì không ghi gì."""
    settings = load()
    if not path.is_file():
        raise BadInput("không tìm thấy tệp.", subject=str(path))
    data = importing.read_file(path, settings.max_upload_bytes)
    with transaction(settings) as s:
        summary = excel.import_register(s, units.find(s, unit_text), data)
    _print_summary(summary)


def _print_summary(r: excel.ImportSummary) -> None:
    origin = "tệp xuất từ chính sổ này" if r.same_register else \
        "tệp từ cơ sở dữ liệu hoặc đơn vị khác: mọi dòng được thêm mới"
    out.print(f"Đã nhập vào sổ của {r.unit} ({origin}).")
    for sheet, word in SHEET_WORDS.items():
        out.print(f"  {sheet}: thêm {r.created[sheet]}, sửa {r.updated[sheet]}, giữ nguyên "
                  f"{r.unchanged[sheet]}; {r.untouched[sheet]} {word} không có trong tệp, "
                  "để nguyên.")
    if r.proposed_agencies:
        out.print("Cơ quan mới chờ xác nhận: " + "; ".join(r.proposed_agencies))
