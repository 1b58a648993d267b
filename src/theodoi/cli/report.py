"""`theodoi report`: a unit's periodic report as DOCX, its appendix workbook, or PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from theodoi.cli.common import ID, out, transaction
from theodoi.cli.progress import day
from theodoi.reports.model import REPORT_KINDS
from theodoi.services.reporting import report_data as reporting
from theodoi.services.reporting import report_files


@click.command("report")
@click.option("--unit", "unit_text", required=True, help="Tên hoặc mã đơn vị.")
@click.option("--plan", "plan_id", type=ID, default=None,
              help="Số hiệu (id) kế hoạch; bỏ trống: mọi kế hoạch đang thực hiện của đơn vị.")
@click.option("--kind", type=click.Choice(list(REPORT_KINDS)), required=True,
              help="quy, 6_thang, 9_thang, nam, so_ket (giữa nhiệm kỳ), tong_ket.")
@click.option("--period", required=True,
              help="Kỳ báo cáo: Q3/2026, 6 tháng 2026, 9 tháng 2026, 2026, 2025-2030.")
@click.option("--format", "fmt", type=click.Choice(reporting.FORMATS), default="docx",
              show_default=True)
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="Tệp kết quả.")
@click.option("--number", default=None, help="Số báo cáo (bỏ trống để điền tay).")
@click.option("--date", "issued", default=None, help="Ngày ban hành dd/mm/yyyy.")
@click.option("--party/--state", "party", default=None,
              help="Văn bản của Đảng ủy (HD 36) hay của UBND (NĐ 30); mặc định theo kế hoạch.")
@click.option("--cut-off", "cut_off", default=None,
              help="Số liệu tính đến ngày dd/mm/yyyy (mặc định: hôm nay, nếu kỳ chưa hết).")
@click.option("--request", "asked_by", default=None,
              help='Văn bản yêu cầu báo cáo, dẫn ở phần mở đầu: "Công văn số … ngày … của …".')
@click.option("--estimate", "typed", multiple=True, metavar="MÃ=SỐ",
              help="Số ước thực hiện cả năm của một chỉ tiêu do văn phòng nhập (t12=1.500; "
                   "t12= để xóa); được lưu, dùng cho mọi báo cáo quý, 6 tháng, 9 tháng "
                   "của năm đó. Lặp lại cho nhiều chỉ tiêu.")
def report_cmd(unit_text: str, plan_id: int | None, kind: str, period: str, fmt: str,
               out_path: Path, number: str | None, issued: str | None,
               party: bool | None, cut_off: str | None, asked_by: str | None,
               typed: tuple[str, ...]) -> None:
    """Báo cáo định kỳ, sơ kết, tổng kết của đơn vị (DOCX, phụ lục XLSX hoặc PDF)."""
    request = reporting.Request(unit_text, kind, period, plan_id, number,
                                day(issued, "ngày ban hành"), party,
                                cut_off=day(cut_off, "ngày chốt số liệu"), today=date.today(),
                                request=report_files.request_text(asked_by))
    with transaction() as s:
        reporting.store_estimates(s, request, reporting.estimate_pairs(typed))
        report = reporting.write_report(s, request, fmt, out_path)
    out.print(f"Đã ghi {out_path}: {report.kind_title} {report.summary} — "
              f"{len(report.targets)} chỉ tiêu, {len(report.tasks)} nhiệm vụ, "
              f"{len(report.appendices)} biểu kèm theo.")
