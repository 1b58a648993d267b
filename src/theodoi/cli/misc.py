"""Small commands: `theodoi settings` and `theodoi demo`."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from theodoi.settings import Settings, load

out = Console(highlight=False, soft_wrap=True)

SAMPLES = Path(__file__).resolve().parents[3] / "samples"


@click.command("settings")
def settings_cmd() -> None:
    """In các thiết lập đang có hiệu lực."""
    settings = load()
    table = Table("Thiết lập", "Giá trị", "Ý nghĩa")
    for name, info in Settings.model_fields.items():
        table.add_row(f"THEODOI_{name.upper()}", str(getattr(settings, name)),
                      info.description or "")
    table.add_row("(database)", settings.effective_database_url, "URL cơ sở dữ liệu dùng thật")
    out.print(table)


@click.command("demo")
@click.option("--samples", type=click.Path(path_type=Path, exists=True), default=SAMPLES,
              show_default=True, help="Folder of sample plans.")
def demo_cmd(samples: Path) -> None:
    """Nạp các kế hoạch mẫu vào sổ theo dõi (cơ sở dữ liệu nhúng) và in tóm tắt."""
    from theodoi.cli.common import transaction
    from theodoi.services import db, demo

    settings = load()
    with transaction(settings) as s:
        results = demo.load_samples(s, samples, max_bytes=settings.max_upload_bytes)
    table = Table("Đơn vị", "Kế hoạch số", "Tệp", "Chỉ tiêu", "Nhiệm vụ", "Cảnh báo", "")
    for name, r in results:
        warnings = "" if r.already_stored else str(len(r.warnings))
        table.add_row(r.unit.name, str(r.plan_id), name, str(r.targets), str(r.tasks),
                      warnings, "đã có sẵn" if r.already_stored else "vừa nạp")
    out.print(table)
    out.print(f"Sổ theo dõi: {db.status(settings)['url']}")
    out.print("Xem: theodoi plan list --unit \"<đơn vị>\"; rà soát: theodoi plan show <số>, "
              "theodoi plan accept|correct|reject …, theodoi plan activate <số>.")
