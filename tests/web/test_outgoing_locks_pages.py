"""On the pages: a report numbered through the form locks its quarter (the pending page
names the report; a figure of the quarter is refused in words), the commune's history
lists the numbering and the sending, and the province's inbox shows its own incoming
number and its history the receipt. Both databases."""

from __future__ import annotations

from typing import Any

from tests.services.pdf_bytes import signed_pdf
from tests.web.conftest import A, World
from tests.web.test_outgoing_pages import PROVINCE, _activate, _form


def test_numbering_locks_and_the_steps_show_in_both_histories(world: World,
                                                              as_user: Any) -> None:
    _activate(world)
    clerk, unit = as_user("vanphong"), world.units[A]
    made = clerk.post(f"/don-vi/{unit}/van-ban-di", follow_redirects=False,
                      data={**_form(clerk), "kind": "quy", "period": "Q1/2026",
                            "issued_on": "02/04/2026"})
    assert made.status_code == 303
    doc = int(made.headers["location"].split("da_ghi=")[1].split("#")[0])
    pending = clerk.get(f"/don-vi/{unit}/so-lieu-cho-xac-nhan").text
    assert ("Quý I/2026 — chốt 02/04/2026 bởi vanphong (báo cáo số 1/BC-UBND đã vào sổ "
            "ngày 02/04/2026)") in pending
    refused = clerk.post("/api/items/t1/progress", json={"period": "Q1/2026", "value": "60"})
    assert refused.status_code == 409
    assert "Quý I/2026 đã chốt ngày 02/04/2026" in refused.json()["error"]["message"]
    clerk.post(f"/van-ban-di/{doc}/ban-ky", data=_form(clerk), follow_redirects=False,
               files={"file": ("ky.pdf", signed_pdf(), "application/pdf")})
    assert clerk.post(f"/van-ban-di/{doc}/gui", data=_form(clerk),
                      follow_redirects=False).status_code == 303
    history = clerk.get(f"/don-vi/{unit}/lich-su").text
    assert "văn bản đi 1/BC-UBND" in history
    assert "<td>sổ văn bản đi</td><td>đã vào sổ, chưa gửi</td><td>đã gửi</td>" in history
    reader = as_user("tinh")
    province = world.units[PROVINCE]
    box = reader.get(f"/don-vi/{province}/van-ban-den").text
    assert '<td class="so-den">1/' in box
    sent = reader.get(f"/api/outgoing/{doc}").json()
    assert (sent["incoming_number"], sent["incoming_text"].split(",")[0]) == (
        1, f"số đến 1/{sent['incoming_year']}")
    theirs = reader.get(f"/don-vi/{province}/lich-su").text
    assert f"văn bản đến 1/BC-UBND của {A}" in theirs
