"""Emulation and dossier deadlines as reminder triggers (issue 19, rule
`emulation_deadline`) on both databases, the day passed in. Sample 002's movement in Thị
trấn Cổ Lễ must have its dossiers in "trước ngày 10/11/2024"; the town has no plan in
implementation (sample 002 is stored as a draft), so only the movement brings it into
the digest. Ủy ban MTTQ and a named officer are proposed with papers missing; Văn hóa -
xã hội is proposed with a complete dossier; the defaults remind 7, 3 and 1 days before,
on the day, the day after and every 7 days after."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.services.conftest import MAX, SAMPLES
from theodoi.domain.access import Grant
from theodoi.services import reminders, uow
from theodoi.services.accounts import users as accounts
from theodoi.services.accounts.access import Principal
from theodoi.services.emulation import dossier, members, movements
from theodoi.services.register import agencies, importing, units
from theodoi.settings import Settings

CO_LE = "Thị trấn Cổ Lễ"
S002 = SAMPLES / "002_d2b9d9a47977116e.txt"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
USERS = {"vanphong": ("van_phong", None), "chutich": ("lanh_dao", None),
         "mttq": ("don_vi", "Ủy ban MTTQ Việt Nam"), "vhxh": ("don_vi", "Văn hóa - xã hội"),
         "nguyenvana": ("xem", None)}


@pytest.fixture
def town(db_url: str, tmp_path: Path) -> tuple[Settings, dict[str, int]]:
    settings = Settings(database_url=db_url, data_dir=tmp_path / "data",
                        public_url="http://theodoi.test")
    with uow.transaction(settings) as s:
        plan = importing.import_plan(s, CO_LE, S002.read_bytes(), S002.name,
                                     max_bytes=MAX).plan_id
        unit = units.find(s, CO_LE)
        found = {"mttq": _agency(s, unit, 0), "vhxh": _agency(s, unit, 1)}
        for name, (role, agency) in USERS.items():
            accounts.create_user(s, name, "mat-khau-du-dai-1", full_name=name.title())
            accounts.grant(s, name, CO_LE, role, agency)
        office = Principal(accounts.get_user(s, "vanphong").id, "vanphong", "Văn phòng",
                           (Grant(unit.id, "van_phong"),))
        m = movements.create_from_plan(s, office, plan,
                                       movements.proposals(s, office, unit.id)[0]["version"])
        ids = {}
        for key, fields in (("mttq", {"kind": "agency", "agency_id": found["mttq"]}),
                            ("vhxh", {"kind": "agency", "agency_id": found["vhxh"]}),
                            ("person", {"kind": "person", "username": "nguyenvana"})):
            version = movements.get(s, office, m["id"])["version"]
            ids[key] = members.add_participant(s, office, m["id"], version, fields)["id"]
            dossier.open_dossier(s, office, ids[key], "giay_khen", date(2024, 10, 20))
        for paper in (0, 1, 3):  # the achievement report (2) theodoi produces
            dossier.upload(s, office, ids["vhxh"], paper, f"giay-{paper}.pdf", PDF,
                           max_bytes=MAX, as_of=date(2024, 10, 20))
        ids["movement"], ids["office"] = m["id"], office.user_id
    return settings, ids


def _agency(s: Any, unit: Any, which: int) -> int:
    """The agency's id; "Văn hóa - xã hội" enters the directory here (sample 002's tasks
    name the MTTQ, not it)."""
    name = ("Ủy ban MTTQ Việt Nam", "Văn hóa - xã hội")[which]
    return int(agencies.resolve(s, unit, name).id)  # type: ignore[union-attr]


def _lines(settings: Settings, day: date) -> dict[str, list[tuple[str, str, str]]]:
    """Each person's emulation lines of the day: (link, what, phrase); nothing written."""
    with uow.transaction(settings) as s:
        planned = reminders.run_digest(s, settings, day, datetime(2024, 1, 1), dry_run=True)
    return {p.username: sorted((ln.link, ln.what, ln.phrase) for _, ln in p.lines
                               if ln.trigger == "emulation_deadline") for p in planned}


def test_seven_days_before_the_office_and_incomplete_dossiers_hear(
        town: tuple[Settings, dict[str, int]]) -> None:
    settings, ids = town
    got = _lines(settings, date(2024, 11, 3))
    office = (f"/thi-dua/{ids['movement']}", "Hạn nộp hồ sơ khen thưởng gửi UBND thị trấn "
              "(qua Văn phòng - thống kê); 2 hồ sơ còn thiếu giấy tờ", "còn 7 ngày")
    assert got["vanphong"] == [office]
    assert got["mttq"] == [(f"/doi-tuong/{ids['mttq']}/ho-so",
                            "Hồ sơ khen thưởng còn thiếu 3 mục", "còn 7 ngày")]
    assert got["nguyenvana"] == [(f"/doi-tuong/{ids['person']}/ho-so",
                                  "Hồ sơ khen thưởng còn thiếu 3 mục", "còn 7 ngày")]
    assert "vhxh" not in got and "chutich" not in got  # complete; leaders are not told


def test_the_schedule_of_days(town: tuple[Settings, dict[str, int]]) -> None:
    settings, _ = town
    phrases = {day: _lines(settings, date(2024, 11, day)).get("mttq", [])
               for day in (5, 7, 9, 10, 11, 12, 18)}
    assert {d: [p for _, _, p in v] for d, v in phrases.items()} == {
        5: [], 7: ["còn 3 ngày"], 9: ["còn 1 ngày"], 10: ["đến hạn hôm nay"],
        11: ["quá hạn 1 ngày"], 12: [], 18: ["quá hạn 8 ngày"]}


def test_once_every_dossier_is_complete_nobody_hears_after_the_deadline(
        town: tuple[Settings, dict[str, int]]) -> None:
    settings, ids = town
    with uow.transaction(settings) as s:
        office = Principal(ids["office"], "vanphong", "Văn phòng",
                           (Grant(units.find(s, CO_LE).id, "van_phong"),))
        for key in ("mttq", "person"):
            for paper in (0, 1, 3):
                dossier.upload(s, office, ids[key], paper, "giay.pdf", PDF, max_bytes=MAX,
                               as_of=date(2024, 11, 11))
    assert _lines(settings, date(2024, 11, 18)) == {}
    # before the deadline the office still hears of it, with nothing missing
    assert _lines(settings, date(2024, 11, 9))["vanphong"] == [
        (f"/thi-dua/{ids['movement']}", "Hạn nộp hồ sơ khen thưởng gửi UBND thị trấn "
         "(qua Văn phòng - thống kê)", "còn 1 ngày")]


def test_a_unit_rule_and_a_persons_mute_are_obeyed(
        town: tuple[Settings, dict[str, int]]) -> None:
    settings, _ = town
    with uow.transaction(settings) as s:
        unit = units.find(s, CO_LE)
        reminders.set_unit_rule(s, None, unit.id, "emulation_deadline", {"before_days": [5]})
        user = accounts.get_user(s, "mttq")
        reminders.save_preferences(s, Principal(user.id, "mttq", "Mttq", ()),
                                   {"muted": ["emulation_deadline"]})
    got = _lines(settings, date(2024, 11, 5))
    assert [p for _, _, p in got["vanphong"]] == ["còn 5 ngày"]
    assert [p for _, _, p in got["nguyenvana"]] == ["còn 5 ngày"]
    assert "mttq" not in got
    assert _lines(settings, date(2024, 11, 3)) == {}
