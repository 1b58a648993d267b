"""Backups round-trip: the samples with progress, backed up and restored into an empty
database and data folder, come back row for row and byte for byte (SQLite and
PostgreSQL); damaged archives and full targets are refused without changing anything."""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from tests.conftest import fresh_database
from tests.services.conftest import MAX, PLANS, SAMPLES, load
from theodoi.services import backups, uow
from theodoi.services.backups import BackupError
from theodoi.services.demo import sample as demo
from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.storage.models import Base

STORED = {"uploads/ke-hoach.txt": "Kế hoạch số 1 — tệp đã lưu\n".encode(),
          "reports/bao-cao.bin": bytes(range(256)) * 40}


def _fill(settings: Settings, *, samples: bool) -> None:
    """The samples with sample progress (or, cheaper, one test plan), and some stored
    files in the data folder."""
    with uow.transaction(settings) as s:
        if samples:
            results = demo.load_samples(s, SAMPLES, max_bytes=MAX)
            demo.record_progress(s, [r.plan_id for _, r in results], date(2026, 12, 1))
        else:
            load(s, PLANS / "ke-hoach-v1.txt")
    for name, data in STORED.items():
        path = settings.data_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def rows_of(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, ordered by primary key (Alembic's version table included)."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine_for(url).connect() as conn:
        for table in Base.metadata.sorted_tables:
            found[table.name] = [tuple(r) for r in conn.execute(
                select(table).order_by(*table.primary_key.columns))]
        found["alembic_version"] = [tuple(r) for r in conn.execute(
            text("select version_num from alembic_version"))]
    return found


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def second_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """Another brand-new empty database on the same backend: where a restore goes."""
    with fresh_database(backend, tmp_path / "restored" / "theodoi.db") as url:
        yield url


def _installation(db_url: str, backend: str, tmp_path: Path, *, samples: bool) -> Settings:
    """Settings of a filled installation; on SQLite its database sits in its data folder,
    as by default."""
    if backend == "sqlite":
        settings = Settings(data_dir=tmp_path / "data")
    else:
        settings = Settings(database_url=db_url, data_dir=tmp_path / "data")
    db.upgrade(settings.effective_database_url)
    _fill(settings, samples=samples)
    return settings


@pytest.fixture
def source(db_url: str, backend: str, tmp_path: Path) -> Settings:
    """An installation holding one plan and some stored files."""
    return _installation(db_url, backend, tmp_path, samples=False)


def _target(backend: str, second_url: str, tmp_path: Path) -> Settings:
    if backend == "sqlite":
        return Settings(data_dir=Path(second_url.removeprefix("sqlite:///")).parent)
    return Settings(database_url=second_url, data_dir=tmp_path / "restored-data")


def test_round_trip_gives_identical_rows_and_files(db_url: str, backend: str,
                                                   second_url: str, tmp_path: Path) -> None:
    source = _installation(db_url, backend, tmp_path, samples=True)
    before = rows_of(source.effective_database_url)
    assert len(before["progress_records"]) > 0 and len(before["targets"]) > 0
    result = backups.backup(source, tmp_path / "out")
    assert result.path.parent == tmp_path / "out" and result.path.name.endswith(".tar.gz")
    assert result.manifest.database_kind == backend
    assert result.manifest.schema_revision == db.head_revision()
    assert sorted(f.path for f in result.manifest.files) == sorted(
        f"files/{n}" for n in STORED)

    target = _target(backend, second_url, tmp_path)
    restored = backups.restore(target, result.path)
    assert restored.files == len(STORED) and not restored.needs_upgrade
    assert rows_of(target.effective_database_url) == before
    got = {n: d for n, d in files_of(target.data_dir).items()
           if not n.startswith("theodoi.db")}
    assert got == STORED


def test_sqlite_backup_holds_what_only_the_wal_holds(tmp_path: Path) -> None:
    """Commits still in theodoi.db-wal (not checkpointed) are in the backup: copying the
    database file alone would have lost them."""
    settings = Settings(data_dir=tmp_path / "data")
    url = settings.effective_database_url
    db.upgrade(url)
    engine = db.engine_for(url)
    with engine.connect() as conn:  # held open, so no checkpoint on close empties the WAL
        conn.execute(text("PRAGMA wal_autocheckpoint=0"))
        with engine.begin() as writer:
            writer.execute(text("insert into units (code, name, level, created_at) "
                                "values ('xa-wal', 'Xã WAL', 'xa', '2026-01-01')"))
        assert Path(f"{settings.data_dir / 'theodoi.db'}-wal").stat().st_size > 0
        result = backups.backup(settings, tmp_path / "out")
    target = Settings(data_dir=tmp_path / "restored")
    backups.restore(target, result.path)
    with db.engine_for(target.effective_database_url).connect() as conn:
        assert conn.execute(text("select name from units")).scalars().all() == ["Xã WAL"]


def test_restore_into_a_database_with_data_is_refused_unless_forced(
        source: Settings, tmp_path: Path) -> None:
    url = source.effective_database_url
    backed_up = rows_of(url)
    result = backups.backup(source, tmp_path / "out")
    with db.engine_for(url).begin() as conn:  # a change made after the backup
        conn.execute(text("insert into units (code, name, level, created_at) values "
                          "('xa-moi', 'Xã Mới', 'xa', '2026-12-02')"))
    changed = rows_of(url)
    with pytest.raises(BackupError, match="đã có dữ liệu"):
        backups.restore(source, result.path)
    assert rows_of(url) == changed  # nothing happened
    when = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)  # both restores in the same second
    forced = backups.restore(source, result.path, force=True, now=when)
    assert rows_of(url) == backed_up
    # what the forced restore replaced was saved first, and comes back from there
    assert forced.saved is not None and forced.saved.name.startswith("truoc-khoi-phuc-")
    again = backups.restore(source, forced.saved, force=True, now=when)
    assert rows_of(url) == changed
    assert again.saved is not None and again.saved != forced.saved


def test_restore_into_a_data_folder_with_files_is_refused(source: Settings, backend: str,
                                                          second_url: str,
                                                          tmp_path: Path) -> None:
    result = backups.backup(source, tmp_path / "out")
    target = _target(backend, second_url, tmp_path)
    (target.data_dir / "uploads").mkdir(parents=True)
    (target.data_dir / "uploads" / "khac.txt").write_text("của người khác")
    with pytest.raises(BackupError, match=r"thư mục dữ liệu .* đã có 1 tệp"):
        backups.restore(target, result.path)
    assert db.current_revision(target.effective_database_url) is None  # untouched


def _rewrite(archive: Path, target: Path, change: Any) -> None:
    """Copy the archive member by member, `change(name, data)` giving each's new bytes."""
    import io

    with tarfile.open(archive, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src.getmembers():
            f = src.extractfile(member)
            assert f is not None
            data = change(member.name, f.read())
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))


