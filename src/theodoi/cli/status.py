"""`theodoi status` and `theodoi explain …`: where a unit stands, and explanations asked."""

from __future__ import annotations

from datetime import date

import click
from rich.table import Table

from theodoi.cli.common import FORMAT, ID, out, print_table, run_and_show, transaction
from theodoi.cli.progress import day
from theodoi.domain.dates import vn_day
from theodoi.domain.fields import FIELD_LABELS
from theodoi.domain.numbers import shown_number
from theodoi.domain.status import LABELS
from theodoi.services.progress import explanations
from theodoi.services.progress.status import StatusRow, UnitStatus
from theodoi.services.register import units
from theodoi.services.validation import queue
from theodoi.services.views.dashboard_view import filtered_status
from theodoi.services.views.item_filters import ItemFilter


@click.command("status")
@click.option("--unit", "unit_text", required=True)
@click.option("--as-of", "as_of", default=None, help="Ngày xét YYYY-MM-DD (mặc định hôm nay).")
@click.option("--window", type=int, default=14, show_default=True,
              help="Số ngày trước hạn thì cảnh báo 'sắp đến hạn'.")
@click.option("--tolerance", type=float, default=0.05, show_default=True,
              help="Mức hụt so với kỳ vọng còn tính là 'có nguy cơ'.")
@click.option("--kind", default="", help="Chỉ loại mục: target, task, scheme (đề án), "
              "key_project (công trình trọng điểm), breakthrough (khâu đột phá).")
@click.option("--field", default="", help="Chỉ một lĩnh vực: kinh_te, van_hoa_xa_hoi, "
              "moi_truong, quoc_phong_an_ninh, xay_dung_dang, chinh_quyen; khac: chưa phân.")
@click.option("--issuer", default="", help="Chỉ văn bản của: dang_uy, ubnd, hdnd, mttq, khac.")
@click.option("--doc-kind", "doc_kind", default="",
              help="Chỉ loại văn bản: ke_hoach, nghi_quyet, chuong_trinh_hanh_dong, de_an …")
@FORMAT
def status_cmd(unit_text: str, as_of: str | None, window: int, tolerance: float, kind: str,
               field: str, issuer: str, doc_kind: str, fmt: str) -> None:
    """Tình hình thực hiện chỉ tiêu, nhiệm vụ của đơn vị đến một ngày (lọc được theo loại
    mục, lĩnh vực, cơ quan ban hành, loại văn bản)."""
    when = day(as_of, "ngày xét") or date.today()
    narrow = ItemFilter(kind, field, issuer, doc_kind)
    run_and_show(fmt, lambda s: filtered_status(s, unit_text, when, narrow,
                                                tolerance=tolerance, window_days=window),
                 _print_status)
    if fmt != "json":
        with transaction() as s:
            waiting = queue.waiting_count(s, units.find(s, unit_text).id)
        if waiting:
            out.print(f"{waiting} số liệu chờ xác nhận (chưa tính): theodoi progress pending "
                      f"--unit \"{unit_text}\" --as …")


def _print_status(result: UnitStatus) -> None:
    out.print(f"[bold]{result.unit}[/] — tình hình đến ngày {vn_day(result.as_of)}")
    _print_targets(result)
    _print_tasks(result.tasks)
    _print_counts(result)


def _planned(r: StatusRow) -> str:
    return f"{shown_number(r.planned)} {r.unit or ''}".strip() + (f" ({r.due})" if r.due else "")


def _print_targets(result: UnitStatus) -> None:
    for code in sorted({r.field for r in result.targets}):
        table = Table("Mục", "Nội dung", "Kế hoạch", "Thực hiện", "Kỳ vọng", "Trạng thái",
                      "Dự báo", title=FIELD_LABELS.get(code, code), title_justify="left")
        for r in (x for x in result.targets if x.field == code):
            outlook = (f"{shown_number(r.forecast)}{' ' + r.unit if r.unit else ''} — "
                       f"{r.forecast_label}") if r.forecast_label else ""
            table.add_row(r.ref, r.text[:60], _planned(r), shown_number(r.actual),
                          shown_number(r.expected), r.label, outlook)
        out.print(table)


def _print_tasks(rows: list[StatusRow]) -> None:
    if not rows:
        return
    table = Table("Mục", "Nhiệm vụ", "Chủ trì", "Hạn", "Tiến độ", "Trạng thái",
                  title="Nhiệm vụ", title_justify="left")
    for r in rows:
        share = f"{shown_number(r.percent)}%" if r.percent is not None else ""
        due = vn_day(r.due) if isinstance(r.due, date) else ""
        table.add_row(r.ref, r.text[:60], r.lead_agency or "", due, share, r.label)
    out.print(table)


def _print_counts(result: UnitStatus) -> None:
    table = Table("Cơ quan chủ trì", "Số mục theo trạng thái", title="Tổng hợp",
                  title_justify="left")
    for agency, counts in result.by_agency.items():
        table.add_row(agency, "; ".join(f"{LABELS[c]}: {n}" for c, n in counts.items()))
    out.print(table)


@click.group("explain")
def explain_group() -> None:
    """Yêu cầu giải trình và trả lời giải trình."""


@explain_group.command("request")
@click.argument("ref")
@click.option("--question", required=True)
@click.option("--by", default=None)
@click.option("--period", default=None)
@FORMAT
def request_cmd(ref: str, question: str, by: str | None, period: str | None, fmt: str) -> None:
    """Yêu cầu cơ quan chủ trì giải trình về một mục."""
    run_and_show(fmt, lambda s: explanations.request_explanation(s, ref, question, by, period),
                 lambda row: out.print(f"Đã gửi yêu cầu giải trình số {row.id} về {row.ref} tới "
                                       f"{row.lead_agency or 'cơ quan chủ trì'}."))


@explain_group.command("answer")
@click.argument("request_id", type=ID)
@click.option("--text", required=True)
@click.option("--by", default=None)
@click.option("--version", type=int, default=None, help="Phiên bản đã đọc (kiểm tra xung đột).")
def answer_cmd(request_id: int, text: str, by: str | None, version: int | None) -> None:
    """Trả lời một yêu cầu giải trình đang chờ."""
    with transaction() as s:
        row = explanations.answer(s, request_id, text, by, version)
    out.print(f"Đã trả lời yêu cầu giải trình số {row.id} ({row.ref}).")


@explain_group.command("list")
@click.option("--unit", "unit_text", required=True)
@click.option("--open", "only_open", is_flag=True, help="Chỉ các yêu cầu chưa trả lời.")
@FORMAT
def list_cmd(unit_text: str, only_open: bool, fmt: str) -> None:
    """Các yêu cầu giải trình của đơn vị."""
    state = "open" if only_open else None
    run_and_show(fmt, lambda s: explanations.list_requests(s, unit_text, state),
                 lambda rows: print_table(
                     ("Số", "Mục", "Nội dung", "Chủ trì", "Câu hỏi", "Trạng thái", "Giải trình"),
                     ((str(r.id), r.ref, r.item_text[:40], r.lead_agency or "", r.question,
                       explanations.STATE_LABELS[r.state], r.answer or "") for r in rows)))
