"""50 editors at once on the same items, through a real server (issue 14 item 5, M4).

Each editor corrects the same three items from the version it last saw, through the JSON
API and the page form; two writes from the same version race in the database. Every
accepted write must be in the audit history, every refused one must be a 409 with the
conflict message, and nothing else (no 500, no connection reset, no lost write).
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from sqlalchemy import select

from tests.web.conftest import A, World
from tests.web.live import served, signed_in
from tests.web.progress_world import activate
from theodoi.services import uow
from theodoi.storage.models import ProgressRecord
from theodoi.web.app import create_app

EDITORS, ROUNDS = 50, 4
FIELD = {"target": "indicator", "task": "title"}


class Shared:
    """The newest version each item is known to have (what a page would show)."""

    def __init__(self, items: dict[str, dict[str, Any]]) -> None:
        self.lock = threading.Lock()
        self.version = {ref: int(item["version"]) for ref, item in items.items()}

    def seen(self, ref: str, version: int) -> None:
        with self.lock:
            self.version[ref] = max(self.version[ref], version)


def _write(client: httpx.Client, ref: str, kind: str, version: int, text: str,
           page_form: bool) -> httpx.Response:
    if page_form:
        return client.post(f"/muc/{ref}/sua", data={"version": str(version),
                                                    FIELD[kind]: text},
                           headers={"HX-Request": "true"})
    return client.post(f"/api/items/{ref}/correct",
                       json={"version": version, "changes": {FIELD[kind]: text}})


def _message(r: httpx.Response) -> str:
    """The error message of a refusal (JSON or the htmx notice); the text otherwise."""
    if r.status_code != 200 and r.headers.get("content-type", "").startswith(
            "application/json"):
        return str(r.json()["error"]["message"])
    return r.text[:300]


def _editor(base: str, n: int, refs: list[tuple[str, str]], shared: Shared,
            start: threading.Barrier) -> list[tuple[str, str, int, str]]:
    """ROUNDS writes per item; returns (ref, text, status, message) of each."""
    client = signed_in(base, "quantri")
    start.wait(120)
    out = []
    try:
        for k in range(ROUNDS):
            for ref, kind in refs[n % len(refs):] + refs[:n % len(refs)]:  # varied order
                text = f"sửa bởi người {n} lần {k}"
                r = _write(client, ref, kind, shared.version[ref], text, page_form=n % 2 == 1)
                if r.status_code == 200 and n % 2 == 0:
                    shared.seen(ref, r.json()["version"])
                elif r.status_code == 200:
                    shared.seen(ref, shared.version[ref] + 1)
                out.append((ref, text, r.status_code, _message(r)))
    finally:
        client.close()
    return out


def _history(client: httpx.Client, ref: str, field: str) -> list[str]:
    texts, page = [], 1
    while True:
        data = client.get(f"/api/items/{ref}/audit", params={"page": page,
                                                             "per_page": 200}).json()
        texts += [e["new"] for e in data["entries"] if e["field"] == field]
        if page >= data["pages"]:
            return texts
        page += 1


def test_fifty_editors_on_the_same_items_lose_nothing_and_get_409(world: World) -> None:
    items = world.items[A]
    targets = [r for r, i in items.items() if i.get("kind") == "target"][:2]
    tasks = [r for r, i in items.items() if i.get("kind") == "task"][:1]
    refs = [(r, "target") for r in targets] + [(r, "task") for r in tasks]
    shared = Shared({r: items[r] for r, _ in refs})
    start = threading.Barrier(EDITORS)
    with served(create_app(world.settings)) as base:
        with ThreadPoolExecutor(EDITORS) as pool:
            runs = [pool.submit(_editor, base, n, refs, shared, start)
                    for n in range(EDITORS)]
            results = [w for run in runs for w in run.result()]
        reader = signed_in(base, "quantri")
        histories = {ref: _history(reader, ref, FIELD[kind]) for ref, kind in refs}
    statuses = Counter(status for *_, status, _m in results)
    assert set(statuses) <= {200, 409}, [r for r in results if r[2] not in (200, 409)][:5]
    assert statuses[200] >= len(refs) and statuses[409] > 0  # there was a race
    refused = {m for *_, status, m in results if status == 409}
    assert all("người khác" in m for m in refused), refused
    for ref, _kind in refs:
        accepted = [text for r, text, status, _m in results if r == ref and status == 200]
        assert sorted(histories[ref]) == sorted(accepted), ref  # none lost, none invented
    at_database = sum(1 for *_, status, m in results if status == 409 and "phiên bản" not in m)
    print(f"\n{world.settings.effective_database_url.split(':')[0]}: "
          f"{len(results)} writes, {statuses[200]} accepted, {statuses[409]} got 409 "
          f"({at_database} of them lost the race at the database), 0 lost, 0 other")


def test_fifty_clients_on_the_value_form_of_one_commune_are_all_answered(
        world: World) -> None:
    """The finding of H1: clients saving values of one commune through the page form
    froze the server's workers. Every save is now answered (saved, or a 409), none with
    500, and every saved value is stored."""
    with served(create_app(world.settings)) as base:
        office = signed_in(base, "quantri")
        targets = [r for r, i in activate(office, world, A).items()
                   if i["kind"] == "target"][:2]
        start = threading.Barrier(EDITORS)

        def editor(n: int) -> list[tuple[int, int]]:
            client = signed_in(base, "quantri")
            start.wait(120)
            out = []
            for k in range(2):
                value = n * 10 + k
                r = client.post(f"/muc/{targets[(n + k) % 2]}/so-lieu",
                                data={"period": "2026", "value": str(value)},
                                headers={"HX-Request": "true"})
                out.append((value, r.status_code))
            client.close()
            return out

        with ThreadPoolExecutor(EDITORS) as pool:
            results = [x for run in [pool.submit(editor, n) for n in range(EDITORS)]
                       for x in run.result()]
    statuses = Counter(status for _v, status in results)
    assert set(statuses) <= {200, 409} and statuses[200] > 0, statuses
    saved = {float(v) for v, status in results if status == 200}
    with uow.transaction(world.settings) as s:
        stored = set(s.scalars(select(ProgressRecord.value)))
    assert saved <= stored
    print(f"\n{world.settings.effective_database_url.split(':')[0]}: "
          f"{len(results)} value saves, {statuses[200]} saved, {statuses[409]} got 409")
