"""Databases built once per test process and copied for each test that asks for one.

A *seed* is a named state of the register: `schema` (an empty register at the newest
schema, what `db_url` gives), the web tests' world, the demo. The first test of a worker
that needs a seed on a backend builds it into a template database exactly as its fixture
did per test (the schema by running every migration); each test then gets its own copy:
the SQLite file copied byte for byte (the template is checkpointed first, so nothing of it
waits in a -wal file), a PostgreSQL database made by `CREATE DATABASE … TEMPLATE`, which
copies tables, rows, sequences, extensions and alembic_version as they are. A test sees
the same database it saw when its fixture built one for it, at a fraction of the cost,
and writes only to its own copy. The migrations themselves are still run per test where a
test asks for `empty_db_url` (tests/storage/test_migrations.py and the like).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

SCHEMA = "schema"


@dataclass(frozen=True)
class Seed:
    """A state built once per worker and backend: `build(url, data_dir)` fills `url` (a
    copy of the schema seed) and returns what the fixture keeps of it (ids); `fixture` is
    the fixture whose tests get it, among those under `where` (a folder or a test file)."""

    name: str
    build: Callable[[str, Path], Any]
    fixture: str
    where: Path


_SEEDS: list[Seed] = []


def register(seed: Seed) -> None:
    """Make `seed` the database of the tests that use its fixture (a conftest or test
    module calls this when imported; a second import does not add it again)."""
    if all(s.name != seed.name for s in _SEEDS):
        _SEEDS.append(seed)


def seed_for(fixturenames: list[str], path: Path) -> Seed | None:
    """The seed a test's database starts from: that of a seeded fixture it uses."""
    for seed in _SEEDS:
        if seed.fixture in fixturenames and path.is_relative_to(seed.where):
            return seed
    return None


@dataclass
class _Template:
    url: str
    data_dir: Path
    kept: Any


class Templates:
    """One process's template databases, by (backend, seed name); dropped at `close`."""

    def __init__(self, root: Path, pg_admin: str) -> None:
        self.root = root
        self.pg_admin = pg_admin
        self._built: dict[tuple[str, str], _Template] = {}
        self._seeded: dict[str, tuple[str, Any]] = {}  # a test's URL -> its seed, kept
        self._spares: dict[str, Future[str]] = {}  # a PostgreSQL template -> its next copy
        self._pool: list[ThreadPoolExecutor] = []

    def seeded(self, url: str) -> tuple[str, Any]:
        """The name of the seed a test's database was copied from and what its build
        kept; a KeyError for a database not made here."""
        return self._seeded[url]

    @contextmanager
    def copy(self, backend: str, seed: Seed | None, sqlite_file: Path,
             data_dir: Path) -> Iterator[tuple[str, Any]]:
        """A new database holding the seed (the schema when None): its URL and what the
        seed's build kept; `data_dir` gets a copy of the files the build left, if any."""
        template = self._template(backend, seed)
        if template.data_dir.exists():
            shutil.copytree(template.data_dir, data_dir, dirs_exist_ok=True)
        url = (self._copy_of(backend, template.url, sqlite_file) if backend == "sqlite"
               else self._spare_copy(template.url))
        self._seeded[url] = (seed.name if seed else SCHEMA, template.kept)
        try:
            yield url, template.kept
        finally:
            del self._seeded[url]
            if backend != "sqlite":
                from tests.conftest import drop_pg_database

                drop_pg_database(url)

    def _copy_of(self, backend: str, template: str, sqlite_file: Path,
                 prefix: str = "theodoi_test_") -> str:
        """A new database that is a copy of `template`; returns its URL."""
        from tests.conftest import create_pg_database

        if backend == "sqlite":
            sqlite_file.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(make_url(template).database or "", sqlite_file)
            return f"sqlite:///{sqlite_file}"
        return create_pg_database(prefix=prefix, template=make_url(template).database)

    def _spare_copy(self, template: str) -> str:
        """A PostgreSQL copy of `template`: the one made in the background while the
        previous test ran (CREATE DATABASE ... TEMPLATE took 0.2-0.6 s), and the next one
        started. The template never changes once built, so the spare is the same copy."""
        if not self._pool:
            self._pool.append(ThreadPoolExecutor(1, thread_name_prefix="pg-spare"))
        spare = self._spares.pop(template, None)
        url = spare.result() if spare else self._copy_of("postgresql", template, Path())
        self._spares[template] = self._pool[0].submit(self._copy_of, "postgresql", template,
                                                      Path())
        return url

    def _template(self, backend: str, seed: Seed | None) -> _Template:
        key = (backend, seed.name if seed else SCHEMA)
        if key not in self._built:
            self._built[key] = self._build(backend, seed)
        return self._built[key]

    def _build(self, backend: str, seed: Seed | None) -> _Template:
        """The seed built into a new template database, as its fixture built it per test."""
        from tests.conftest import create_pg_database
        from theodoi.storage import db

        name = seed.name if seed else SCHEMA
        data_dir = self.root / f"{name}-{backend}-data"
        kept = None
        if seed is None:
            url = (f"sqlite:///{self.root / f'{name}-{backend}.db'}" if backend == "sqlite"
                   else create_pg_database(prefix="theodoi_tmpl_"))
            db.upgrade(url)
        else:
            url = self._copy_of(backend, self._template(backend, None).url,
                                self.root / f"{name}-{backend}.db", prefix="theodoi_tmpl_")
            kept = seed.build(url, data_dir)
        self._freeze(url)
        return _Template(url, data_dir, kept)

    def _freeze(self, url: str) -> None:
        """Close every connection to the template, so that it can be copied: SQLite's
        write-ahead log is checkpointed into the file, PostgreSQL refuses to copy a
        database someone is connected to."""
        from theodoi.storage import db

        db.engine_for(url).dispose()
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            with sqlite3.connect(parsed.database or "") as conn:
                busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            conn.close()
            assert busy == 0, f"the template {parsed.database} is still in use"
            wal = Path(f"{parsed.database}-wal")
            assert not wal.exists() or wal.stat().st_size == 0, wal
            return
        from tests.conftest import _pg_conninfo

        with psycopg.connect(_pg_conninfo(self.pg_admin), autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = %s", (parsed.database,))

    def close(self) -> None:
        from tests.conftest import drop_pg_database

        for spare in self._spares.values():
            drop_pg_database(spare.result())
        self._spares.clear()
        for pool in self._pool:
            pool.shutdown()
        for template in self._built.values():
            if not template.url.startswith("sqlite"):
                drop_pg_database(template.url)
        self._built.clear()
