"""Emulation register (issue 21 item 2) on both databases: sample 002 proposes its
movement, the office creates and edits it, an agency sees, writes and signs only its own
registration. Expected values are read from sample 002 by hand."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.services.conftest import PLANS, SAMPLES, load
from theodoi.domain.access import Grant
from theodoi.domain.errors import BadInput, Conflict, FieldError, Forbidden, NotFound
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import members, movements, registrations
from theodoi.services.history import audit
from theodoi.services.register import agencies, units

CO_LE = "Thị trấn Cổ Lễ"
S002 = SAMPLES / "002_d2b9d9a47977116e.txt"


class Town:
    """Sample 002 imported into Thị trấn Cổ Lễ, with two agencies and three people."""

    def __init__(self, s: Any) -> None:
        self.plan = load(s, S002, CO_LE).plan_id
        unit = units.find(s, CO_LE)
        self.unit = unit.id
        self.vp = agencies.resolve(s, unit, "Văn phòng - thống kê").id  # type: ignore[union-attr]
        self.vh = agencies.resolve(s, unit, "Văn hóa - xã hội").id  # type: ignore[union-attr]
        office = accounts.create_user(s, "vanphong", "mat-khau-du-dai-1", full_name="Văn phòng")
        agency = accounts.create_user(s, "vpthongke", "mat-khau-du-dai-1",
                                      full_name="Công chức VP-TK")
        leader = accounts.create_user(s, "chutich", "mat-khau-du-dai-1", full_name="Chủ tịch")
        self.office = Principal(office.id, "vanphong", "Văn phòng",
                                (Grant(self.unit, "van_phong"),))
        self.agency = Principal(agency.id, "vpthongke", "Công chức VP-TK",
                                (Grant(self.unit, "don_vi", self.vp),))
        self.leader = Principal(leader.id, "chutich", "Chủ tịch", (Grant(self.unit, "lanh_dao"),))


@pytest.fixture
def town(session: Any) -> Town:
    return Town(session)


def _movement(s: Any, t: Town) -> dict[str, Any]:
    version = movements.proposals(s, t.office, t.unit)[0]["version"]
    return movements.create_from_plan(s, t.office, t.plan, version)


def test_sample_002_proposes_its_movement_once(session: Any, town: Town) -> None:
    [offer] = movements.proposals(session, town.office, town.unit)
    assert offer["plan_id"] == town.plan and offer["criteria"] == 7
    m = movements.create_from_plan(session, town.office, town.plan, offer["version"])
    assert m["name"] == ("Phong trào thi đua thực hiện nhiệm vụ công tác Cải cách hành chính "
                         "thị trấn Cổ Lễ năm 2024")
    assert m["slogan"].startswith("Đẩy mạnh cải cách hành chính; thực hiện đạo đức")
    assert (m["period_start"], m["period_end"]) == (None, "2024-12-31")
    assert m["deadline"] == "2024-11-10"
    assert m["receiver"] == "UBND thị trấn (qua Văn phòng - thống kê)"
    assert m["source_plan_id"] == town.plan and m["plan_id"] is None
    assert len(m["details"]["contents"]) == 6 and len(m["details"]["dossier"]) == 4
    assert [r["form"] for r in m["details"]["rewards"]] == [
        "giay_khen", "giay_khen", "chien_si_thi_dua_co_so"]
    # two criteria for collectives, five for individuals; "đúng thời gian quy định" is
    # measured by tasks done on time, the rest judged by a person
    assert [c["applies_to"] for c in m["criteria"]] == ["collective"] * 2 + ["individual"] * 5
    assert [(c["kind"], c["threshold"]) for c in m["criteria"]] == [
        ("judged", None), ("judged", None), ("tasks_on_time_share", 100.0),
        ("judged", None), ("judged", None), ("judged", None), ("judged", None)]
    assert movements.proposals(session, town.office, town.unit) == []
    with pytest.raises(Conflict):
        movements.create_from_plan(session, town.office, town.plan, offer["version"])
    assert [e.field for e in audit.history(session, "movement", m["id"])] == ["created"]


def test_only_the_office_creates_and_a_stale_or_plain_plan_is_refused(
        session: Any, town: Town) -> None:
    with pytest.raises(Forbidden):
        movements.create_from_plan(session, town.leader, town.plan, 1)
    with pytest.raises(Conflict):
        movements.create_from_plan(session, town.office, town.plan, 0)
    plain = load(session, PLANS / "ke-hoach-v1.txt", CO_LE).plan_id
    with pytest.raises(BadInput, match="không phát động phong trào"):
        movements.create_from_plan(session, town.office, plain, 1)
    outsider = Principal(999, "khac", "", (Grant(units.create(session, "Xã Khác").id,
                                                 "van_phong"),))
    with pytest.raises(NotFound):
        movements.create_from_plan(session, outsider, town.plan, 1)


def test_editing_the_movement_and_its_criteria(session: Any, town: Town) -> None:
    m = _movement(session, town)
    m = movements.update(session, town.office, m["id"], m["version"],
                         {"period_start": "01/03/2024", "receiver": "Văn phòng - thống kê"})
    assert m["period_start"] == "2024-03-01"
    with pytest.raises(FieldError):
        movements.update(session, town.office, m["id"], m["version"], {"period_end": "2023-12-31"})
    with pytest.raises(Conflict):
        movements.update(session, town.office, m["id"], 1, {"name": "x"})
    added = members.add_criterion(session, town.office, m["id"], m["version"], {
        "text": "Ít nhất 80% chỉ tiêu được giao đạt hoặc vượt", "applies_to": "collective",
        "kind": "targets_met_share", "threshold": "80"})
    assert (added["kind"], added["threshold"], added["evidence"]) == (
        "targets_met_share", 80.0, True)
    for bad in ({"kind": "targets_met_share", "threshold": "120"},
                {"kind": "target_met"}, {"kind": "judged", "threshold": "50"},
                {"kind": "target_met", "target_id": "T999999"}):
        with pytest.raises(BadInput):
            members.update_criterion(session, town.office, added["id"], added["version"], bad)
    judged = members.update_criterion(session, town.office, added["id"], added["version"],
                                      {"kind": "judged", "threshold": None})
    assert judged["threshold"] is None and not judged["evidence"]
    members.remove_criterion(session, town.office, added["id"], judged["version"])
    assert len(movements.get(session, town.office, m["id"])["criteria"]) == 7


def test_an_agency_sees_writes_and_signs_only_its_own_registration(
        session: Any, town: Town) -> None:
    m = _movement(session, town)
    own = members.add_participant(session, town.office, m["id"], m["version"],
                                  {"kind": "agency", "agency_id": town.vp})
    m = movements.get(session, town.office, m["id"])
    other = members.add_participant(session, town.office, m["id"], m["version"],
                                    {"kind": "agency", "agency_id": town.vh})
    m = movements.get(session, town.office, m["id"])
    members.add_participant(session, town.office, m["id"], m["version"],
                            {"kind": "person", "name": "Ông Nguyễn Văn A"})
    assert own["name"] == "Văn phòng - thống kê"
    seen = movements.get(session, town.agency, m["id"])
    assert [x["name"] for x in seen["participants"]] == ["Văn phòng - thống kê"]
    assert len(movements.get(session, town.leader, m["id"])["participants"]) == 3
    with pytest.raises(NotFound):
        registrations.get(session, town.agency, other["id"])
    reg = own["registration"]
    with pytest.raises(BadInput, match="chưa có nội dung"):
        registrations.sign(session, town.agency, own["id"], reg["version"])
    saved = registrations.save(session, town.agency, own["id"], reg["version"],
                               ["Giải quyết 100% hồ sơ TTHC đúng hạn", " ", "Có 01 sáng kiến"])
    reg = saved["participant"]["registration"]
    assert reg["commitments"] == ["Giải quyết 100% hồ sơ TTHC đúng hạn", "Có 01 sáng kiến"]
    with pytest.raises(Forbidden):
        registrations.sign(session, town.office, own["id"], reg["version"])
    with pytest.raises(Forbidden):
        registrations.save(session, town.leader, own["id"], reg["version"], ["x"])
    signed = registrations.sign(session, town.agency, own["id"], reg["version"])
    reg = signed["participant"]["registration"]
    assert (reg["state"], reg["signed_by"]) == ("signed", "Công chức VP-TK")
    # the office changes what was signed: back to draft, to be signed again
    again = registrations.save(session, town.office, own["id"], reg["version"],
                               ["Giải quyết 100% hồ sơ TTHC đúng hạn"])
    assert again["participant"]["registration"]["state"] == "draft"
    states = [(e.field, e.new) for e in audit.history(
        session, "registration", reg["id"]) if e.field == "state"]
    assert states == [("state", "signed"), ("state", "draft")]


def test_participants_are_unique_and_linked_to_the_unit(session: Any, town: Town) -> None:
    m = _movement(session, town)
    members.add_participant(session, town.office, m["id"], m["version"],
                            {"kind": "hamlet", "name": "Tổ dân phố số 1"})
    m = movements.get(session, town.office, m["id"])
    with pytest.raises(Conflict):
        members.add_participant(session, town.office, m["id"], m["version"],
                                {"kind": "hamlet", "name": "Tổ  dân phố số 1"})
    with pytest.raises(BadInput):
        members.add_participant(session, town.office, m["id"], m["version"],
                                {"kind": "doanh_nghiep", "name": "Công ty A"})
    person = members.add_participant(session, town.office, m["id"], m["version"],
                                     {"kind": "person", "username": "chutich"})
    assert person["name"] == "Chủ tịch" and person["can_sign"] is False
    # the person it is signs it
    registrations.save(session, town.leader, person["id"],
                       person["registration"]["version"], ["Hoàn thành tốt nhiệm vụ"])
    got = registrations.get(session, town.leader, person["id"])
    assert got["participant"]["can_sign"] is True
    with pytest.raises(Forbidden):
        members.add_participant(session, town.agency, m["id"], m["version"],
                                {"kind": "person", "name": "B"})
    assert date(2024, 11, 10).isoformat() == movements.get(session, town.agency,
                                                           m["id"])["deadline"]
