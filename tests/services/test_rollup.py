"""Links across levels and roll-up on SQLite and PostgreSQL: suggestions between a
province's targets and its communes', confirmation, the roll-up's sums and means (worked
out by hand below), the aggregate's status, and a query count that does not grow with the
number of communes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from tests.services.docs import import_text, plan_text
from theodoi.domain.errors import BadInput
from theodoi.services.progress import records
from theodoi.services.register import units
from theodoi.services.rollup import figures, matching, pages
from theodoi.storage.models import Plan

PROVINCE = "Tỉnh Gộp"
COMMUNES = ("Xã Một", "Xã Hai", "Xã Ba")
AS_OF = date(2026, 7, 15)

TINH = plan_text("30-KH/UBND", "10 tháng 01 năm 2026", kind="KẾ HOẠCH",
                 title="phát triển kinh tế - xã hội năm 2026", targets=[
                     "Tỷ lệ hộ nghèo giảm còn dưới 3%.",
                     "Thu ngân sách nhà nước trên địa bàn đạt 1.200 tỷ đồng.",
                     "Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt 98%."])


def xa(budget: str, poor: str) -> str:
    return plan_text("05/KH-UBND", "20 tháng 01 năm 2026", kind="KẾ HOẠCH",
                     title="phát triển kinh tế - xã hội năm 2026", targets=[
                         f"Tỷ lệ hộ nghèo giảm còn dưới {poor}%.",
                         f"Thu ngân sách nhà nước trên địa bàn đạt {budget}.",
                         "Trồng mới 50 ha rừng sản xuất."])


COMMUNE_TEXTS = {"Xã Một": xa("400 tỷ đồng", "3"), "Xã Hai": xa("300 tỷ đồng", "4"),
                 "Xã Ba": xa("500 tỷ đồng", "2")}


def _province(s: Any, communes: dict[str, str] = COMMUNE_TEXTS) -> dict[str, int]:
    """The province and its communes, each plan active; unit name -> plan id."""
    units.create(s, PROVINCE, level="tinh")
    plans = {PROVINCE: import_text(s, PROVINCE, TINH, "tinh.txt", activate=True)}
    s.get(Plan, plans[PROVINCE]).unit.level = "tinh"
    for name, text in communes.items():
        units.create(s, name, level="xa", parent=PROVINCE)
        plans[name] = import_text(s, name, text, f"{name}.txt", activate=True)
    s.flush()
    return plans


def _target(s: Any, plan_id: int, words: str) -> str:
    return next(f"t{t.id}" for t in s.get(Plan, plan_id).targets if words in t.indicator)


def _confirm_all(s: Any) -> None:
    for name in COMMUNES:
        for row in matching.suggest(s, units.find(s, name)):
            matching.decide(s, matching.get(s, row["id"]), "confirmed", None, "vanphong")


@pytest.fixture
def s(session: Any) -> Any:
    return session


def test_suggestions_pair_each_commune_target_with_the_province_one(s: Any) -> None:
    plans = _province(s)
    found = matching.suggest(s, units.find(s, PROVINCE))
    pairs = sorted((r["upper"]["indicator"], r["lower"]["unit"], r["relation"]) for r in found)
    assert pairs == sorted(
        [("Thu ngân sách nhà nước trên địa bàn", c, "sum") for c in COMMUNES]
        + [("Tỷ lệ hộ nghèo", c, "rate") for c in COMMUNES])
    budget = next(r for r in found if r["upper"]["indicator"].startswith("Thu"))
    assert budget["reason"] == "cùng chỉ tiêu, cùng đơn vị tỷ đồng, cùng năm 2030"  # the list: "đến năm 2030"
    assert budget["upper"]["ref"] == _target(s, plans[PROVINCE], "Thu ngân sách")
    # the forest of the communes and the vaccination of the province have no partner
    assert not any("rừng" in r["lower"]["indicator"] for r in found)
    # stored pairs are never suggested again, from either level
    assert matching.suggest(s, units.find(s, "Xã Một")) == []
    assert matching.suggest(s, units.find(s, PROVINCE)) == []


def test_a_commune_suggests_against_its_province_and_a_rejected_pair_stays_out(s: Any) -> None:
    _province(s)
    mine = matching.suggest(s, units.find(s, "Xã Hai"))
    assert {r["lower"]["unit"] for r in mine} == {"Xã Hai"}
    assert len(mine) == 2
    matching.decide(s, matching.get(s, mine[0]["id"]), "rejected", None, "vanphong")
    again = matching.suggest(s, units.find(s, PROVINCE))
    assert {r["lower"]["unit"] for r in again} == {"Xã Một", "Xã Ba"}
    listed = matching.list_links(s, units.find(s, "Xã Hai"), "rejected")
    assert [r["id"] for r in listed] == [mine[0]["id"]]


def test_confirming_with_a_bad_relation_changes_nothing(s: Any) -> None:
    _province(s)
    row = matching.suggest(s, units.find(s, "Xã Một"))[0]
    with pytest.raises(BadInput):
        matching.decide(s, matching.get(s, row["id"]), "confirmed", "bình quân", "x")
    assert matching.get(s, row["id"]).state == "suggested"


def _record(s: Any, plans: dict[str, int], words: str, values: dict[str, str],
            period: str = "Q2/2026") -> None:
    for name, value in values.items():
        records.record_progress(s, _target(s, plans[name], words), period, value)


def test_budget_rolls_up_as_a_sum_converted_to_the_province_unit(s: Any) -> None:
    plans = _province(s)
    _confirm_all(s)
    # 350 + 0,28 nghìn tỷ… typed in the commune's own unit (tỷ đồng): 350, 280, 410
    _record(s, plans, "Thu ngân sách", {"Xã Một": "350", "Xã Hai": "280", "Xã Ba": "410"})
    ref = _target(s, plans[PROVINCE], "Thu ngân sách")
    group = figures.groups(s, [int(ref[1:])], AS_OF)[int(ref[1:])]
    assert group["method"] == "sum"
    assert group["aggregate"]["value"] == pytest.approx(1040.0)  # 350 + 280 + 410
    assert group["aggregate"]["counted"] == 3
    assert group["aggregate"]["on"] == "2026-06-30"
    assert [(r["unit"], r["value"]) for r in group["rows"]] == [
        ("Xã Ba", 410.0), ("Xã Hai", 280.0), ("Xã Một", 350.0)]
    assert group["method_label"] == "tổng các đơn vị (3 đơn vị)"
    # judged by the province target's own rules: some status, never an error
    assert group["status"] is not None


def test_a_missing_figure_is_named_and_the_sum_is_partial(s: Any) -> None:
    plans = _province(s)
    _confirm_all(s)
    _record(s, plans, "Thu ngân sách", {"Xã Một": "350", "Xã Ba": "410"})
    ref = int(_target(s, plans[PROVINCE], "Thu ngân sách")[1:])
    group = figures.groups(s, [ref], AS_OF)[ref]
    assert group["aggregate"]["value"] == pytest.approx(760.0)  # 350 + 410
    assert group["aggregate"]["note"] == "chưa có số liệu: Xã Hai"
    hai = next(r for r in group["rows"] if r["unit"] == "Xã Hai")
    assert hai["value"] is None and hai["status"] == "chua_co_so_lieu"


def test_poverty_rate_is_a_mean_simple_then_weighted_by_population(s: Any) -> None:
    plans = _province(s)
    _confirm_all(s)
    _record(s, plans, "hộ nghèo", {"Xã Một": "2,5", "Xã Hai": "4", "Xã Ba": "1,5"})
    ref = int(_target(s, plans[PROVINCE], "hộ nghèo")[1:])
    group = figures.groups(s, [ref], AS_OF)[ref]
    assert group["method"] == "mean"  # no population known yet
    assert group["aggregate"]["value"] == pytest.approx((2.5 + 4 + 1.5) / 3)
    for name, people in (("Xã Một", 10000), ("Xã Hai", 5000), ("Xã Ba", 25000)):
        pages.set_population(s, units.find(s, name), people)
    group = figures.groups(s, [ref], AS_OF)[ref]
    assert group["method"] == "weighted_mean"
    # (2,5 × 10.000 + 4 × 5.000 + 1,5 × 25.000) / 40.000 = 82.500 / 40.000 = 2,0625
    assert group["aggregate"]["value"] == pytest.approx(2.0625)
    # below 3 % by the deadline's course: the province's rule says so
    assert group["status"]["code"] in ("dung_tien_do", "dat", "vuot")


def test_a_chosen_method_is_kept_and_a_rate_is_never_summed(s: Any) -> None:
    plans = _province(s)
    _confirm_all(s)
    _record(s, plans, "hộ nghèo", {"Xã Một": "2", "Xã Hai": "4", "Xã Ba": "3"})
    poor = int(_target(s, plans[PROVINCE], "hộ nghèo")[1:])
    from theodoi.storage.repositories import rollup as repo

    with pytest.raises(BadInput):
        pages.domain.check_method("sum", "%", "level")
    repo.set_method(s, poor, "none", "lanhdao")
    group = figures.groups(s, [poor], AS_OF)[poor]
    assert (group["method"], group["method_chosen"]) == ("none", True)
    assert group["aggregate"]["value"] is None and group["status"] is None
    assert [r["value"] for r in group["rows"]] == [3.0, 4.0, 2.0]  # Ba, Hai, Một


def test_the_roll_up_reads_a_fixed_number_of_queries_for_any_number_of_communes(
        s: Any, db_url: str) -> None:
    names = [f"Xã {i:02d}" for i in range(12)]
    plans = _province(s, {n: xa(f"{100 + i} tỷ đồng", "3") for i, n in enumerate(names)})
    for n in names[:3]:
        for row in matching.suggest(s, units.find(s, n)):
            matching.decide(s, matching.get(s, row["id"]), "confirmed", None, None)
    ref = int(_target(s, plans[PROVINCE], "Thu ngân sách")[1:])
    few = _count(s, lambda: figures.groups(s, [ref], AS_OF))
    for n in names[3:]:
        for row in matching.suggest(s, units.find(s, n)):
            matching.decide(s, matching.get(s, row["id"]), "confirmed", None, None)
    _record(s, plans, "Thu ngân sách", {n: "50" for n in names})
    many = _count(s, lambda: figures.groups(s, [ref], AS_OF))
    assert few == many
    group = figures.groups(s, [ref], AS_OF)[ref]
    assert group["aggregate"]["value"] == pytest.approx(600.0)  # 12 × 50


def _count(s: Any, work: Any) -> int:
    seen = []

    def count(*_a: Any) -> None:
        seen.append(1)

    s.flush()  # what is pending is written first: only the reads are counted
    engine = s.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)
