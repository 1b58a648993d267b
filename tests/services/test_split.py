"""Units below the commune on SQLite and PostgreSQL: thôn and tổ dân phố made under a
commune only, a commune target split into their targets (a count and shares), splitting
again, a rejected child's target, the roll-up to the commune and the province's that
never counts a thôn, and the head of a tổ dân phố who records for his unit alone. Every
expected figure is worked out by hand from the plan below."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.docs import import_text, plan_text
from theodoi.domain import access as rules
from theodoi.domain.access import Grant
from theodoi.domain.errors import BadInput, NotFound
from theodoi.services.accounts import access
from theodoi.services.accounts.access import Principal
from theodoi.services.history import audit
from theodoi.services.progress import records
from theodoi.services.register import review_decisions as review
from theodoi.services.register import units
from theodoi.services.reporting import report_data
from theodoi.services.rollup import figures, matching, pages
from theodoi.services.split import pages as split_pages
from theodoi.services.split import splitting
from theodoi.services.validation import figures as validation
from theodoi.storage.models import Plan, Target

PROVINCE, COMMUNE = "Tỉnh Dưới", "Phường Dưới"
TDPS = ("Tổ dân phố số 1", "Tổ dân phố số 2", "Tổ dân phố số 3")
AS_OF = date(2026, 7, 15)
PHUONG = plan_text("07/KH-UBND", "15 tháng 01 năm 2026", kind="KẾ HOẠCH",
                   title="phát triển kinh tế - xã hội năm 2026", targets=[
                       "Có 2 tổ dân phố đạt chuẩn văn hóa.",
                       "Thu ngân sách nhà nước trên địa bàn đạt 1.200 triệu đồng."])


@pytest.fixture
def s(session: Any) -> Any:
    return session


def _commune(s: Any) -> int:
    """The province, the phường with its active plan, and three tổ dân phố; the plan id."""
    units.create(s, PROVINCE, level="tinh")
    units.create(s, COMMUNE, level="phuong", parent=PROVINCE)
    plan_id = import_text(s, COMMUNE, PHUONG, "phuong.txt", activate=True)
    for name in TDPS:
        units.create(s, name, level="to_dan_pho", parent=COMMUNE)
    s.flush()
    return plan_id


def _ref(s: Any, plan_id: int, words: str) -> str:
    return next(f"t{t.id}" for t in s.get(Plan, plan_id).targets if words in t.indicator)


def test_a_thon_needs_a_commune_above_it(s: Any) -> None:
    units.create(s, PROVINCE, level="tinh")
    with pytest.raises(BadInput, match="tổ dân phố phải thuộc một xã, phường"):
        units.create(s, "Tổ dân phố lạc", level="to_dan_pho", parent=PROVINCE)
    with pytest.raises(BadInput, match="thôn phải thuộc một xã"):
        units.create(s, "Thôn lạc", level="thon")
    units.create(s, COMMUNE, level="phuong", parent=PROVINCE)
    made = units.create(s, "Chi bộ khu phố 1", level="chi_bo", parent=COMMUNE)
    assert (made.level, made.parent.name) == ("chi_bo", COMMUNE)
    with pytest.raises(BadInput, match="chi bộ phải thuộc một xã"):
        units.move(s, made, units.find(s, PROVINCE))


def test_a_count_gives_each_tdp_a_met_or_not_target_linked_to_the_commune(s: Any) -> None:
    plan_id = _commune(s)
    ref = _ref(s, plan_id, "văn hóa")
    done = splitting.count(s, figures.target_of(s, ref), None, "vanphong")
    assert [r["unit"] for r in done.created] == list(TDPS)
    first = s.get(Target, done.created[0]["target_id"])
    assert (first.kind, first.value, first.indicator, first.text) == (
        "milestone", None, "đạt chuẩn văn hóa", "Tổ dân phố số 1 đạt chuẩn văn hóa năm 2030")
    assert (first.plan.status, first.plan.unit.name, first.review) == (
        "active", "Tổ dân phố số 1", "added")
    # every TDP's target sits in its own plan, and the commune adds them up by count
    assert len({s.get(Target, r["target_id"]).plan_id for r in done.created}) == 3
    group = figures.rollup_of(s, ref, AS_OF)
    assert (group["method"], group["aggregate"]["value"]) == ("count", 0.0)
    assert [r["relation"] for r in group["rows"]] == ["count"] * 3


def test_splitting_twice_creates_nothing_new_and_a_rejected_share_stays_out(s: Any) -> None:
    plan_id = _commune(s)
    ref = _ref(s, plan_id, "văn hóa")
    target = figures.target_of(s, ref)
    splitting.count(s, target, ["Tổ dân phố số 1"], None)
    again = splitting.count(s, target, None, None)
    assert ([r["unit"] for r in again.created], [r["unit"] for r in again.kept]) == (
        ["Tổ dân phố số 2", "Tổ dân phố số 3"], ["Tổ dân phố số 1"])
    third = splitting.count(s, target, None, None)
    assert (third.created, len(third.kept)) == ([], 3)
    # the office rejects TDP 3's target in review: the roll-up counts 2 units, and
    # splitting again does not bring it back
    review.reject(s, third.kept[2]["ref"])
    assert len(figures.rollup_of(s, ref, AS_OF)["rows"]) == 2
    fourth = splitting.count(s, target, None, None)
    assert fourth.created == [] and fourth.kept[2]["review"] == "rejected"


def test_the_commune_counts_the_tdps_that_met_and_judges_its_own_target(s: Any) -> None:
    plan_id = _commune(s)
    ref = _ref(s, plan_id, "văn hóa")
    done = splitting.count(s, figures.target_of(s, ref), None, None)
    made = {r["unit"]: r["ref"] for r in done.created}
    records.record_progress(s, made["Tổ dân phố số 1"], "Q2/2026", "đạt")
    records.record_progress(s, made["Tổ dân phố số 2"], "Q2/2026", "chưa đạt")
    group = figures.rollup_of(s, ref, AS_OF)
    # 1 of 3 met, the phường wants 2: not yet
    assert group["aggregate"]["value"] == 1.0
    assert group["method_label"] == "số đơn vị đạt (1/3 đơn vị)"
    assert group["aggregate"]["note"] == "1/3 đơn vị đạt; chưa có số liệu: Tổ dân phố số 3"
    records.record_progress(s, made["Tổ dân phố số 3"], "Q2/2026", "1")
    group = figures.rollup_of(s, ref, AS_OF)
    assert (group["aggregate"]["value"], group["aggregate"]["of"]) == (2.0, 3)
    assert group["status"]["code"] in ("dat", "vuot")


def test_shares_of_a_sum_show_the_difference_and_update_on_a_second_split(s: Any) -> None:
    plan_id = _commune(s)
    ref = _ref(s, plan_id, "Thu ngân sách")
    target = figures.target_of(s, ref)
    done = splitting.shares(s, target, {"Tổ dân phố số 1": 500.0, "Tổ dân phố số 2": 400.0},
                            None)
    # 1.200 − (500 + 400) = 300 not given yet
    assert (done.total, done.difference) == (900.0, 300.0)
    share = s.get(Target, done.created[0]["target_id"])
    assert (share.value, share.unit, share.kind) == (500.0, "triệu đồng", target.kind)
    again = splitting.shares(s, target, {"Tổ dân phố số 2": 300.0, "Tổ dân phố số 3": 400.0},
                             None)
    assert [r["unit"] for r in again.created] == ["Tổ dân phố số 3"]
    assert (again.total, again.difference) == (1200.0, 0.0)
    records.record_progress(s, again.created[0]["ref"], "Q2/2026", "250")
    records.record_progress(s, done.created[0]["ref"], "Q2/2026", "520")
    group = figures.rollup_of(s, ref, AS_OF)
    assert (group["method"], group["aggregate"]["value"]) == ("sum", 770.0)


def test_a_split_is_in_the_history_of_the_commune_target_and_of_each_child(s: Any) -> None:
    plan_id = _commune(s)
    ref = _ref(s, plan_id, "văn hóa")
    upper = figures.target_of(s, ref)
    done = splitting.count(s, upper, ["Tổ dân phố số 1", "Tổ dân phố số 2"], "vanphong")
    made = [r["target_id"] for r in done.created]
    # the phường's target gains two lower targets, each TDP's target an upper one, by the
    # office, as a link confirmed "số đơn vị đạt"
    ups = [(e.field, e.old, e.new, e.username) for e in audit.history(s, "target", upper.id)]
    assert ups == [("lower_link", "", "confirmed_count", "vanphong")] * 2
    for target_id in made:
        rows = audit.history(s, "target", target_id)
        assert [(e.field, e.new) for e in rows] == [("upper_link", "confirmed_count")]
    # splitting again adds nothing to the history
    splitting.count(s, upper, None, "vanphong")
    assert len(audit.history(s, "target", upper.id)) == 3  # TDP 3 only


def test_a_share_changed_by_a_second_split_is_in_the_child_target_s_history(s: Any) -> None:
    plan_id = _commune(s)
    target = figures.target_of(s, _ref(s, plan_id, "Thu ngân sách"))
    done = splitting.shares(s, target, {"Tổ dân phố số 1": 500.0}, "vanphong")
    splitting.shares(s, target, {"Tổ dân phố số 1": 450.0}, "vanphong")
    rows = audit.history(s, "target", done.created[0]["target_id"])
    assert [(e.field, e.old, e.new) for e in rows] == [
        ("upper_link", "", "confirmed_sum"), ("value", "500.0", "450.0")]


def test_refusals(s: Any) -> None:
    plan_id = _commune(s)
    money = figures.target_of(s, _ref(s, plan_id, "Thu ngân sách"))
    culture = figures.target_of(s, _ref(s, plan_id, "văn hóa"))
    units.create(s, "Xã Khác", level="xa", parent=PROVINCE)
    units.create(s, "Thôn khác", level="thon", parent="Xã Khác")
    with pytest.raises(BadInput, match="Thôn khác không phải thôn, tổ dân phố hay chi bộ"):
        splitting.count(s, culture, ["Thôn khác"], None)
    with pytest.raises(BadInput, match="đếm số tổ dân phố đạt; hãy giao theo số đơn vị đạt"):
        splitting.shares(s, culture, {"Tổ dân phố số 1": 1.0}, None)
    with pytest.raises(BadInput, match="không được âm"):
        splitting.shares(s, money, {"Tổ dân phố số 1": -5.0}, None)
    draft = import_text(s, "Xã Khác", PHUONG, "khac.txt")
    with pytest.raises(BadInput, match="chỉ giao được chỉ tiêu đang thực hiện"):
        splitting.count(s, figures.target_of(s, _ref(s, draft, "văn hóa")), None, None)


def test_the_province_rolls_up_communes_and_never_their_tdps(s: Any) -> None:
    plan_id = _commune(s)
    splitting.count(s, figures.target_of(s, _ref(s, plan_id, "văn hóa")), None, None)
    tinh = plan_text("01/KH-UBND", "05 tháng 01 năm 2026", kind="KẾ HOẠCH",
                     title="phát triển kinh tế - xã hội năm 2026",
                     targets=["Thu ngân sách nhà nước trên địa bàn đạt 9.000 triệu đồng."])
    import_text(s, PROVINCE, tinh, "tinh.txt", activate=True)
    splitting.shares(s, figures.target_of(s, _ref(s, plan_id, "Thu ngân sách")),
                     {"Tổ dân phố số 1": 1200.0}, None)
    found = matching.suggest(s, units.find(s, PROVINCE))
    assert {r["lower"]["unit"] for r in found} == {COMMUNE}
    # a TDP's own suggestions reach its phường only, never the province
    tdp = matching.suggest(s, units.find(s, "Tổ dân phố số 1"))
    assert {r["upper"]["unit"] for r in tdp} <= {COMMUNE}


def _head(s: Any, name: str) -> Principal:
    return Principal(0, "totruong", "Tổ trưởng", (Grant(units.find(s, name).id, "truong"),))


def test_the_head_of_a_tdp_records_for_his_unit_only(s: Any) -> None:
    plan_id = _commune(s)
    ref = _ref(s, plan_id, "văn hóa")
    done = splitting.count(s, figures.target_of(s, ref), None, None)
    mine, other = done.created[0]["ref"], done.created[1]["ref"]
    head = _head(s, "Tổ dân phố số 1")
    item = access.item(s, head, mine, rules.UPDATE_OWN)
    assert item.plan.unit.name == "Tổ dân phố số 1"
    with pytest.raises(NotFound):
        access.item(s, head, other)  # a sibling TDP does not exist for him
    with pytest.raises(NotFound):
        access.item(s, head, ref)  # nor the phường's own target
    sent = validation.record_or_send(s, head, mine, "Q2/2026", "đạt", on=AS_OF)
    assert sent["waiting"] is True  # the phường's office validates his figure
    office = Principal(0, "vanphong", "Văn phòng",
                       (Grant(units.find(s, COMMUNE).id, "van_phong"),))
    validation.accept(s, office, sent["id"])
    assert figures.rollup_of(s, ref, AS_OF)["aggregate"]["value"] == 1.0
    # the phường's office reads every TDP and may split; the head may not
    assert access.item(s, office, other).id
    with pytest.raises(NotFound):
        split_pages.count(s, head, ref, [units.find(s, "Tổ dân phố số 1").id])


def test_the_office_splits_from_the_page_and_the_commune_dashboard_rolls_up(s: Any) -> None:
    plan_id = _commune(s)
    ref = _ref(s, plan_id, "văn hóa")
    office = Principal(0, "vanphong", "Văn phòng",
                       (Grant(units.find(s, COMMUNE).id, "van_phong"),))
    ids = [units.find(s, n).id for n in TDPS[:2]]
    split_pages.count(s, office, ref, ids)
    form = split_pages.form(s, office, ref)
    assert [bool(c["count"]) for c in form["children"]] == [True, True, False]
    assert form["can_split"] is True
    rows = pages.dashboard_section(s, office, units.find(s, COMMUNE), AS_OF)
    assert [(r["upper"]["ref"], r["units"], r["method"]) for r in rows] == [(ref, 2, "count")]
    viewer = Principal(0, "xem", "Xem", (Grant(units.find(s, COMMUNE).id, "xem"),))
    assert split_pages.form(s, viewer, ref)["can_split"] is False
    with pytest.raises(Exception, match="mới giao chỉ tiêu cho cấp dưới"):
        split_pages.count(s, viewer, ref, ids)


def test_a_tdp_s_report_is_headed_by_the_phuong_and_signed_by_its_head(s: Any) -> None:
    plan_id = _commune(s)
    splitting.count(s, figures.target_of(s, _ref(s, plan_id, "văn hóa")), None, "vanphong")
    report = report_data.build_report(s, report_data.Request(
        TDPS[0], "quy", "Q3/2026", today=date(2026, 10, 5)))
    assert (report.issuer.body, report.issuer.above) == (
        "Tổ dân phố số 1", "Ủy ban nhân dân phường Dưới")
    # the plan it reports on is the phường's gift ("Chỉ tiêu giao theo …"): its head signs
    # in his own name, never "TM. Ủy ban nhân dân / Chủ tịch"
    assert (report.signature.on_behalf, report.signature.position) == (
        None, "Tổ trưởng tổ dân phố")
