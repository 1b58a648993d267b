"""The register filtered by issuer class, document kind, item kind and field (issue 18),
a task's field shown on its page and corrected on the review page, page and JSON twin."""

from __future__ import annotations

from typing import Any

import pytest

from tests.services.conftest import MAX, PLANS
from tests.web.conftest import A, World
from theodoi.services import uow
from theodoi.services.register import importing

PARTY = PLANS / "nghi-quyet-dang-uy.txt"
HX = {"HX-Request": "true"}


@pytest.fixture
def both(world: World) -> World:
    """Commune A holds the UBND plan of the world (ke-hoach-v1) and a Party resolution."""
    with uow.transaction(world.settings) as s:
        found = importing.import_plan(s, A, PARTY.read_bytes(), PARTY.name, max_bytes=MAX)
    world.plans["party"] = found.plan_id
    return world


def _titles(client: Any, world: World, **query: str) -> list[str]:
    r = client.get(f"/api/units/{world.units[A]}/register", params=query)
    assert r.status_code == 200, r.text
    # the first six words tell the items of the two plans apart
    return sorted(" ".join((i.get("indicator") or i.get("title")).split()[:6])
                  for i in r.json()["items"])


# what each document says, read by hand (tests/data/plans/*.txt)
PARTY_ITEMS = sorted(["Tỷ lệ đảng viên được xếp", "Năm 2026: Hoàn thành việc sửa",
                      "Năm 2026: Hoàn thành việc xây", "Giao Văn phòng Đảng ủy theo"])
STATE_ITEMS = sorted(["Thu nhập bình quân đầu người", "Tỷ lệ hộ nghèo",
                      "Tỷ lệ dân số tham gia", "Xây dựng Kế hoạch đầu tư",
                      "Xây dựng Đề án phát triển", "Giao Phòng Kinh tế chủ trì"])


def test_issuer_and_document_kind_tell_party_plans_from_state_ones(both: World,
                                                                   as_user: Any) -> None:
    client = as_user("vanphong")
    assert _titles(client, both, issuer="dang_uy") == PARTY_ITEMS
    assert _titles(client, both, issuer="ubnd") == STATE_ITEMS
    assert _titles(client, both, issuer="hdnd") == []
    assert _titles(client, both, doc_kind="nghi_quyet") == PARTY_ITEMS
    assert _titles(client, both, doc_kind="ke_hoach") == STATE_ITEMS


def test_item_kind_and_field_filter_tasks_too_and_combine(both: World, as_user: Any) -> None:
    client = as_user("vanphong")
    assert _titles(client, both, kind="scheme") == ["Xây dựng Đề án phát triển"]
    assert _titles(client, both, field="quoc_phong_an_ninh") == [
        "Năm 2026: Hoàn thành việc xây"]  # under "2. Về quốc phòng, an ninh"
    assert _titles(client, both, field="van_hoa_xa_hoi") == sorted([
        "Tỷ lệ hộ nghèo", "Tỷ lệ dân số tham gia", "Năm 2026: Hoàn thành việc sửa"])
    assert _titles(client, both, field="van_hoa_xa_hoi", kind="task") == [
        "Năm 2026: Hoàn thành việc sửa"]
    assert _titles(client, both, field="kinh_te", kind="task", issuer="ubnd") == [
        "Xây dựng Kế hoạch đầu tư"]  # the task is its own section's name
    # no field named: the duties of Tổ chức thực hiện and the tourism scheme
    assert _titles(client, both, field="khac") == sorted([
        "Giao Văn phòng Đảng ủy theo", "Giao Phòng Kinh tế chủ trì",
        "Xây dựng Đề án phát triển"])
    assert _titles(client, both, field="khac", issuer="dang_uy", doc_kind="ke_hoach") == []


def test_an_unknown_filter_value_is_refused_in_vietnamese(both: World, as_user: Any) -> None:
    client = as_user("vanphong")
    r = client.get(f"/api/units/{both.units[A]}/register", params={"issuer": "bo_chinh_tri"})
    assert r.status_code == 400 and "cơ quan ban hành 'bo_chinh_tri'" in r.text
    r = client.get(f"/don-vi/{both.units[A]}/so-theo-doi", params={"doc_kind": "thu"})
    assert r.status_code == 400 and "loại văn bản &#39;thu&#39;" in r.text


