"""The baseline of a target (giá trị năm gốc, năm gốc) from the target page and its API
twin: the office sets it, version-checked and audited; others may not; bad input changes
nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import World
from tests.web.progress_world import implement


@pytest.fixture
def items(world: World, as_user: Any) -> dict[str, dict[str, dict[str, Any]]]:
    return implement(as_user, world)


def _target(client: Any) -> dict[str, Any]:
    data: dict[str, Any] = client.get("/api/items/t1").json()
    return data


def test_the_office_sets_the_baseline_from_the_target_page(world: World, as_user: Any,
                                                            items: Any) -> None:
    office = as_user("vanphong")
    page = office.get("/chi-tieu/t1")
    assert 'action="/chi-tieu/t1/so-lieu-goc"' in page.text and "chưa nhập" in page.text
    before = _target(office)
    assert before["baseline"] == {"value": None, "year": None}
    csrf = office.headers["X-CSRF-Token"]
    r = office.post("/chi-tieu/t1/so-lieu-goc", follow_redirects=False,
                    data={"value": "65,5", "year": "2025", "csrf_token": csrf,
                          "version": str(before["item"]["version"])})
    assert r.status_code == 303
    # the message is shown in the baseline form's own notice area, which the URL points at
    assert r.headers["location"] == "/chi-tieu/t1?da_ghi=so-lieu-goc#tb-so-lieu-goc"
    shown = office.get(r.headers["location"].split("#")[0]).text
    assert 'id="tb-so-lieu-goc" tabindex="-1" aria-live="polite" autofocus><p class="thanh-cong"' \
        ' role="status">Đã ghi số liệu gốc của chỉ tiêu t1: 65,5 triệu đồng/năm (năm 2025).' \
        in shown
    after = _target(office)
    assert after["baseline"] == {"value": 65.5, "year": 2025}
    assert after["item"]["version"] == before["item"]["version"] + 1
    assert after["chart"]["expected"][0] == [2026.0, 65.5]  # the line starts from it
    shown = office.get("/chi-tieu/t1").text
    assert "Số liệu gốc</dt><dd>65,5 triệu đồng/năm (năm 2025)" in shown
    assert 'name="value" inputmode="decimal" value="65,5"' in shown
    audit = office.get("/api/items/t1/audit").json()["entries"]
    changes = {(e["field"], e["old"], e["new"], e["username"]) for e in audit[:2]}
    assert changes == {("baseline_value", None, "65.5", "vanphong"),
                       ("baseline_year", None, "2025", "vanphong")}
    assert {e["field_label"] for e in audit[:2]} == {"số liệu gốc", "năm gốc"}


def test_a_stale_save_is_refused_and_nothing_changes(world: World, as_user: Any,
                                                     items: Any) -> None:
    office, admin = as_user("vanphong"), as_user("quantri")
    version = _target(office)["item"]["version"]
    r = admin.post("/api/items/t1/baseline", json={"value": 60, "year": 2025,
                                                   "version": version})
    assert r.status_code == 200 and r.json()["version"] == version + 1
    stale = office.post("/api/items/t1/baseline", json={"value": "70", "year": "2024",
                                                        "version": version})
    assert stale.status_code == 409
    assert "vừa được người khác thay đổi" in stale.json()["error"]["message"]
    page = office.post("/chi-tieu/t1/so-lieu-goc", data={
        "value": "70", "year": "2024", "version": str(version),
        "csrf_token": office.headers["X-CSRF-Token"]})
    assert page.status_code == 409 and "Chỉ tiêu t1 vừa được người khác thay đổi" in page.text
    assert _target(office)["baseline"] == {"value": 60.0, "year": 2025}


@pytest.mark.parametrize(("body", "words"), [
    ({"value": "nhiều", "year": "2025"}, "không phải là số"),
    ({"value": " ", "year": "2025"}, "hãy nhập giá trị năm gốc"),
    ({"value": "60", "year": "năm ngoái"}, "năm gốc 'năm ngoái' không hợp lệ"),
    ({"value": "60", "year": "2030"}, "phải trước năm đến hạn 2030"),
])
def test_bad_input_is_refused_in_vietnamese(world: World, as_user: Any, items: Any,
                                            body: dict[str, str], words: str) -> None:
    office = as_user("vanphong")
    version = _target(office)["item"]["version"]
    r = office.post("/api/items/t1/baseline", json={**body, "version": version})
    assert r.status_code == 400 and words in r.json()["error"]["message"]
    after = _target(office)
    assert after["baseline"] == {"value": None, "year": None}
    assert after["item"]["version"] == version


def test_only_the_office_may_and_only_on_targets(world: World, as_user: Any,
                                                 items: Any) -> None:
    body = {"value": "60", "year": "2025", "version": 1}
    assert as_user("lanhdao").post("/api/items/t1/baseline", json=body).status_code == 403
    assert as_user("donvi").post("/api/items/t1/baseline", json=body).status_code == 403
    assert as_user("donvi").post("/api/items/t2/baseline", json=body).status_code == 404
    assert as_user("khac").post("/api/items/t1/baseline", json=body).status_code == 404
    assert "so-lieu-goc" not in as_user("lanhdao").get("/chi-tieu/t1").text
    task = as_user("vanphong").post("/api/items/k1/baseline", json=body)
    assert task.status_code == 400 and "là nhiệm vụ" in task.json()["error"]["message"]
