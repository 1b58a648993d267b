"""Every page of the demo reads as plain Vietnamese (issue 17, item 2).

The demo's samples are loaded with their sample progress (as `theodoi demo` does), one
sample again as a draft of another commune (so the review form is walked too) with a few
corrections in its history; then every page reachable from the home page is opened as the
demo administrator. On each, the text theodoi writes (not the words quoted from a plan)
must hold no code of the domain's tables, no comparator sign in front of a number, no
number written the English way, and a forecast only where the domain makes one: from at
least two yearly points that are in the target's history.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests import seeds
from tests.conftest import SAMPLES
from tests.web.conftest import cheap_hashes, login
from theodoi.cli import misc
from theodoi.domain import access, fields, measures, periods, status
from theodoi.services import uow
from theodoi.services.accounts import users as accounts
from theodoi.services.demo import sample as demo
from theodoi.services.register import importing, units
from theodoi.services.register import review_decisions as review
from theodoi.services.register import review_guarded as reviewing
from theodoi.settings import Settings
from theodoi.storage.models import REVIEW_STATES
from theodoi.web.app import create_app

AS_OF = date(2026, 10, 15)
# every code a table of the domain stores, but those that are also Vietnamese syllables
# written without a mark ("quy hoạch", "từ xa", "tinh thần", "xem")
CODES = frozenset({
    *fields.TARGET_KINDS, *fields.TASK_KINDS, *fields.FIELDS_OF_WORK, *fields.DIRECTIONS,
    *fields.RECURRENCES, *fields.PLAN_KINDS, *fields.PLAN_STATUSES, *REVIEW_STATES,
    *status.TARGET_RANK, *status.TASK_STATES, *(c for c, _, _ in status.TASK_RULES),
    *periods.KINDS, *access.ROLES, *units.LEVELS, "merged", "unmerged", "proposed",
    "quy", "6_thang", "9_thang", "nam", "so_ket", "tong_ket",  # report kinds
} - {"quy", "xa", "tinh", "xem"})
COMPARATOR = re.compile(r"(?:[<>]=?|=)\s*\d")  # ">= 95", "=90", "<1"
ENGLISH_NUMBER = re.compile(r"(?<![\d.,])\d+\.(?:\d{1,2}|\d{4,})(?![\d.,])")  # 47.6, 0.5
QUOTE_MIN = 25  # a text this long found in a plan is the plan's own words
SKIPPED = ("/dang-xuat", "/tep", "/static/", "/api/", "/tai-xuong")
BASIS = re.compile(r"\((theo [^()]*)\)")


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class Page(HTMLParser):
    """The visible text nodes of a page (and its input values) and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style"):
            self._hidden += 1
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        if (tag == "input" and a.get("type") not in ("hidden", "file", "checkbox", "radio")
                and a.get("value")):
            self.texts.append(str(a["value"]))  # what a form shows is read too (a box's
            # or a radio button's value is what it sends, never shown: its label is read)
        for name in ("placeholder", "title", "aria-label"):
            if a.get(name):
                self.texts.append(str(a[name]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(_fold(data))


def _build_demo(url: str, data_dir: Path) -> None:
    settings = Settings(database_url=url, data_dir=data_dir)
    with pytest.MonkeyPatch.context() as mp:
        cheap_hashes(mp)
        misc.demo_setup(settings, SAMPLES, with_admin=True, progress_as_of=AS_OF)
        first = sorted(SAMPLES.glob("*.txt"))[0]
        with uow.transaction(settings) as s:
            draft = importing.import_plan(s, demo.FALLBACK_UNIT, first.read_bytes(),
                                          first.name, max_bytes=settings.max_upload_bytes,
                                          parent=demo.PROVINCE)
            admin = accounts.principal_for(s, demo.DEMO_USER)
            target = review.get_plan(s, draft.plan_id).targets[0]
            reviewing.correct(s, admin, f"t{target.id}", target.version,
                              {"comparator": ">=", "kind": "level", "per_year": "có"})


# the demo is built once per worker and backend; each test gets a copy (tests/seeds.py)
seeds.register(seeds.Seed("plain-words-demo", _build_demo, "demo_site", Path(__file__)))


@pytest.fixture
def demo_site(db_url: str, tmp_path: Path, db_templates: seeds.Templates) -> TestClient:
    assert db_templates.seeded(db_url)[0] == "plain-words-demo"
    client = TestClient(create_app(Settings(database_url=db_url, data_dir=tmp_path / "data")))
    login(client, demo.DEMO_USER, demo.DEMO_PASSWORD)
    return client


def _walk(client: TestClient) -> dict[str, list[str]]:
    """Every page reachable from the home page: path -> its text nodes."""
    seen: dict[str, list[str]] = {}
    queue = ["/"]
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code)
        if "text/html" not in r.headers["content-type"]:
            seen[path] = []
            continue
        page = Page()
        page.feed(r.text)
        seen[path] = page.texts
        for href in page.links:
            parts = urlsplit(urljoin(f"http://testserver{path}", href))
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.netloc == "testserver" and not any(x in target for x in SKIPPED) \
                    and target not in seen:
                queue.append(target)
    return seen


def _plans_words() -> str:
    return _fold(" ".join(p.read_text(encoding="utf-8") for p in SAMPLES.glob("*.txt")))


def _items_words(client: TestClient) -> list[str]:
    """The register's words taken from the plans (indicators, titles, item texts), longest
    first, so a page's line naming an item is checked without the item's own words."""
    found: set[str] = set()
    for unit in client.get("/api/units").json()["units"]:
        for item in client.get(f"/api/units/{unit['id']}/register").json()["items"]:
            found |= {_fold(item[k]) for k in ("indicator", "title", "text") if item.get(k)}
    return sorted(found, key=len, reverse=True)


def _unquoted(text: str, quoted: str, items: list[str]) -> str:
    """`text` without the words it quotes from a plan."""
    if len(text) >= QUOTE_MIN and text in quoted:
        return ""
    for words in items:
        if words in text:
            text = text.replace(words, " … ")
    return text


def _problems(text: str) -> list[str]:
    found = [f"mã '{w}'" for w in re.findall(r"\w+", text) if w in CODES]
    found += [f"dấu so sánh '{m.group()}'" for m in COMPARATOR.finditer(text)]
    found += [f"số viết kiểu Anh '{m.group()}'" for m in ENGLISH_NUMBER.finditer(text)]
    return found


def test_every_page_of_the_demo_reads_in_plain_vietnamese(demo_site: TestClient) -> None:
    pages = _walk(demo_site)
    assert len(pages) > 300 and any(p.startswith("/ke-hoach/") for p in pages)
    quoted, items = _plans_words(), _items_words(demo_site)
    wrong = []
    for path, texts in pages.items():
        for text in texts:
            own = _unquoted(text, quoted, items)  # theodoi's words, not the plan's
            wrong += [f"{path}: {p} trong «{text[:90]}»" for p in _problems(own)]
    assert not wrong, "\n".join(wrong[:40])


def _forecast_shown(client: TestClient, ref: str) -> str | None:
    """The basis of the forecast the target's page shows, None when it shows none."""
    page = client.get(f"/chi-tieu/{ref}").text
    if "dự kiến" not in page.split("<dl", 1)[0]:
        return None
    found = BASIS.search(page.split("<dl", 1)[0])
    assert found, f"{ref}: a forecast without what it was made from"
    return found.group(1)


def _with_a_baseline(client: TestClient, refs: list[str]) -> dict[str, str]:
    """A level target (a share, in %) and a yearly flow, each with figures of 2026, given
    a baseline of 2025: the level then has two yearly points (2025 and its 2026 figure),
    the flow one (its 2026 figures are year-to-date and the year is not over)."""
    chosen: dict[str, str] = {}
    for ref in refs:
        data = client.get(f"/api/items/{ref}").json()
        item = data["item"]
        if not data["history"] or item["item_kind"] != "level" or item["value"] is None:
            continue
        flow = measures.is_flow(item["indicator"], item["unit"], bool(item["per_year"]),
                                item["item_kind"])
        kind = "flow" if flow else "level" if (item["unit"] or "").startswith("%") else ""
        if kind and kind not in chosen:
            r = client.post(f"/api/items/{ref}/baseline", json={
                "value": data["history"][0]["value"] * 0.9, "year": 2025,
                "version": item["version"]})
            assert r.status_code == 200, r.text
            chosen[kind] = ref
    assert set(chosen) == {"flow", "level"}
    return chosen


def test_a_forecast_is_shown_only_from_two_yearly_points(demo_site: TestClient) -> None:
    refs = sorted({p.split("/")[2] for p in _walk(demo_site) if p.startswith("/chi-tieu/")})
    chosen = _with_a_baseline(demo_site, refs)
    shown = set()
    for ref in refs:
        basis = _forecast_shown(demo_site, ref)
        data = demo_site.get(f"/api/items/{ref}").json()
        assert (basis is None) == (data["forecast"] is None), ref
        if basis is None:
            continue
        shown.add(ref)
        item = data["item"]
        flow = measures.is_flow(item["indicator"], item["unit"], bool(item["per_year"]),
                                item["item_kind"])
        years = [int(y) for y in re.findall(r"\b(\d{4})\b", basis.split("năm gốc")[0])]
        base = 1 if "năm gốc" in basis else 0
        assert len(set(years)) + base >= 2, f"{ref}: {basis}"
        ends = {date.fromisoformat(str(r["period_end"])) for r in data["history"]
                if r["current"]}
        for year in years:  # each yearly point is a figure of that year, a flow's at its end
            assert any(e.year == year and (not flow or (e.month, e.day) == (12, 31))
                       for e in ends), f"{ref}: {year} in «{basis}» has no yearly figure"
    assert chosen["level"] in shown and chosen["flow"] not in shown
