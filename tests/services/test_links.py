"""Target links on SQLite and PostgreSQL: suggest, confirm, dismiss, groups, unit borders."""

from __future__ import annotations

from typing import Any

import pytest

from tests.services.docs import CTR_XA, KH_XA, NQ_XA, import_text, setup_units
from theodoi.domain.errors import BadInput, NotFound
from theodoi.services.register import links, units
from theodoi.services.register import review_decisions as review
from theodoi.services.register.review_decisions import get_plan


@pytest.fixture
def s(session: Any) -> Any:
    setup_units(session)
    return session


def _three(s: Any, unit: str = "Xã Thử") -> tuple[int, int, int]:
    return (import_text(s, unit, NQ_XA, "nq.txt", parent="Tỉnh Thử"),
            import_text(s, unit, CTR_XA, "ctr.txt", parent="Tỉnh Thử"),
            import_text(s, unit, KH_XA, "kh.txt", parent="Tỉnh Thử"))


def _pair(row: dict[str, Any]) -> tuple[str, str]:
    return row["a"]["indicator"], row["b"]["indicator"]


def _water(s: Any, plan_id: int) -> Any:
    return next(t for t in get_plan(s, plan_id).targets if "nước sạch" in t.indicator)


def test_suggest_pairs_the_same_commitment_across_plans_only(s: Any) -> None:
    _three(s)
    found = links.suggest(s, "Xã Thử")
    plans = {frozenset((r["a"]["plan"], r["b"]["plan"])) for r in found}
    assert all(len(p) == 2 for p in plans)  # never two targets of one plan
    indicators = sorted(tuple(sorted(_pair(r))) for r in found)
    assert indicators == [
        ("Thu nhập bình quân đầu người", "Thu nhập bình quân đầu người"),
        ("Tỷ lệ hộ dân được sử dụng nước sạch", "Tỷ lệ hộ gia đình sử dụng nước sạch"),
        ("Tỷ lệ hộ dân được sử dụng nước sạch", "Tỷ lệ hộ gia đình được sử dụng nước sạch"),
        ("Tỷ lệ hộ gia đình sử dụng nước sạch", "Tỷ lệ hộ gia đình được sử dụng nước sạch"),
    ]
    assert all(r["state"] == "suggested" and r["score"] >= links.THRESHOLD for r in found)
    assert found[0]["score"] == max(r["score"] for r in found)
    assert "cùng giá trị 95 %" in next(r["reason"] for r in found if "nước" in r["a"]["indicator"])
    assert links.suggest(s, "Xã Thử") == []  # stored pairs are not suggested twice
    assert len(links.list_links(s, "Xã Thử", "suggested")) == 4


def test_a_dismissed_suggestion_stays_dismissed_on_the_next_suggest(s: Any) -> None:
    _three(s)
    first = links.suggest(s, "Xã Thử")
    dropped = first[0]["id"]
    links.dismiss(s, dropped)
    s.commit()
    assert links.suggest(s, "Xã Thử") == []
    states = {r["id"]: r["state"] for r in links.list_links(s, "Xã Thử")}
    assert states[dropped] == "dismissed" and len(states) == len(first)
    assert [r["id"] for r in links.list_links(s, "Xã Thử", "dismissed")] == [dropped]


def test_confirmed_links_make_one_group_across_three_documents(s: Any) -> None:
    nq, ctr, kh = _three(s)
    waters = {p: _water(s, p) for p in (nq, ctr, kh)}
    for row in links.suggest(s, "Xã Thử"):
        ends = {row["a"]["ref"], row["b"]["ref"]}
        if ends in ({f"t{waters[nq].id}", f"t{waters[ctr].id}"},
                    {f"t{waters[ctr].id}", f"t{waters[kh].id}"}):
            assert links.confirm(s, row["id"]).state == "confirmed"
    group = links.linked(s, waters[nq])
    assert sorted(r["plan"] for r in group) == sorted([ctr, kh])
    assert {r["ref"] for r in links.linked(s, f"t{waters[kh].id}")} == {
        f"t{waters[nq].id}", f"t{waters[ctr].id}"}
    income = next(t for t in get_plan(s, nq).targets if "Thu nhập" in t.indicator)
    assert links.linked(s, income) == []  # suggested, not confirmed


def test_rejected_targets_are_not_suggested(s: Any) -> None:
    nq, ctr, kh = _three(s)
    for plan in (nq, ctr, kh):
        review.reject(s, f"t{_water(s, plan).id}")
    assert all("nước" not in r["a"]["indicator"] for r in links.suggest(s, "Xã Thử"))


def test_targets_of_a_closed_plan_are_not_suggested(s: Any) -> None:
    nq, _, _ = _three(s)
    review.activate(s, nq, accept_rest=True)
    review.close(s, nq)
    assert all(nq not in (r["a"]["plan"], r["b"]["plan"]) for r in links.suggest(s, "Xã Thử"))


def test_targets_of_another_unit_are_never_paired_and_its_ids_are_refused(s: Any) -> None:
    units.create(s, "Xã Bên", level="xa", parent="Tỉnh Thử")
    import_text(s, "Xã Thử", NQ_XA, "nq.txt")
    import_text(s, "Xã Bên", CTR_XA, "ctr.txt")
    assert links.suggest(s, "Xã Thử") == [] and links.suggest(s, "Xã Bên") == []
    import_text(s, "Xã Bên", KH_XA, "kh.txt")
    theirs = links.suggest(s, "Xã Bên")
    assert theirs and links.list_links(s, "Xã Thử") == []
    with pytest.raises(NotFound, match="Xã Thử không có liên kết"):
        links.confirm(s, theirs[0]["id"], "Xã Thử")
    with pytest.raises(NotFound, match="Xã Thử"):
        links.dismiss(s, theirs[0]["id"], "Xã Thử")
    assert links.confirm(s, theirs[0]["id"], "Xã Bên").state == "confirmed"


def test_bad_ids_and_states_are_refused_in_vietnamese(s: Any) -> None:
    nq = import_text(s, "Xã Thử", NQ_XA, "nq.txt")
    with pytest.raises(NotFound, match="không có liên kết chỉ tiêu số 999"):
        links.confirm(s, 999)
    with pytest.raises(BadInput, match="trạng thái 'maybe'"):
        links.list_links(s, "Xã Thử", "maybe")
    task = get_plan(s, nq).tasks[0]
    with pytest.raises(BadInput, match="nhiệm vụ"):
        links.linked(s, f"k{task.id}")
