"""The register's rows open each item's own page (status, history); the review page is a
second link, for the people who review."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import A, World


def test_rows_open_the_items_page_and_reviewers_also_get_the_review_link(
        world: World, as_user: Any) -> None:
    unit, plan = world.units[A], world.plans[A]
    office = as_user("vanphong").get(f"/don-vi/{unit}/so-theo-doi").text
    assert '<td class="ma-muc"><a href="/chi-tieu/t1">t1</a></td>' in office
    task = next(r for r, i in world.items[A].items() if i["kind"] == "task")
    assert f'<td class="ma-muc"><a href="/nhiem-vu/{task}">{task}</a></td>' in office
    assert f'<a href="/ke-hoach/{plan}#muc-t1" class="lien-ket-phu">rà soát</a>' in office
    leader = as_user("lanhdao")
    shown = leader.get(f"/don-vi/{unit}/so-theo-doi").text
    assert '<td class="ma-muc"><a href="/chi-tieu/t1">t1</a></td>' in shown
    assert f'/ke-hoach/{plan}#muc-' not in shown  # the leader does not review
    assert leader.get(f"/api/units/{unit}/register").json()["can_review"] is False
    assert as_user("vanphong").get(f"/api/units/{unit}/register").json()["can_review"]
    # the item's own page works for a draft plan's item too (status, history)
    for path in ("/chi-tieu/t1", f"/nhiem-vu/{task}"):
        page = leader.get(path)
        assert page.status_code == 200 and "tt tt-" in page.text, path