def test_an_altered_file_in_the_archive_is_refused_before_anything_is_restored(
        source: Settings, backend: str, second_url: str, tmp_path: Path) -> None:
    result = backups.backup(source, tmp_path / "out")
    bad = tmp_path / "bad.tar.gz"
    _rewrite(result.path, bad, lambda name, data: data.replace(b"1", b"2")
             if name.endswith("ke-hoach.txt") else data)
    target = _target(backend, second_url, tmp_path)
    with pytest.raises(BackupError, match="không khớp mã băm sha256"):
        backups.restore(target, bad)
    assert db.current_revision(target.effective_database_url) is None
    assert [p for p in target.data_dir.rglob("*") if p.is_file()
            and not p.name.startswith("theodoi.db")] == []


def test_a_backup_of_an_unknown_schema_revision_is_refused(source: Settings, tmp_path: Path,
                                                           backend: str,
                                                           second_url: str) -> None:
    result = backups.backup(source, tmp_path / "out")
    newer = tmp_path / "newer.tar.gz"
    _rewrite(result.path, newer, lambda name, data: data.replace(
        f'"schema_revision": "{db.head_revision()}"'.encode(),
        b'"schema_revision": "9999_future"') if name == "manifest.json" else data)
    with pytest.raises(BackupError, match="9999_future, mới hơn bản theodoi này"):
        backups.restore(_target(backend, second_url, tmp_path), newer)


def test_not_a_backup_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar")
    with pytest.raises(BackupError, match="không đọc được bản sao lưu"):
        backups.restore(Settings(data_dir=tmp_path / "data"), junk)


