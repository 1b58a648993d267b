"""`theodoi progress …` and `theodoi plan calendar`: reported values, task updates, baselines,
Excel bulk entry and completeness of a period."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from rich.table import Table

from theodoi.cli.common import FORMAT, ID, out, print_json, print_table, run_and_show, transaction
from theodoi.cli.register import plan_group
from theodoi.domain import labels
from theodoi.domain.dates import read_day, vn_day
from theodoi.domain.errors import BadInput
from theodoi.domain.numbers import shown_number
from theodoi.domain.periods import parse_period
from theodoi.services import calendars
from theodoi.services.progress import completeness
from theodoi.services.progress import records as progress
from theodoi.services.spreadsheets import progress_xlsx


def day(text: str | None, what: str = "ngày") -> date | None:
    """dd/mm/yyyy (or ISO) typed on the command line; None when left out."""
    if text is None:
        return None
    try:
        return read_day(text)
    except ValueError as exc:
        raise BadInput(f"{what} '{text}' không hợp lệ; dùng dd/mm/yyyy.") from exc


@click.group("progress")
def progress_group() -> None:
    """Nhập số liệu thực hiện chỉ tiêu và tiến độ nhiệm vụ."""


@progress_group.command("record")
@click.argument("ref")
@click.option("--period", required=True, help="Kỳ báo cáo: 2026, Q3/2026, 6 tháng 2026 …")
@click.option("--value", required=True, help="Số liệu (123,5 hoặc 1.234; 3/9; đạt/chưa đạt).")
@click.option("--unit", default=None, help="Đơn vị đã ghi nếu khác chỉ tiêu (ví dụ 'tỷ đồng').")
@click.option("--of", "value_of", default=None, help="Tổng số (mẫu số) với chỉ tiêu x/y.")
@click.option("--note", default=None)
@click.option("--evidence", type=click.Path(path_type=Path), default=None,
              help="Tệp minh chứng.")
@click.option("--by", default=None, help="Người hoặc cơ quan báo cáo.")
@FORMAT
def record_cmd(ref: str, period: str, value: str, unit: str | None, value_of: str | None,
               note: str | None, evidence: Path | None, by: str | None, fmt: str) -> None:
    """Ghi số liệu một kỳ của chỉ tiêu; ghi lại cùng kỳ là đính chính (giữ lịch sử)."""
    if evidence is not None and not evidence.is_file():
        raise BadInput("không tìm thấy tệp minh chứng.", subject=str(evidence))
    attachment = (evidence.name, evidence.read_bytes()) if evidence else None
    run_and_show(fmt, lambda s: progress.record_progress(
        s, ref, period, value, unit=unit, value_of=value_of, note=note, attachment=attachment,
        by=by), _say_recorded)


def _say_recorded(row: progress.RecordRow) -> None:
    what = "Đã đính chính" if row.corrects else "Đã ghi"
    whole = f"/{shown_number(row.value_of)}" if row.value_of is not None else ""
    out.print(f"{what} {row.ref} {row.period_label}: {shown_number(row.value)}{whole} "
              f"{row.unit or ''}".rstrip() + ".")


@progress_group.command("task")
@click.argument("ref")
@click.option("--state", required=True,
              help="chua_trien_khai, dang_thuc_hien, hoan_thanh, tam_dung (hoặc tên tiếng Việt).")
@click.option("--percent", default=None)
@click.option("--done-on", default=None, help="Ngày hoàn thành dd/mm/yyyy.")
@click.option("--product", default=None)
@click.option("--explanation", default=None)
@click.option("--on", "on_text", default=None, help="Ngày báo cáo dd/mm/yyyy (mặc định hôm nay).")
@click.option("--period", default=None, help="Kỳ báo cáo (mặc định theo lịch của kế hoạch).")
@click.option("--evidence", type=click.Path(path_type=Path), default=None,
              help="Tệp sản phẩm (văn bản đã ký, ảnh).")
@click.option("--by", default=None)
@FORMAT
def task_cmd(ref: str, state: str, percent: str | None, done_on: str | None,
             product: str | None, explanation: str | None, on_text: str | None,
             period: str | None, evidence: Path | None, by: str | None, fmt: str) -> None:
    """Ghi tiến độ một nhiệm vụ (kèm tệp sản phẩm nếu có)."""
    on = day(on_text, "ngày báo cáo") or date.today()
    if evidence is not None and not evidence.is_file():
        raise BadInput("không tìm thấy tệp sản phẩm.", subject=str(evidence))
    done = day(done_on, "ngày hoàn thành")
    attachment = (evidence.name, evidence.read_bytes()) if evidence else None
    run_and_show(fmt, lambda s: progress.update_task(
        s, ref, state, on=on, percent=percent, completed_on=done, product=product,
        explanation=explanation, period_text=period, by=by, attachment=attachment),
        _say_updated)


def _say_updated(row: progress.UpdateRow) -> None:
    share = f", {shown_number(row.percent)}%" if row.percent is not None else ""
    out.print(f"Đã ghi {row.ref} ngày {vn_day(row.reported_on)} "
              f"({_period(row.period)}): {labels.lower('task_state', row.state)}{share}.")


def _period(key: str | None) -> str:
    """A period key ('2026-Q3') as people read it ('Quý III/2026')."""
    return parse_period(key).label if key else ""


@progress_group.command("history")
@click.argument("ref")
@FORMAT
def history_cmd(ref: str, fmt: str) -> None:
    """Lịch sử số liệu của một chỉ tiêu (k<số>: tiến độ của một nhiệm vụ)."""
    task = ref.strip().lower().startswith("k")
    with transaction() as s:
        updates = progress.task_history(s, ref) if task else []
        records = [] if task else progress.history(s, ref)
    if fmt == "json":
        print_json(updates if task else records)
        return
    if task:
        table = Table("Ngày", "Kỳ", "Trạng thái", "Tỷ lệ", "Hoàn thành", "Sản phẩm")
        for u in updates:
            table.add_row(vn_day(u.reported_on), _period(u.period),
                          labels.label("task_state", u.state),
                          shown_number(u.percent), vn_day(u.completed_on), u.product or "")
    else:
        table = Table("Số", "Kỳ", "Giá trị", "Đã nhập", "Ghi chú", "Người ghi", "Hiện dùng")
        for r in records:
            typed = f"{shown_number(r.entered_value)} {r.entered_unit or ''}".strip()
            table.add_row(str(r.id), r.period_label, shown_number(r.value), typed, r.note or "",
                          r.recorded_by or "", "✓" if r.current else "")
    out.print(table)


@progress_group.command("baseline")
@click.argument("ref")
@click.option("--value", required=True)
@click.option("--year", required=True, type=int)
def baseline_cmd(ref: str, value: str, year: int) -> None:
    """Ghi số liệu gốc (năm gốc) của chỉ tiêu."""
    with transaction() as s:
        target = progress.set_baseline(s, ref, value, year)
        out.print(f"Đã ghi số liệu gốc của {ref}: {shown_number(target.baseline_value)} "
                  f"năm {year}.")


@progress_group.command("template")
@click.option("--unit", "unit_text", required=True)
@click.option("--agency", required=True, help="Tên hoặc số của cơ quan chủ trì.")
@click.option("--period", required=True)
@click.option("--out", "out_path", required=True, type=click.Path(path_type=Path))
def template_cmd(unit_text: str, agency: str, period: str, out_path: Path) -> None:
    """Tạo biểu Excel để cơ quan chủ trì nhập số liệu một kỳ."""
    with transaction() as s:
        data = progress_xlsx.progress_template(s, unit_text, agency, period)
    out_path.write_bytes(data)
    out.print(f"Đã tạo biểu nhập số liệu: {out_path}")


@progress_group.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--by", default=None)
@click.option("--on", "on_text", default=None, help="Ngày báo cáo dd/mm/yyyy (mặc định hôm nay).")
@FORMAT
def import_cmd(path: Path, by: str | None, on_text: str | None, fmt: str) -> None:
    """Nhập biểu Excel đã điền; có lỗi thì không ghi dòng nào."""
    if not path.is_file():
        raise BadInput("không tìm thấy tệp.", subject=str(path))
    on = day(on_text) or date.today()
    run_and_show(fmt, lambda s: progress_xlsx.progress_import(s, path.read_bytes(), by=by, on=on),
                 _say_imported)


def _say_imported(result: progress_xlsx.ImportResult) -> None:
    out.print(f"Đã nhập {result.records} số liệu chỉ tiêu, {result.updates} tiến độ nhiệm vụ "
              f"của {result.unit}, kỳ {result.period}; bỏ qua {result.skipped} dòng trống.")


@progress_group.command("missing")
@click.option("--unit", "unit_text", required=True)
@click.option("--period", required=True)
@click.option("--as-of", "as_of", default=None, help="Ngày xét YYYY-MM-DD (mặc định hôm nay).")
@FORMAT
def missing_cmd(unit_text: str, period: str, as_of: str | None, fmt: str) -> None:
    """Cơ quan nào chưa báo cáo kỳ này, báo cáo nào nộp trễ hạn."""
    when = day(as_of, "ngày xét") or date.today()
    run_and_show(fmt, lambda s: completeness.completeness(s, unit_text, period, when),
                 _print_missing)


def _print_missing(result: completeness.Completeness) -> None:
    out.print(f"[bold]{result.unit} — {result.period_label}[/]: "
              f"{completeness.missing_count(result)} mục chưa báo cáo.")
    print_table(("Cơ quan chủ trì", "Đã báo cáo", "Chưa báo cáo", "Nộp trễ"),
                ((a.agency, f"{a.reported}/{a.expected}",
                  "; ".join(f"{o.ref} {o.text[:40]}" for o in a.missing),
                  "; ".join(f"{o.ref} ({vn_day(o.reported_on)})" for o in a.late))
                 for a in result.agencies))


@plan_group.command("calendar")
@click.argument("plan_id", type=ID)
@click.option("--every", help="month, quarter, half, nine_months, year (một luồng).")
@click.option("--due-days", type=int, help="Số ngày sau kỳ phải nộp báo cáo (một luồng).")
@click.option("--stream", "streams", multiple=True, metavar="KỲ;HẠN[;GỬI ĐẾN]",
              help="Một luồng báo cáo, lặp lại cho nhiều luồng (luồng đầu là luồng chính): "
                   "'quý; ngày 15 tháng cuối kỳ; UBND xã', 'năm; 10/12; Ban Thường vụ'.")
def calendar_cmd(plan_id: int, every: str | None, due_days: int | None,
                 streams: tuple[str, ...]) -> None:
    """Lịch báo cáo của kế hoạch: một hay nhiều luồng báo cáo."""
    if bool(streams) == (every is not None or due_days is not None):
        raise BadInput("dùng --every với --due-days (một luồng) hoặc --stream (một hay "
                       "nhiều luồng), không dùng cả hai.")
    with transaction() as s:
        if streams:
            rows = [[*x.split(";"), "", ""][:3] for x in streams]
            plan = calendars.set_streams(s, plan_id,
                                         [calendars.read_stream(*row) for row in rows])
        else:
            plan = progress.set_calendar(s, plan_id, every or "",
                                         5 if due_days is None else due_days)
        for number, x in enumerate(calendars.of_plan(plan), 1):
            to = f", gửi {x.recipient}" if x.recipient else ""
            out.print(f"Kế hoạch số {plan_id}, luồng {number}: báo cáo theo "
                      f"{labels.label('period_kind', x.every).lower()}{to}, hạn nộp "
                      f"{x.rule_text}.")
