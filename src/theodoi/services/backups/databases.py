"""Dumping and restoring the database itself: SQLite through its online backup API,
PostgreSQL through pg_dump / pg_restore in their custom format.

Copying an SQLite file while the server runs is not a backup: the last commits may sit in
`theodoi.db-wal`, and a copy without it lost 175 of 369 saved records in a test (issue 14).
`Connection.backup` copies a consistent snapshot, WAL included, while others read and
write.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from theodoi.services.backups.archive import BackupError

PG_TIMEOUT = 3600  # seconds; a dump of a province's register takes well under a minute


def kind_of(url: str) -> str:
    """'sqlite' or 'postgresql'; BackupError for any other database."""
    backend = make_url(url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(f"không sao lưu được cơ sở dữ liệu loại '{backend}'.")
    return backend


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("cơ sở dữ liệu SQLite trong bộ nhớ không sao lưu được.")
    return Path(database)


def dump(url: str, target: Path) -> None:
    """Write a consistent copy of the database at `url` to the file `target`."""
    if kind_of(url) == "sqlite":
        _sqlite_copy(sqlite_path(url), target)
    else:
        _run_pg("pg_dump", ["--format=custom", "--no-owner", "--no-privileges",
                            f"--file={target}"], make_url(url))


def load(url: str, source: Path) -> None:
    """Replace the database at `url` by the dump `source` (the caller made sure it may)."""
    if kind_of(url) == "sqlite":
        target = sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(source, target)
    else:
        _run_pg("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction",
                               "--exit-on-error", str(source)], make_url(url))


def _sqlite_copy(source: Path, target: Path) -> None:
    """Page-by-page online backup from `source` into `target` (created or overwritten)."""
    if not source.is_file():
        raise BackupError("không có tệp cơ sở dữ liệu SQLite.", subject=str(source))
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise BackupError(f"sao chép cơ sở dữ liệu SQLite không được ({exc}).",
                          subject=str(source)) from exc
    finally:
        src.close()


def _run_pg(tool: str, args: list[str], url: URL) -> None:
    """Run pg_dump or pg_restore against `url`; the password goes in the environment
    (PGPASSWORD), never on the command line where `ps` would show it."""
    program = shutil.which(tool)
    if program is None:
        raise BackupError(f"không tìm thấy chương trình {tool}; hãy cài gói postgresql-client "
                          f"(cùng phiên bản chính với máy chủ) rồi làm lại.")
    env = {**os.environ, **({"PGPASSWORD": url.password} if url.password else {})}
    conninfo = url.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)
    command = [program, *args, f"--dbname={conninfo}"]
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True,
                              timeout=PG_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BackupError(f"{tool} không chạy được ({exc}).") from exc
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        raise BackupError(f"{tool} báo lỗi (mã {done.returncode}): {detail}")
