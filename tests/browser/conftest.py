"""Browser tests: the app served by uvicorn on 127.0.0.1 and a free port, driven by
Debian's Chromium through Playwright.

Each xdist worker starts its own server on its own port against its own fresh SQLite
database (the API tests cover both backends). Chromium is the system one at
/usr/bin/chromium (scripts/test.sh installs it with apt-get); Playwright's own browser
download is never used. Where Chromium is missing the browser tests are skipped and the run
says so loudly; with CI=true that is an error. Screenshots go to .artifacts/screenshots/.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from tests.conftest import ROOT
from tests.tools import need
from tests.web.live import served
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.register import units
from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.web.app import create_app

CHROMIUM = os.environ.get("THEODOI_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--lang=vi-VN"]  # with chromium-l10n: 'Chọn tệp', dates as dd/mm/yyyy, as in an office
SHOTS = ROOT / ".artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
PASSWORD = "mat-khau-123"
PROVINCE, A, B = "Tỉnh Hòa Bình Thử", "Xã Hòa Bình", "Xã Yên Lạc"
USERS = {  # username -> (full name, unit, role, agency)
    "vanphong": ("Trần Thị Văn Phòng", A, "van_phong", None),
    "donvi": ("Lê Văn Kinh Tế", A, "don_vi", "Phòng Kinh tế"),
    "lanhdao": ("Nguyễn Văn Minh", A, "lanh_dao", None),
    "khac": ("Phạm Thị Xã Khác", B, "van_phong", None),
}


def chromium_problem() -> str | None:
    if not Path(CHROMIUM).is_file() or not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM} (scripts/test.sh installs Debian's package)"
    return None


def need_chromium() -> None:
    """Skip loudly where Chromium is missing; with CI=true fail (a skip would hide it)."""
    need(chromium_problem(), "the browser tests")


def pytest_configure(config: pytest.Config) -> None:
    if chromium_problem() and os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI needs the browser tests: {chromium_problem()}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if chromium_problem():
        terminalreporter.write_sep("!", f"browser tests SKIPPED: {chromium_problem()}", red=True)


@dataclass
class Site:
    """The running app: its address, settings and the ids the tests need."""

    url: str
    settings: Settings
    units: dict[str, int] = field(default_factory=dict)


def _seed(settings: Settings) -> dict[str, int]:
    with uow.transaction(settings) as s:
        units.create(s, PROVINCE, level="tinh", code="tinh-thu")
        for name in (A, B):
            units.create(s, name, parent="tinh-thu")
        for username, (full_name, unit, role, agency) in USERS.items():
            accounts.create_user(s, username, PASSWORD, full_name=full_name)
            if agency is None:  # an agency's grant waits for its plan (see grant_agency)
                accounts.grant(s, username, unit, role)
        return {name: units.find(s, name).id for name in (PROVINCE, A, B)}


def grant_agency(site: Site, username: str) -> None:
    """The agency user's grant, once an imported plan has put its agency in the directory."""
    _, unit, role, agency = USERS[username]
    with uow.transaction(site.settings) as s:
        accounts.grant(s, username, unit, role, agency)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    """A fresh database, seeded units and users, and uvicorn serving the app in a thread."""
    need_chromium()
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        mp.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64,
                                                       parallelism=1))
        url = f"sqlite:///{Path(tmp) / 'theodoi.db'}"
        db.upgrade(url)
        settings = Settings(database_url=url, data_dir=Path(tmp) / "data")
        ids = _seed(settings)
        try:  # lifespan on: it runs the job runner
            with served(create_app(settings), lifespan="on") as base:
                yield Site(base, settings, ids)
        finally:
            db.engine_for(url).dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # launch() gives Chromium a new empty --user-data-dir of its own every time
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS,
                                      env={**os.environ, "LANGUAGE": "vi"})
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_as(site: Site, browser: Any) -> Iterator[Any]:
    """A new browser context (own cookies) signed in as the user, at the given size."""
    contexts: list[Any] = []

    def make(username: str, viewport: dict[str, int] = DESKTOP) -> Any:
        ctx = browser.new_context(viewport=viewport, locale="vi-VN")
        ctx.set_default_timeout(15000)
        contexts.append(ctx)
        page = ctx.new_page()
        login(page, site, username)
        return page

    yield make
    for ctx in contexts:
        ctx.close()


def login(page: Any, site: Site, username: str, password: str = PASSWORD) -> None:
    page.goto(site.url + "/dang-nhap")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda u: "/dang-nhap" not in u)


def shot(page: Any, name: str, *, full_page: bool = False) -> Path:
    """Save a screenshot as a test artefact; the name says the page and the size."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    path = SHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