def test_the_page_shows_the_filters_as_selects_and_its_etag_follows_the_query(
        both: World, as_user: Any) -> None:
    client = as_user("vanphong")
    url = f"/don-vi/{both.units[A]}/so-theo-doi"
    page = client.get(url, params={"issuer": "dang_uy", "doc_kind": "nghi_quyet",
                                   "field": "quoc_phong_an_ninh"})
    assert page.status_code == 200
    for chosen in ('<option value="dang_uy" selected>Đảng ủy</option>',
                   '<option value="nghi_quyet" selected>Nghị quyết</option>',
                   '<option value="quoc_phong_an_ninh" selected>Quốc phòng - An ninh</option>'):
        assert chosen in page.text
    assert "1 / 10 mục" in page.text and "thao trường" in page.text
    other = client.get(url, params={"issuer": "ubnd"})
    assert other.headers["ETag"] != page.headers["ETag"]
    again = client.get(url, params={"issuer": "ubnd"},
                       headers={"If-None-Match": other.headers["ETag"]})
    assert again.status_code == 304


def test_a_tasks_field_is_shown_and_corrected(both: World, as_user: Any) -> None:
    client = as_user("vanphong")
    k2 = both.items[A]["k2"]  # "Xây dựng Đề án phát triển du lịch cộng đồng": no field read
    assert k2["field"] is None
    assert "<dt>Lĩnh vực</dt><dd>Chưa phân lĩnh vực</dd>" in client.get("/nhiem-vu/k2").text
    review = client.get(f"/ke-hoach/{both.plans[A]}").text
    assert 'id="o-k2-field"' in review
    r = client.post("/muc/k2/sua", headers=HX, data={"version": k2["version"],
                                                     "field": "van_hoa_xa_hoi"})
    assert r.status_code == 200, r.text
    assert "<dt>Lĩnh vực</dt><dd>Văn hóa - Xã hội</dd>" in client.get("/nhiem-vu/k2").text
    assert "Xây dựng Đề án phát triển" in _titles(client, both, field="van_hoa_xa_hoi")
    r = client.post("/muc/k2/sua", headers=HX, data={"version": k2["version"] + 1,
                                                     "field": "du_lich"})
    assert r.status_code == 400 and 'id="loi-k2-field"' in r.text
    assert client.get("/api/items/k2").json()["item"]["field"] == "van_hoa_xa_hoi"


def _activate(client: Any, plan_id: int) -> None:
    """Accept every item and put the plan into implementation (the dashboard counts
    active plans only)."""
    for step in ("accept-all", "activate"):
        version = client.get(f"/api/plans/{plan_id}/review").json()["plan"]["version"]
        r = client.post(f"/api/plans/{plan_id}/{step}", json={"version": version})
        assert r.status_code == 200, r.text


def test_the_dashboard_narrows_its_counts_and_links_to_the_register_with_them(
        both: World, as_user: Any) -> None:
    client = as_user("vanphong")
    for plan_id in (both.plans[A], both.plans["party"]):
        _activate(client, plan_id)
    url = f"/api/units/{both.units[A]}/dashboard"
    every = client.get(url).json()
    assert every["totals"] == {"targets": 4, "tasks": 6}
    party = client.get(url, params={"issuer": "dang_uy"}).json()
    assert party["totals"] == {"targets": 1, "tasks": 3}
    assert {r["key"]: r["total"] for r in party["by_field"]} == {
        "xay_dung_dang": 1, "van_hoa_xa_hoi": 1, "quoc_phong_an_ninh": 1, "khac": 1}
    tasks = client.get(url, params={"kind": "task", "field": "kinh_te"}).json()
    assert tasks["totals"] == {"targets": 0, "tasks": 1}
    assert client.get(url, params={"field": "nong_nghiep"}).status_code == 400
    page = client.get(f"/don-vi/{both.units[A]}/tong-quan", params={"issuer": "dang_uy"}).text
    assert '<option value="dang_uy" selected>Đảng ủy</option>' in page
    # a field's row opens the register with the dashboard's filters kept
    assert (f'href="/don-vi/{both.units[A]}/so-theo-doi?issuer=dang_uy&amp;'
            'field=quoc_phong_an_ninh">Quốc phòng - An ninh</a>') in page


def test_the_dashboard_page_reads_each_filter_under_its_own_name(both: World,
                                                                  as_user: Any) -> None:
    """The page reads its four filters from the query itself (web/pages/status.py): each
    under its own name, the last value when one is sent twice, a value no choice offers
    refused as the API refuses it."""
    client = as_user("vanphong")
    url = f"/don-vi/{both.units[A]}/tong-quan"
    for name, value in (("kind", "scheme"), ("field", "kinh_te"), ("issuer", "ubnd"),
                        ("doc_kind", "nghi_quyet")):
        page = client.get(url, params={name: value})
        assert page.status_code == 200
        assert page.text.count(" selected>") == 1
        assert f'<option value="{value}" selected>' in page.text
    twice = client.get(url + "?kind=target&kind=task").text
    assert '<option value="task" selected>' in twice and twice.count(" selected>") == 1
    assert client.get(url, params={"doc_kind": "thu"}).status_code == 400
