"""Restoring a backup: checks first (archive hashes, database kind, schema revision,
an empty target), then the database, then the stored files."""

from __future__ import annotations

import tempfile
from pathlib import Path

from theodoi.services import db
from theodoi.services.backups import archive, databases
from theodoi.services.backups.archive import BackupError, Manifest
from theodoi.settings import Settings
from theodoi.storage.repositories import tables


def check_target(settings: Settings, manifest: Manifest, files_in_folder: list[Path], *,
                 force: bool) -> None:
    """Refuse (BackupError, Vietnamese) a backup of another database kind or of a schema
    this theodoi does not know, and, unless `force`, a database or data folder that
    already holds data."""
    url = settings.effective_database_url
    kind = databases.kind_of(url)
    if manifest.database_kind != kind:
        raise BackupError(f"bản sao lưu là của cơ sở dữ liệu {manifest.database_kind}, "
                          f"không khôi phục được vào {kind}.")
    if not db.revision_known(manifest.schema_revision):
        raise BackupError(f"bản sao lưu có phiên bản lược đồ {manifest.schema_revision}, "
                          "mới hơn bản theodoi này; hãy cài theodoi mới hơn rồi khôi phục.")
    if force:
        return
    filled = tables.tables_with_rows(url)
    if filled:
        raise BackupError(f"cơ sở dữ liệu đích đã có dữ liệu (bảng {', '.join(filled[:5])}"
                          f"{' …' if len(filled) > 5 else ''}); chỉ khôi phục vào cơ sở dữ "
                          "liệu trống. Dùng --force để ghi đè (dữ liệu đang có được sao "
                          "lưu trước).")
    if files_in_folder:
        raise BackupError(f"thư mục dữ liệu {settings.data_dir} đã có "
                          f"{len(files_in_folder)} tệp; chỉ khôi phục vào thư mục trống. "
                          "Dùng --force để ghi đè.")


def holds_data(settings: Settings, files_in_folder: list[Path]) -> bool:
    """Whether the database has a row or the data folder a stored file."""
    return bool(files_in_folder) or bool(tables.tables_with_rows(
        settings.effective_database_url))


def load_database(settings: Settings, dump: Path) -> None:
    """Replace the configured database by `dump`: a server database is emptied first (its
    tables dropped) so the dump restores as into a new one."""
    url = settings.effective_database_url
    db.replaced(settings)
    if databases.kind_of(url) == "postgresql" and tables.table_names(url):
        tables.drop_every_table(url)
    databases.load(url, dump)
    db.replaced(settings)


def unpack_checked(settings: Settings,
                   source: Path) -> tuple[Manifest, tempfile.TemporaryDirectory[str]]:
    """The archive unpacked into a temporary folder beside the data (so the files move
    in by renaming) with every member's sha256 checked; the caller cleans it up."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    work = tempfile.TemporaryDirectory(prefix=".restore-", dir=settings.data_dir)
    try:
        return archive.unpack(source, Path(work.name)), work
    except BaseException:
        work.cleanup()
        raise
