"""The demo's emulation movement (issue 21): the sample plan that launches one (sample
002, Thị trấn Cổ Lễ's movement for administrative reform) gets its movement, two of the
town's agencies take part, the first registers its commitments and signs them, and is
proposed for a Giấy khen with its biên bản bình xét uploaded, so the movement's page, the
dossier checklist and the dashboard's deadline have something to show.

Deterministic and done once: a plan whose movement exists is left alone. The demo acts
as the town's office and the agency by name (no user: audit entries name "demo")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from theodoi.domain.access import Grant
from theodoi.services.accounts.access import Principal
from theodoi.services.demo.sample_outgoing import demo_copy
from theodoi.services.emulation import dossier, members, movements, registrations
from theodoi.storage.models import Plan
from theodoi.storage.repositories import agencies as agency_repo

COMMITMENTS = ("Giải quyết 100% hồ sơ thủ tục hành chính đúng hạn, không để tồn đọng",
               "Tuyên truyền người dân nộp hồ sơ trực tuyến trên Cổng dịch vụ công",
               "Có ít nhất 01 giải pháp cải cách hành chính được áp dụng")
PARTICIPANTS = 2


@dataclass(frozen=True)
class SampleMovement:
    unit: str
    name: str
    movement_id: int
    participants: list[str]


def add_sample_movement(s: Session, plan_ids: list[int], on: date) -> SampleMovement | None:
    """The movement of the first sample plan that launches one and has none yet."""
    for plan_id in plan_ids:
        plan = s.get(Plan, plan_id)
        if plan is None or movements.section_of(s, plan) is None:
            continue
        office = Principal(0, "demo", "Văn phòng (dùng thử)", (Grant(plan.unit_id,
                                                                    "van_phong"),))
        found = movements.of_plan(s, office, plan.id)
        if found is None or found["movement_id"] is not None:
            return None
        m = movements.create_from_plan(s, office, plan.id, plan.version)
        names = _participants(s, office, plan, m["id"], on)
        return SampleMovement(plan.unit.name, m["name"], m["id"], names) if names else None
    return None


def _participants(s: Session, office: Principal, plan: Plan, movement_id: int,
                  on: date) -> list[str]:
    """Two agencies of the town take part; the first registers, signs and is proposed."""
    chosen = agency_repo.for_unit(s, plan.unit_id)[:PARTICIPANTS]  # active ones first
    made = []
    for agency in chosen:
        version = movements.get(s, office, movement_id)["version"]
        made.append(members.add_participant(s, office, movement_id, version,
                                            {"kind": "agency", "agency_id": agency.id}))
    if not made:
        return []
    first = made[0]
    reg = registrations.save(s, office, first["id"], first["registration"]["version"],
                             list(COMMITMENTS))["participant"]["registration"]
    speaker = Principal(0, "demo", chosen[0].name,
                        (Grant(plan.unit_id, "don_vi", chosen[0].id),))
    registrations.sign(s, speaker, first["id"], reg["version"])
    dossier.open_dossier(s, office, first["id"], "giay_khen", on)
    dossier.upload(s, speaker, first["id"], 1, "bien-ban-binh-xet-mau.pdf", demo_copy(),
                   max_bytes=1 << 20, as_of=on)
    return [x["name"] for x in made]
