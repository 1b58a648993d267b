"""`theodoi outgoing …`: a unit's reports numbered in its register of outgoing documents,
their signed PDF, sent to the unit above; the inbox and the table of reports received
there. As a named person (`--as`), with the same rights as on the web."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from theodoi.cli.common import FORMAT, ID, out, print_json, print_table, transaction
from theodoi.cli.progress import day
from theodoi.domain.dates import vn_day
from theodoi.domain.errors import BadInput
from theodoi.services.accounts import users as accounts
from theodoi.services.outgoing import received, register
from theodoi.services.register import units
from theodoi.settings import load

AS = click.option("--as", "username", required=True, help="Người dùng thực hiện.")
ON = click.option("--on", "on_text", default=None, help="Ngày dd/mm/yyyy (mặc định hôm nay).")
UNIT = click.option("--unit", "unit_text", required=True, help="Đơn vị (mã hoặc tên).")


@click.group("outgoing")
def outgoing_group() -> None:
    """Văn bản đi: vào sổ (cấp số), bản đã ký, gửi cấp trên; văn bản đến ở cấp trên."""


def _on(text: str | None) -> date:
    return day(text) or date.today()


def _show(row: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        print_json(row)
        return
    out.print(f"Số {row['number_text']} ngày {vn_day(row['issued_on'])} (văn bản đi "
              f"{row['id']}): {row['title']}")
    sent = f", gửi {row['to_unit']['name']} ngày {vn_day(row['sent_on'])}" \
        if row["sent_on"] and row["to_unit"] else ""
    out.print(f"  {row['state_label']}{sent}; chữ ký: {row['signature_label']}.")
    if row.get("incoming_text"):
        out.print(f"  Nơi nhận vào sổ văn bản đến: {row['incoming_text']}.")


@outgoing_group.command("number")
@UNIT
@click.option("--kind", required=True, help="quy, 6_thang, 9_thang, nam, so_ket, tong_ket.")
@click.option("--period", required=True, help="Kỳ báo cáo: Q1/2026, 6 tháng 2026, 2026 …")
@click.option("--plan", "plan_id", type=ID, default=None,
              help="Số hiệu (id) kế hoạch; bỏ trống: mọi kế hoạch đang thực hiện.")
@click.option("--date", "issued", default=None,
              help="Ngày ban hành dd/mm/yyyy (mặc định hôm nay).")
@click.option("--request", "asked_by", default=None, help="Văn bản yêu cầu báo cáo.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Ghi bản DOCX đã cấp số ra tệp này.")
@AS
@FORMAT
def number_cmd(unit_text: str, kind: str, period: str, plan_id: int | None,
               issued: str | None, asked_by: str | None, out_path: Path | None,
               username: str, fmt: str) -> None:
    """Vào sổ văn bản đi: cấp số, ngày cho báo cáo của đơn vị và lưu bản DOCX."""
    today = date.today()
    with transaction() as s:
        p = accounts.principal_for(s, username)
        entry = register.Entry(kind, period, day(issued, "ngày ban hành") or today, plan_id,
                               asked_by)
        row = register.enter(s, p, units.find(s, unit_text).id, entry, today)
        content = register.stored_file(s, p, row["id"], "docx").content
    if out_path is not None:
        out_path.write_bytes(content)
    _show(row, fmt)


@outgoing_group.command("sign")
@click.argument("doc_id", type=ID)
@click.option("--file", "path", type=click.Path(path_type=Path), required=True,
              help="Bản PDF đã ký (ký số, hoặc bản giấy đã ký quét lại).")
@AS
@FORMAT
def sign_cmd(doc_id: int, path: Path, username: str, fmt: str) -> None:
    """Tải bản đã ký (PDF) của văn bản đi DOC_ID; cho biết có phát hiện chữ ký số không."""
    if not path.is_file():
        raise BadInput("không tìm thấy tệp bản đã ký.", subject=str(path))
    with transaction() as s:
        row = register.upload_signed(s, accounts.principal_for(s, username), doc_id,
                                     (path.name, path.read_bytes()),
                                     max_bytes=load().max_evidence_bytes)
    _show(row, fmt)


@outgoing_group.command("send")
@click.argument("doc_id", type=ID)
@AS
@ON
@FORMAT
def send_cmd(doc_id: int, username: str, on_text: str | None, fmt: str) -> None:
    """Gửi văn bản đi DOC_ID (đã có bản ký) lên đơn vị cấp trên."""
    with transaction() as s:
        row = register.send(s, accounts.principal_for(s, username), doc_id, _on(on_text))
    _show(row, fmt)


@outgoing_group.command("cancel")
@click.argument("doc_id", type=ID)
@click.option("--reason", default="", help="Lý do hủy số.")
@AS
@ON
@FORMAT
def cancel_cmd(doc_id: int, reason: str, username: str, on_text: str | None,
               fmt: str) -> None:
    """Hủy số của văn bản đi DOC_ID chưa gửi (số đã hủy không cấp lại; kỳ báo cáo do số
    này chốt được mở lại)."""
    with transaction() as s:
        row = register.cancel(s, accounts.principal_for(s, username), doc_id, reason,
                              _on(on_text))
    _show(row, fmt)


def _rows(docs: list[dict[str, Any]], sender: bool) -> list[list[str]]:
    return [[str(d["id"]), d["unit"]["name"] if sender else d["state_label"], d["number_text"],
             vn_day(d["issued_on"]), vn_day(d["received_on"]) if sender else d["period_label"],
             d["title"], d["signature_label"]] + ([d["incoming_text"] or ""] if sender else [])
            for d in docs]


@outgoing_group.command("list")
@UNIT
@click.option("--year", type=int, default=None, help="Chỉ năm này.")
@AS
@FORMAT
def list_cmd(unit_text: str, year: int | None, username: str, fmt: str) -> None:
    """Sổ văn bản đi của đơn vị."""
    with transaction() as s:
        data = register.register(s, accounts.principal_for(s, username),
                                 units.find(s, unit_text).id, year)
    if fmt == "json":
        print_json(data)
        return
    print_table(["Id", "Trạng thái", "Số", "Ngày", "Kỳ", "Trích yếu", "Chữ ký"],
                _rows(data["documents"], False), title=f"Sổ văn bản đi — {data['unit']['name']}")


@outgoing_group.command("inbox")
@UNIT
@AS
@FORMAT
def inbox_cmd(unit_text: str, username: str, fmt: str) -> None:
    """Văn bản đến của đơn vị: báo cáo các đơn vị cấp dưới đã gửi."""
    with transaction() as s:
        data = received.inbox(s, accounts.principal_for(s, username),
                              units.find(s, unit_text).id)
    if fmt == "json":
        print_json(data)
        return
    print_table(["Id", "Đơn vị gửi", "Số", "Ngày", "Ngày đến", "Trích yếu", "Chữ ký",
                 "Số đến"],
                _rows(data["documents"], True), title=f"Văn bản đến — {data['unit']['name']}")


@outgoing_group.command("received")
@UNIT
@click.option("--kind", default="quy", show_default=True, help="quy, 6_thang, 9_thang, nam.")
@click.option("--year", type=int, default=None, help="Năm (mặc định năm nay).")
@AS
@ON
@FORMAT
def received_cmd(unit_text: str, kind: str, year: int | None, username: str,
                 on_text: str | None, fmt: str) -> None:
    """Bảng báo cáo định kỳ của các đơn vị cấp dưới: đã gửi, chậm, chưa đến hạn."""
    today = _on(on_text)
    with transaction() as s:
        data = received.overview(s, accounts.principal_for(s, username),
                                 units.find(s, unit_text).id, kind, year or today.year, today)
    if fmt == "json":
        print_json(data)
        return
    rows = [[r["unit"]["name"], *(_cell(c) for c in r["cells"])] for r in data["rows"]]
    print_table(["Đơn vị", *(x["label"] for x in data["periods"])], rows,
                title=f"Báo cáo {data['kind_label']} năm {data['year']}")


def _cell(c: dict[str, Any]) -> str:
    numbers = ", ".join(f"số {d['number_text']}" for d in c["documents"])
    return str(c["label"]) + (f" ({numbers})" if numbers else "")
