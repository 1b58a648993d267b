"""`theodoi backup` and `theodoi restore`: the whole installation to one archive and back."""

from __future__ import annotations

from pathlib import Path

import click

from theodoi.cli.common import out
from theodoi.services import backups
from theodoi.settings import load


@click.command("backup")
@click.option("--out", "out_path", type=click.Path(path_type=Path), default=None,
              help="Tệp .tar.gz hoặc thư mục để ghi bản sao lưu (mặc định: thư mục "
                   "backups trong thư mục dữ liệu).")
@click.option("--keep", type=click.IntRange(min=1), default=None,
              help="Giữ N bản sao lưu mới nhất trong thư mục đích, xóa các bản cũ hơn.")
def backup_cmd(out_path: Path | None, keep: int | None) -> None:
    """Sao lưu cơ sở dữ liệu và các tệp đã lưu vào một tệp .tar.gz (chạy được khi máy
    chủ web đang chạy)."""
    result = backups.backup(load(), out_path, keep=keep)
    m = result.manifest
    out.print(f"Đã sao lưu vào {result.path} (cơ sở dữ liệu {m.database_kind}, phiên bản "
              f"lược đồ {m.schema_revision or '(trống)'}, {len(m.files)} tệp).")
    for path in result.pruned:
        out.print(f"Đã xóa bản sao lưu cũ {path.name}.")


@click.command("restore")
@click.argument("archive", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True,
              help="Ghi đè cả khi cơ sở dữ liệu hoặc thư mục dữ liệu đã có dữ liệu "
                   "(dữ liệu đang có được sao lưu trước vào thư mục backups).")
def restore_cmd(archive: Path, force: bool) -> None:
    """Khôi phục bản sao lưu ARCHIVE vào cơ sở dữ liệu và thư mục dữ liệu đang cấu hình
    (chỉ khi chúng còn trống, trừ khi có --force). Hãy dừng máy chủ web trước."""
    result = backups.restore(load(), archive, force=force)
    m = result.manifest
    out.print(f"Đã khôi phục bản sao lưu ngày {m.created_at} (cơ sở dữ liệu "
              f"{m.database_kind}, {result.files} tệp; mọi mã băm đều khớp).")
    if result.saved is not None:
        out.print(f"Dữ liệu bị ghi đè đã được sao lưu vào {result.saved}.")
    if result.needs_upgrade:
        out.print("Lược đồ của bản sao lưu cũ hơn bản theodoi này; hãy chạy "
                  "`theodoi db upgrade`.")