def test_keep_prunes_the_oldest_backups_and_nothing_else(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    db.upgrade(settings.effective_database_url)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "ghi-chu.txt").write_text("không phải bản sao lưu")
    start = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    made = [backups.backup(settings, folder, keep=3, now=start + timedelta(days=d)).path
            for d in range(5)]
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([*(p.name for p in made[2:]), "ghi-chu.txt"])


def test_backups_in_the_data_folder_are_not_backed_up_again(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    db.upgrade(settings.effective_database_url)
    first = backups.backup(settings)
    assert first.path.parent == settings.data_dir / "backups"
    second = backups.backup(settings, now=datetime(2030, 1, 1, tzinfo=UTC))
    assert second.manifest.files == []


def test_missing_pg_dump_is_a_clear_error(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Looked up on PATH before anything connects, so no server is needed here."""
    monkeypatch.setenv("PATH", str(tmp_path))
    settings = Settings(database_url="postgresql+psycopg://theodoi@127.0.0.1/theodoi",
                        data_dir=tmp_path / "d")
    with pytest.raises(BackupError, match="không tìm thấy chương trình pg_dump; hãy cài gói "
                                          "postgresql-client"):
        backups.backup(settings, tmp_path)


def test_a_backup_written_into_the_data_folder_itself_still_holds_its_files(
        tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    db.upgrade(settings.effective_database_url)
    (settings.data_dir / "tep.txt").write_text("giữ lại")
    first = backups.backup(settings, settings.data_dir)
    assert [f.path for f in first.manifest.files] == ["files/tep.txt"]
    again = backups.backup(settings, settings.data_dir,
                           now=datetime(2030, 1, 1, tzinfo=UTC))
    assert [f.path for f in again.manifest.files] == ["files/tep.txt"]  # not `first`


def test_an_sqlite_backup_taken_during_writes_is_a_consistent_snapshot(
        tmp_path: Path) -> None:
    """A writer commits row after row while the backup runs: the restored database passes
    SQLite's integrity check and holds a prefix of the writes, each row whole."""
    import threading

    settings = Settings(data_dir=tmp_path / "data")
    url = settings.effective_database_url
    db.upgrade(url)
    stop, written = threading.Event(), [0]

    def write() -> None:
        with db.engine_for(url).connect() as conn:
            while not stop.is_set() or written[0] < 50:
                conn.execute(text("insert into units (code, name, level, created_at) "
                                  "values (:c, :n, 'xa', '2026-01-01')"),
                             {"c": f"xa-{written[0]}", "n": f"Xã {written[0]}"})
                conn.commit()
                written[0] += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while written[0] < 20:  # the backup starts in the middle of the writes
            stop.wait(0.01)
        result = backups.backup(settings, tmp_path / "out")
    finally:
        stop.set()
        writer.join()
    target = Settings(data_dir=tmp_path / "restored")
    backups.restore(target, result.path)
    with db.engine_for(target.effective_database_url).connect() as conn:
        assert conn.execute(text("pragma integrity_check")).scalar() == "ok"
        codes = conn.execute(text("select code, name from units order by id")).all()
    assert 20 <= len(codes) <= written[0]
    assert [tuple(r) for r in codes] == [(f"xa-{i}", f"Xã {i}") for i in range(len(codes))]


def test_an_archive_naming_a_path_outside_the_data_folder_is_refused(tmp_path: Path) -> None:
    """A crafted archive whose manifest and member agree on '../' gets nowhere."""
    import hashlib
    import io
    import json

    evil = b"ghi de ngoai thu muc"
    entry = {"path": "files/../../evil.txt", "size": len(evil),
             "sha256": hashlib.sha256(evil).hexdigest()}
    manifest = {"format": "theodoi.backup/1", "theodoi_version": "0", "schema_revision": None,
                "database_kind": "sqlite", "created_at": "2026-12-01T00:00:00+00:00",
                "database": entry, "files": []}
    crafted = tmp_path / "crafted.tar.gz"
    with tarfile.open(crafted, "w:gz") as tar:
        for name, data in ((entry["path"], evil), ("manifest.json",
                                                   json.dumps(manifest).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    target = Settings(data_dir=tmp_path / "a" / "b" / "data")
    with pytest.raises(BackupError, match="đường dẫn không an toàn"):
        backups.restore(target, crafted)
    assert not list(tmp_path.rglob("evil.txt"))
