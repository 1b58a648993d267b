"""Small commands: `theodoi settings` and `theodoi demo`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table

from theodoi.settings import Settings, is_secret, load

if TYPE_CHECKING:
    from theodoi.services.demo.sample import ProgressOutcome

out = Console(highlight=False, soft_wrap=True)

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


@click.command("settings")
def settings_cmd() -> None:
    """In các thiết lập đang có hiệu lực."""
    settings = load()
    table = Table("Thiết lập", "Giá trị", "Ý nghĩa")
    for name, info in Settings.model_fields.items():
        value = str(getattr(settings, name))
        if is_secret(name):
            value = "(đã đặt, không hiện)" if value else ""
        table.add_row(f"THEODOI_{name.upper()}", value, info.description or "")
    table.add_row("(database)", settings.effective_database_url, "URL cơ sở dữ liệu dùng thật")
    out.print(table)


@click.command("demo")
@click.option("--samples", type=click.Path(path_type=Path, exists=True), default=SAMPLES,
              show_default=True, help="Folder of sample plans.")
@click.option("--no-progress", "no_progress", is_flag=True,
              help="Chỉ nạp kế hoạch mẫu (bản nháp), không ghi tiến độ mẫu.")
@click.option("--as-of", "as_of", default=None,
              help="Ghi tiến độ mẫu đến ngày này, YYYY-MM-DD (mặc định hôm nay).")
@click.option("--serve", "serve", is_flag=True,
              help="Rồi tạo tài khoản dùng thử (nếu chưa có) và chạy ứng dụng web.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Với --serve.")
@click.option("--port", default=8000, show_default=True, type=int, help="Với --serve.")
@click.option("--workers", default=0, show_default=True, type=click.IntRange(min=0),
              help="Với --serve: số tiến trình phục vụ; 0 là một cho mỗi lõi CPU.")
def demo_cmd(samples: Path, no_progress: bool, as_of: str | None, serve: bool, host: str,
             port: int, workers: int) -> None:
    """Nạp các kế hoạch mẫu vào sổ theo dõi (cơ sở dữ liệu nhúng), ghi tiến độ mẫu cho
    kế hoạch chưa ai động đến, và in tóm tắt."""
    from theodoi.cli.progress import day

    settings = load()
    when = None if no_progress else day(as_of, "ngày xét") or date.today()
    created = demo_setup(settings, samples, with_admin=serve, progress_as_of=when)
    if serve:
        from theodoi.cli.user import run_server
        from theodoi.services.demo import sample as demo

        state = "vừa tạo" if created else "đã có sẵn; mật khẩu như lần tạo, nếu chưa đổi"
        out.print(f"Đăng nhập dùng thử: http://{host}:{port}/dang-nhap — tên "
                  f"{demo.DEMO_USER}, mật khẩu {demo.DEMO_PASSWORD} ({state}; quản trị "
                  f"ở {demo.PROVINCE}).")
        run_server(settings, host, port, workers=workers)
    else:
        out.print("Xem: theodoi plan list --unit \"<đơn vị>\", theodoi status --unit "
                  "\"<đơn vị>\"; rà soát: theodoi plan show <số>, theodoi plan "
                  "accept|correct|reject …, theodoi plan activate <số>.")


def demo_setup(settings: Settings, samples: Path, *, with_admin: bool,
               progress_as_of: date | None = None) -> bool:
    """Load the samples, record their sample progress as of `progress_as_of` (None: none)
    and, `with_admin`, make sure the demo administrator exists; print what was stored.
    True when the administrator was created now."""
    from theodoi.cli.common import transaction
    from theodoi.services import db
    from theodoi.services.demo import sample as demo
    from theodoi.services.demo import (
        sample_below,
        sample_emulation,
        sample_instructions,
        sample_outgoing,
        sample_rollup,
    )

    with transaction(settings) as s:
        results = demo.load_samples(s, samples, max_bytes=settings.max_upload_bytes)
        recorded = [] if progress_as_of is None else demo.record_progress(
            s, [r.plan_id for _, r in results], progress_as_of)
        sent = None if progress_as_of is None else sample_outgoing.send_sample_report(
            s, [o.recorded for o in recorded if o.recorded is not None], progress_as_of)
        rolled = None if progress_as_of is None else sample_rollup.link_province(
            s, settings.max_upload_bytes)
        below = None if progress_as_of is None else sample_below.split_sample(
            s, progress_as_of)
        given = None if progress_as_of is None else (
            sample_instructions.give_sample_instruction(
                s, demo.PROVINCE, progress_as_of, max_bytes=settings.max_upload_bytes))
        movement = sample_emulation.add_sample_movement(
            s, [r.plan_id for _, r in results], progress_as_of or date.today())
        created = demo.ensure_demo_admin(s) if with_admin else False
    table = Table("Đơn vị", "Kế hoạch số", "Tệp", "Chỉ tiêu", "Nhiệm vụ", "Cảnh báo", "")
    for name, r in results:
        warnings = "" if r.already_stored else str(len(r.warnings))
        table.add_row(r.unit.name, str(r.plan_id), name, str(r.targets), str(r.tasks),
                      warnings, "đã có sẵn" if r.already_stored else "vừa nạp")
    out.print(table)
    if progress_as_of is not None:
        _print_progress(recorded, {r.plan_id: r.unit.name for _, r in results},
                        progress_as_of)
    _print_extras(sent, movement)
    _print_levels(rolled, given, demo.PROVINCE)
    _print_below(below)
    out.print(f"Sổ theo dõi: {db.status(settings)['url']}")
    return created


def _print_extras(sent: Any, movement: Any) -> None:
    """The sample report sent to the province and the sample movement, when made now."""
    if sent is not None:
        out.print(f"Văn bản đi mẫu: {sent.unit} vào sổ báo cáo {sent.period} số "
                  f"{sent.number}, gửi {sent.to_unit} ngày {sent.sent_on:%d/%m/%Y} (đã nhận; "
                  "xem Văn bản đến và Báo cáo của cấp dưới ở trang của tỉnh).")
    if movement is not None:
        out.print(f"Phong trào thi đua mẫu: {movement.unit} — “{movement.name}” (số "
                  f"{movement.movement_id}), {len(movement.participants)} đối tượng: "
                  f"{', '.join(movement.participants)}; xem trang Thi đua của đơn vị.")


def _print_below(below: Any) -> None:
    """The sample commune's tổ dân phố and the target split into them, when made now."""
    if below is not None and below.split:
        out.print(f"Cấp dưới xã mẫu: chỉ tiêu {below.target} giao cho {below.split} tổ dân "
                  f"phố ({below.units_made} vừa tạo), {below.met} tổ đã đạt; xem Tổng hợp "
                  "chỉ tiêu ở trang tổng quan của thị trấn.")


