"""The task page says where the task's product goes (issue 20 item 1), in HTML and JSON."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import World
from tests.web.progress_world import implement


def test_the_task_page_shows_the_body_the_work_reports_to(world: World, as_user: Any) -> None:
    implement(as_user, world)
    agency = as_user("donvi")
    # ke-hoach-v1.txt: "Giao Phòng Kinh tế chủ trì theo dõi, tổng hợp …, báo cáo UBND xã …"
    assert agency.get("/api/items/k3").json()["item"]["submit_to"] == ["UBND xã"]
    page = agency.get("/nhiem-vu/k3").text
    assert "<dt>Trình, gửi đến</dt><dd>UBND xã</dd>" in page
    # k1 "Xây dựng Kế hoạch đầu tư công trung hạn" names no body it goes to
    assert "Trình, gửi đến" not in agency.get("/nhiem-vu/k1").text
