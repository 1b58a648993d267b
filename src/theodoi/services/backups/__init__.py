"""Backups of a whole theodoi installation and their restore.

Owns: `backup` (the database, dumped consistently while the server runs, and the stored
files of the data folder, in one tar.gz with a manifest of sha256 hashes), `restore`
(only into an empty database and data folder unless forced, after every hash and the
schema revision were checked) and `prune` (keep the newest N backups of a folder).
Edges call these three; they take settings, not a session, because a dump and a restore
work on the whole database, outside any one transaction.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from theodoi.services import db
from theodoi.services.backups import archive, databases, restoring
from theodoi.services.backups.archive import BackupError, Manifest
from theodoi.settings import Settings

__all__ = ["BackupError", "BackupResult", "RestoreResult", "backup", "default_folder",
           "prune", "restore"]

NAME = re.compile(r"^theodoi-\d{8}-\d{6}Z\.tar\.gz$")  # what `backup` names its files
SKIP_SUFFIXES = ("-wal", "-shm", "-journal", ".partial")


@dataclass
class BackupResult:
    """The archive written, what it holds, and the older backups `keep` removed."""

    path: Path
    manifest: Manifest
    pruned: list[Path] = field(default_factory=list)


@dataclass
class RestoreResult:
    """What was restored, whether the schema still needs `theodoi db upgrade`, and where
    the data a forced restore replaced was saved."""

    manifest: Manifest
    files: int
    needs_upgrade: bool
    saved: Path | None = None  # the backup of what a forced restore replaced


def default_folder(settings: Settings) -> Path:
    return settings.data_dir / "backups"


def _theodoi_version() -> str:
    try:
        return version("theodoi")
    except PackageNotFoundError:  # run from a source tree without installing
        return "0+unknown"


def stored_files(settings: Settings, exclude: list[Path]) -> list[Path]:
    """The data folder's files a backup carries: all but the SQLite database (dumped on
    its own), its journal files, backups and anything under an `exclude`d folder."""
    root = settings.data_dir
    if not root.is_dir():
        return []
    skip = [p.resolve() for p in exclude]
    database = _sqlite_file(settings)
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.name.endswith(SKIP_SUFFIXES):
            continue
        resolved = path.resolve()
        if resolved == database or NAME.match(path.name) or any(
                resolved.is_relative_to(s) for s in skip) or any(
                part.startswith(".restore-") for part in path.relative_to(root).parts):
            continue
        found.append(path)
    return found


def _sqlite_file(settings: Settings) -> Path | None:
    url = settings.effective_database_url
    if databases.kind_of(url) != "sqlite":
        return None
    return databases.sqlite_path(url).resolve()


def backup(settings: Settings, out: Path | None = None, *, keep: int | None = None,
           now: datetime | None = None) -> BackupResult:
    """Write a backup of the database and the stored files; `out` is a .tar.gz file, or a
    folder to write `theodoi-YYYYMMDD-HHMMSSZ.tar.gz` into (default: data folder/backups).
    With `keep`, the newest `keep` backups of that folder stay and older ones go."""
    url = settings.effective_database_url
    kind = databases.kind_of(url)
    now = now or datetime.now(UTC)
    target = _target(settings, out, now)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="theodoi-backup-") as work:
        dump = Path(work) / ("theodoi.sqlite" if kind == "sqlite" else "theodoi.pgdump")
        databases.dump(url, dump)
        members = {f"{archive.DATABASE_DIR}/{dump.name}": dump}
        for path in stored_files(settings, exclude=_output_folder(settings, target)):
            rel = path.relative_to(settings.data_dir).as_posix()
            members[f"{archive.FILES_DIR}/{rel}"] = path
        entries = [archive.entry_for(p, name) for name, p in members.items()]
        manifest = Manifest(_theodoi_version(), db.status(settings)["current"], kind,
                            now.isoformat(timespec="seconds"), entries[0], entries[1:])
        archive.write(target, manifest, members)
    pruned = prune(target.parent, keep) if keep is not None else []
    return BackupResult(target, manifest, pruned)


def _output_folder(settings: Settings, target: Path) -> list[Path]:
    """The folder backups are written to, left out of the backup, unless it is the data
    folder itself (or holds it): then only the backups' own names are left out."""
    folder = target.parent.resolve()
    return [] if settings.data_dir.resolve().is_relative_to(folder) else [folder]


def _target(settings: Settings, out: Path | None, now: datetime) -> Path:
    """`out` itself when it names a .tar.gz / .tgz file, else a new name in that folder."""
    if out is not None and not out.is_dir() and out.name.endswith((".tar.gz", ".tgz")):
        return out
    return (out or default_folder(settings)) / f"theodoi-{now:%Y%m%d-%H%M%S}Z.tar.gz"


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups that `backup` named in `folder` (by the
    time in their names); other files are never touched. Returns what was deleted."""
    if keep < 1:
        raise BackupError("--keep cần ít nhất 1 (không xóa bản sao lưu vừa tạo).")
    found = sorted((p for p in folder.iterdir() if NAME.match(p.name)), key=lambda p: p.name)
    old = found[:-keep]
    for path in old:
        path.unlink()
    return old


def restore(settings: Settings, source: Path, *, force: bool = False,
            now: datetime | None = None) -> RestoreResult:
    """Restore the backup `source` into the configured database and data folder.

    Nothing is changed until the archive's manifest, every member's sha256, the database
    kind and the schema revision were checked and (unless `force`) the database and the
    data folder were found empty. With `force`, data already there is first saved as a
    backup of its own (`saved`), so a wrong restore can be undone; files of the data
    folder the backup does not hold are left alone."""
    if not source.is_file():
        raise BackupError("không có tệp sao lưu này.", subject=str(source))
    present = [p for p in stored_files(settings, exclude=[default_folder(settings)])
               if p.resolve() != source.resolve()]
    restoring.check_target(settings, archive.read_manifest(source), present, force=force)
    saved = None
    if force and restoring.holds_data(settings, present):
        saved = _save_before_restore(settings, now or datetime.now(UTC))
    manifest, work = restoring.unpack_checked(settings, source)
    with work:
        unpacked = Path(work.name)
        restoring.load_database(settings, unpacked / manifest.database.path)
        archive.move_tree(unpacked / archive.FILES_DIR, settings.data_dir)
    return RestoreResult(manifest, len(manifest.files),
                         manifest.schema_revision != db.status(settings)["head"], saved)


def _save_before_restore(settings: Settings, now: datetime) -> Path:
    """A backup of what a forced restore is about to replace (not named like the
    scheduled ones, so `--keep` never prunes it); BackupError when it cannot be made."""
    stem = f"truoc-khoi-phuc-{now:%Y%m%d-%H%M%S}Z"
    target, n = default_folder(settings) / f"{stem}.tar.gz", 1
    while target.exists():  # never over an earlier one (it may be what is restored)
        target, n = default_folder(settings) / f"{stem}-{n}.tar.gz", n + 1
    try:
        return backup(settings, target, now=now).path
    except BackupError as exc:
        raise BackupError("không sao lưu được dữ liệu đang có trước khi ghi đè "
                          f"({exc.message}); chưa khôi phục gì. Hãy tự làm trống cơ sở dữ "
                          "liệu rồi khôi phục lại.") from exc