def _print_levels(rolled: Any, given: Any, province: str) -> None:
    """The province's plan linked to its communes' and its instruction, when made now."""
    if rolled is not None:
        out.print(f"Tổng hợp mẫu: kế hoạch số {rolled.plan_id} của {province} "
                  f"(GRDP, hộ nghèo, bảo hiểm y tế) liên kết với chỉ tiêu các xã: "
                  f"{rolled.confirmed} liên kết xác nhận, {rolled.rejected} bỏ lúc này; xem "
                  "Tổng hợp chỉ tiêu ở trang tổng quan của tỉnh.")
    if given is not None:
        out.print(f"Chỉ đạo mẫu: {province}, nhiệm vụ {given.task} của kế hoạch số "
                  f"{given.plan_id} giao {given.communes} đơn vị cấp dưới"
                  + (f"; {given.reported} báo cáo đã thực hiện" if given.reported else "")
                  + " (xem Chỉ đạo cấp dưới ở trang của tỉnh).")


def _print_progress(outcomes: list[ProgressOutcome], units: dict[int, str], as_of: date) -> None:
    """The sample progress recorded now, a row per plan, then a line per plan left alone."""
    recorded = [(o.plan_id, o.recorded) for o in outcomes if o.recorded is not None]
    if recorded:
        table = Table("Đơn vị", "Kế hoạch số", "Năm", "Số liệu", "Cập nhật nhiệm vụ",
                      "Giải trình", title=f"Tiến độ mẫu đến ngày {as_of:%d/%m/%Y} (vừa ghi)",
                      title_justify="left")
        for plan_id, got in recorded:
            table.add_row(units[plan_id], str(plan_id), str(got.year), str(got.values),
                          str(got.task_updates), str(got.explanations))
        out.print(table)
        out.print("Các kế hoạch này đã được đưa vào thực hiện; xem bảng điều hành hoặc "
                  "theodoi status --unit \"<đơn vị>\".")
    for o in outcomes:
        if o.recorded is None:
            out.print(f"Tiến độ mẫu: kế hoạch số {o.plan_id} ({units[o.plan_id]}) {o.left}.")
