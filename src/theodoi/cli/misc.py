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
    """Đọc các kế hoạch mẫu và in tóm tắt từng văn bản."""
    from theodoi.cli.extract import print_summary
    from theodoi.services import extracting

    for path in extracting.find_documents(samples):
        print_summary(extracting.extract_file(path))
