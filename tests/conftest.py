"""Shared fixtures: paths to the seeds, samples and fixtures, and databases on both backends.

`db_url` is parametrized over SQLite and PostgreSQL, so every storage and service test runs
on both. PostgreSQL is the machine's server (THEODOI_TEST_PG, default
postgresql+psycopg://postgres@127.0.0.1:5432/postgres); each worker creates its own
database with a random name and drops it at the end. Where no server answers, the
PostgreSQL cases are skipped and the run says so loudly; with CI=true that is an error.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from argon2 import PasswordHasher
from hypothesis import settings
from sqlalchemy.engine import make_url

from tests import pg_drops, seeds
from theodoi.extraction.readers import worker
from theodoi.services.accounts import users as accounts

# Tests never assert on timings (bench/ measures speed); Hypothesis's deadline of 200 ms an
# example is one, and failed a property of the text reader on a machine under load.
settings.register_profile("theodoi", deadline=None)
settings.load_profile("theodoi")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"  # beside the repository in CI; not needed by the suite
SHARED_COPY = FIXTURES / "shared"  # what the suite needs of it (scripts/sync_shared.py)
PG_ADMIN = os.environ.get("THEODOI_TEST_PG",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
_PG_PROBLEM: list[str] = []


def _pg_conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def pg_available() -> bool:
    """Whether the PostgreSQL server answers; the reason is kept for the loud message."""
    if _PG_PROBLEM:
        return _PG_PROBLEM[0] == ""
    try:
        psycopg.connect(_pg_conninfo(PG_ADMIN), connect_timeout=3).close()
        _PG_PROBLEM.append("")
    except psycopg.Error as exc:
        _PG_PROBLEM.append(str(exc).strip() or repr(exc))
    return _PG_PROBLEM[0] == ""


@pytest.fixture(autouse=True)
def _fresh_extraction_worker() -> Iterator[None]:
    """Each test gets its own warm extraction child (extraction/readers/worker.py), forked
    at its first extraction: a patch the test makes before extracting reaches that child,
    and no child outlives the test."""
    worker.close()
    yield
    worker.close()


# Argon2 at production costs takes ~0.2 s of CPU a hash or a check (0.5-1 s of wall time
# on the loaded 2-core machine); the suite checks the flows, not the hash's strength, so
# every in-process test hashes at the smallest costs. The production parameters are kept
# here and tested by tests/services/test_password_hashes.py.
PRODUCTION_HASHER = accounts._hasher
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
_CHEAP_DUMMY = CHEAP_HASHER.hash("không phải mật khẩu của ai")


def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passwords hashed, and an unknown user's sign-in checked, at argon2's smallest costs."""
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", _CHEAP_DUMMY)


@pytest.fixture(autouse=True, name="cheap_hashes")
def cheap_hashes_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_hashes(monkeypatch)


def pytest_configure(config: pytest.Config) -> None:
    if not pg_available() and os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI needs PostgreSQL at {PG_ADMIN}: {_PG_PROBLEM[0]}")


# Tests of a minute or more each (on the 2-core machine): run first, in this order, so
# that `pytest -n 2` hands them out to both workers at the start and neither waits for
# the other at the end; the order of everything else is unchanged.
SLOW_FIRST = ("web/test_plain_words.py", "web/test_access.py", "cli/test_extract_cli.py")


def _rank(item: pytest.Item) -> int:
    path = item.path.as_posix()
    return next((i for i, name in enumerate(SLOW_FIRST) if path.endswith(f"/tests/{name}")),
                len(SLOW_FIRST))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_rank)  # a stable sort: each group keeps its order


def pytest_report_header() -> str:
    if pg_available():
        return f"PostgreSQL: {make_url(PG_ADMIN).render_as_string()}"
    return f"!!! PostgreSQL NOT REACHABLE — its half of the suite is SKIPPED: {_PG_PROBLEM[0]}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not pg_available():
        terminalreporter.write_sep("!", "PostgreSQL part SKIPPED: no server at "
                                   f"{make_url(PG_ADMIN).render_as_string()}", red=True)


def create_pg_database(prefix: str = "theodoi_test_", template: str | None = None) -> str:
    """A new database on the server, empty or a copy of the database `template` (which
    nobody may be connected to); returns its SQLAlchemy URL."""
    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    copied = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(_pg_conninfo(PG_ADMIN), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copied}')
    return make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    """Close this process's connections to the database at `url` and drop it in the
    background (tests/pg_drops.py: the drop's checkpoint is not waited for here)."""
    from theodoi.storage.db import engine_for

    engine_for(url).dispose()
    pg_drops.submit(lambda: _drop_now(make_url(url).database or ""))


def _drop_now(name: str) -> None:
    with psycopg.connect(_pg_conninfo(PG_ADMIN), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pytest_sessionfinish() -> None:
    pg_drops.wait()  # every test database dropped before the process ends


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and not pg_available():
        pytest.skip(f"PostgreSQL not reachable: {_PG_PROBLEM[0]}")
    return str(request.param)


@contextmanager
def fresh_database(backend: str, sqlite_file: Path) -> Iterator[str]:
    """A brand-new empty database (no schema) on the backend: the SQLite file, or a
    PostgreSQL database with a random name, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{sqlite_file}"
        return
    url = create_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture
def empty_db_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A brand-new empty database (no schema) on the backend."""
    with fresh_database(backend, tmp_path / "theodoi.db") as url:
        yield url


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[seeds.Templates]:
    """This worker's template databases (tests/seeds.py), dropped when it ends."""
    kept = seeds.Templates(tmp_path_factory.mktemp("templates"), PG_ADMIN)
    try:
        yield kept
    finally:
        kept.close()


@pytest.fixture
def db_url(backend: str, tmp_path: Path, db_templates: seeds.Templates,
           request: pytest.FixtureRequest) -> Iterator[str]:
    """A new database at the newest schema, a copy of one upgraded once per worker; for a
    test that uses a seeded fixture (the web world, the demo) a copy of its seed."""
    seed = seeds.seed_for(request.fixturenames, request.node.path)
    with db_templates.copy(backend, seed, tmp_path / "theodoi.db",
                           tmp_path / "data") as (url, _):
        yield url


@pytest.fixture
def session(db_url: str) -> Iterator[object]:
    """A session on a fresh database; the test commits when it means to."""
    from theodoi.storage.db import session_factory

    with session_factory(db_url)() as s:
        yield s


@pytest.fixture
def settings_env(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point THEODOI_* at the fresh database, for CLI tests; returns the URL."""
    monkeypatch.setenv("THEODOI_DATABASE_URL", db_url)
    monkeypatch.setenv("THEODOI_DATA_DIR", str(tmp_path / "data"))
    return db_url
