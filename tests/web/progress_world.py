"""The web world with its plans put into implementation, for the status and progress pages.

In Xã An Bình target t1 (thu nhập bình quân, 90 triệu đồng/năm by 2030) is given to Phòng
Kinh tế with a roadmap (2028: 80), so the agency user has a target and two tasks (k1, k3)
of its own; Phòng VH-XH leads k2. Xã Bình Minh's plan is active too, untouched.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.web.conftest import A, B, World

LATE = date(2027, 1, 15)  # after the 2026 period ends: reports of 2026 count by then


def activate(client: Any, world: World, unit: str, changes: dict[str, Any] | None = None
             ) -> dict[str, dict[str, Any]]:
    """Accept every item of the unit's plan (after `changes` to its first target) and put
    the plan into implementation; the items as the review lists them afterwards."""
    plan_id = world.plans[unit]
    review = client.get(f"/api/plans/{plan_id}/review").json()
    if changes:
        first = review["targets"][0]
        r = client.post(f"/api/items/{first['ref']}/correct",
                        json={"version": first["version"], "changes": changes})
        assert r.status_code == 200, r.text
    version = client.get(f"/api/plans/{plan_id}/review").json()["plan"]["version"]
    assert client.post(f"/api/plans/{plan_id}/accept-all",
                       json={"version": version}).status_code == 200
    version = client.get(f"/api/plans/{plan_id}/review").json()["plan"]["version"]
    assert client.post(f"/api/plans/{plan_id}/activate",
                       json={"version": version}).status_code == 200
    review = client.get(f"/api/plans/{plan_id}/review").json()
    return {i["ref"]: i for i in [*review["targets"], *review["tasks"]]}


def counting_at_once(world: World, unit: str = A) -> None:
    """The unit stops validating its agencies' figures (services/validation): what the
    agency user types counts at once, for tests of recording itself."""
    from theodoi.services import uow
    from theodoi.services.register import units

    with uow.transaction(world.settings) as s:
        units.find(s, unit).validate_figures = False


def implement(as_user: Any, world: World, *, validate: bool = True
              ) -> dict[str, dict[str, dict[str, Any]]]:
    """Both communes' plans active; A's first target led by Phòng Kinh tế with a roadmap;
    `validate` False: A's agency figures count at once (`counting_at_once`)."""
    if not validate:
        counting_at_once(world)
    office = as_user("vanphong")
    items = {A: activate(office, world, A, {"lead_agency": "Phòng Kinh tế",
                                            "milestones": "2028: 80"})}
    items[B] = activate(as_user("khac"), world, B)
    return items


def refs(items: dict[str, dict[str, Any]], kind: str, lead: str | None) -> list[str]:
    return [r for r, i in items.items() if i["kind"] == kind and i.get("lead_agency") == lead]
