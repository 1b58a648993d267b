"""The `emulation` section (schema 1.1): sample 002 against its hand-written answer,
corpus plan 04 (a province's movement for the 2026 elections), plans without one, and the
rules as tables of real sentences."""

from __future__ import annotations

import json

import pytest

import theodoi
from tests.conftest import FIXTURES, SAMPLES, SHARED_COPY
from theodoi.domain.text import squash
from theodoi.extraction import emulation as E
from theodoi.extraction.schema import SCHEMA

EXPECTED = FIXTURES / "expected" / "emulation" / "002_d2b9d9a47977116e.json"


@pytest.fixture(scope="module")
def sample_002() -> dict:
    return theodoi.extract(SAMPLES / "002_d2b9d9a47977116e.txt", memory_mb=0)


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_schema_minor_version_names_the_section(sample_002: dict) -> None:
    assert SCHEMA == "theodoi.extraction/1.1"
    assert sample_002["schema"] == "theodoi.extraction/1.1"


def test_002_name_slogan_period(sample_002: dict, expected: dict) -> None:
    em = sample_002["emulation"]
    assert em["name"] == expected["name"]
    assert em["slogan"] == expected["slogan"]
    assert em["period"] == expected["period"]


def test_002_contents(sample_002: dict, expected: dict) -> None:
    got = [c["text"] for c in sample_002["emulation"]["contents"]]
    assert len(got) == len(expected["contents"])
    for text, (first, last) in zip(got, expected["contents"], strict=True):
        assert text.startswith(first) and text.endswith(last), text


def test_002_participants_and_criteria(sample_002: dict, expected: dict) -> None:
    em = sample_002["emulation"]
    assert {k: [p["text"] for p in v] for k, v in em["participants"].items()} == \
        expected["participants"]
    got = [{"applies_to": c["applies_to"], "text": c["text"],
            "conditions": [x["code"] for x in c["conditions"]]} for c in em["criteria"]]
    assert got == expected["criteria"]


def test_002_rewards_dossier_deadline_bodies(sample_002: dict, expected: dict) -> None:
    em = sample_002["emulation"]
    assert [{k: r[k] for k in ("form", "awarded_by", "proposed", "applies_to")}
            for r in em["rewards"]] == expected["rewards"]
    assert [{k: d[k] for k in ("kind", "form_ref", "text")} for d in em["dossier"]] == \
        expected["dossier"]
    assert {k: em["deadline"][k] for k in ("date", "receiver", "via")} == expected["deadline"]
    assert [r["body"] for r in em["responsible"]] == expected["responsible"]


def test_002_spans_hold_their_text(sample_002: dict) -> None:
    text = (SAMPLES / "002_d2b9d9a47977116e.txt").read_text(encoding="utf-8")
    em = sample_002["emulation"]
    items = [*em["contents"], *em["criteria"], *em["dossier"], *em["responsible"],
             *em["participants"]["collectives"]]
    for item in items:
        a, b = item["span"]
        assert squash(text[a:b]) == item["text"]
    assert em["span"][0] == text.index("II. KHẨU HIỆU THI ĐUA")


@pytest.mark.parametrize("name", ["000_bc70259db3d54841.txt", "001_81fb9a8f4653a181.txt",
                                  "003_ce4c1004cfc020ed.txt", "004_6b6b87edb22c8fec.txt"])
def test_plans_that_launch_no_movement_have_none(name: str) -> None:
    # 000 and 001 mention "phong trào thi đua" in a task, but launch none of their own
    assert theodoi.extract(SAMPLES / name, memory_mb=0)["emulation"] is None


def test_corpus_04_election_movement() -> None:
    em = theodoi.extract(SHARED_COPY / "corpus" / "04.docx", memory_mb=0)["emulation"]
    assert em["period"]["start"] == "2025-10-01" and em["period"]["end"] == "2026-03-31"
    assert len(em["contents"]) == 7  # a) … f) and đ)
    assert em["participants"]["collectives"][0]["text"].startswith("Các cơ quan Đảng trực thuộc")
    assert em["participants"]["individuals"][0]["text"].startswith("Cán bộ, công chức, viên chức")
    assert [(r["form"], r["awarded_by"]) for r in em["rewards"]] == [
        ("bang_khen", "Thủ tướng Chính phủ"), ("bang_khen", "Chủ tịch UBND tỉnh"),
        ("giay_khen", "Thủ trưởng các cơ quan, đơn vị; Chủ tịch UBND các xã, phường")]
    rate = next(c for c in em["criteria"] if c["text"].startswith("Có tỷ lệ cử tri"))
    assert rate["applies_to"] == "collective" and rate["reward"] == "bang_khen"
    assert {"code": "min_rate", "text": "đạt từ 98% trở lên", "value": 98.0} in rate["conditions"]
    assert [d["kind"] for d in em["dossier"]][-5:-1] == [
        "proposal", "council_minutes", "achievement_report", "other"]
    assert [r["body"] for r in em["responsible"]][:2] == [
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh"]


@pytest.mark.parametrize(("sentence", "codes"), [
    ("Hoàn thành tốt nhiệm vụ trở lên", ["good_or_better"]),
    ("là đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên", ["good_or_better"]),
    ("Hoàn thành xuất sắc nhiệm vụ được giao", ["excellent"]),
    ("Không vi phạm kỷ luật, kỷ cương hành chính", ["no_discipline_breach"]),
    ("Trong năm không bị xử lý kỷ luật từ khiển trách trở lên", ["no_discipline_breach"]),
    ("Có sáng kiến được Hội đồng sáng kiến cơ sở công nhận", ["has_initiative"]),
    ("Chấp hành chế độ báo cáo đầy đủ, chất lượng theo yêu cầu về nội dung, số lượng và "
     "đúng thời gian quy định", ["reports_on_time", "on_time"]),
    ("Có tỷ lệ cử tri đi bầu đạt từ 98% trở lên", ["min_rate"]),
    ("Có phẩm chất đạo đức tốt, đoàn kết", []),
])
def test_conditions(sentence: str, codes: list[str]) -> None:
    assert [c.code for c in E.conditions(sentence)] == codes


@pytest.mark.parametrize(("words", "form"), [
    ("Giấy khen của Chủ tịch UBND xã", "giay_khen"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "bang_khen"),
    ("công nhận chiến sỹ thi đua cơ sở", "chien_si_thi_dua_co_so"),
    ("Danh hiệu Chiến sĩ thi đua cơ sở", "chien_si_thi_dua_co_so"),
    ("Danh hiệu Lao động tiên tiến", "lao_dong_tien_tien"),
    ("Danh hiệu Tập thể lao động tiên tiến", "tap_the_lao_dong_tien_tien"),
    ("Tập thể lao động xuất sắc", "tap_the_lao_dong_xuat_sac"),
    ("Cờ thi đua của UBND tỉnh", "co_thi_dua"),
    ("Đối với tập thể", None),
])
def test_reward_forms(words: str, form: str | None) -> None:
    assert E.reward_form(words) == form


@pytest.mark.parametrize(("text", "issued", "start", "end"), [
    ("từ ngày UBND thị trấn ban hành kế hoạch đến hết năm 2024", "2024-03-01",
     "2024-03-01", "2024-12-31"),
    ("từ tháng 10 năm 2025 đến hết tháng 3 năm 2026", None, "2025-10-01", "2026-03-31"),
    ("Từ ngày 01/3/2025 đến ngày 30/11/2025", None, "2025-03-01", "2025-11-30"),
    ("từ năm 2021 đến năm 2025", None, "2021-01-01", "2025-12-31"),
    ("trong suốt năm học", None, None, None),
])
def test_period(text: str, issued: str | None, start: str | None, end: str | None) -> None:
    assert E.period(text, issued) == (start, end)


@pytest.mark.parametrize(("text", "answer"), [
    ("Hồ sơ gửi về UBND xã (qua Văn phòng HĐND và UBND) trước ngày 15/12/2025.",
     ("2025-12-15", "UBND xã", "Văn phòng HĐND và UBND")),
    ("Hồ sơ nộp về Phòng Nội vụ huyện chậm nhất ngày 30/11/2024", ("2024-11-30",
                                                                 "Phòng Nội vụ huyện", None)),
    ("Hồ sơ gửi trước ngày 31/02/2024", (None, None, None)),
])
def test_deadline(text: str, answer: tuple) -> None:
    assert E.deadline(text) == answer


MOVEMENT = """KẾ HOẠCH
Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ năm 2027
Hà Tĩnh, ngày 10 tháng 01 năm 2027
I. MỤC ĐÍCH, YÊU CẦU
Khơi dậy tinh thần thi đua yêu nước trong cán bộ, công chức, viên chức.
II. NỘI DUNG THI ĐUA
1. Thi đua hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ được giao.
III. THỜI GIAN TỔ CHỨC PHONG TRÀO THI ĐUA
Phong trào thi đua được triển khai từ ngày ban hành Kế hoạch đến hết ngày 30/11/2027. Sơ kết
vào tháng 7 năm 2027. Tổng kết vào tháng 12 năm 2027, gắn với tổng kết công tác năm.
IV. HÌNH THỨC KHEN THƯỞNG
Chủ tịch UBND xã tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc.
"""


def test_a_movements_time_and_its_reviews_are_tasks_due_then() -> None:
    """A plan that launches a movement says in its period part when the movement runs and
    when it is reviewed: each dated sentence is a task, the run due when it ends."""
    tasks = theodoi.extract(MOVEMENT.encode(), filename="kh.txt", memory_mb=0)["tasks"]
    got = [(squash(t["text"])[:30], t["due"]["date"], t["lead_agency"]) for t in tasks
           if t["rule"] == "task_movement"]
    assert got == [("Phong trào thi đua được triển ", "2027-11-30", None),
                   ("Sơ kết vào tháng 7 năm 2027.", "2027-07-31", None),
                   ("Tổng kết vào tháng 12 năm 2027", "2027-12-31", None)]


def test_a_plan_that_launches_no_movement_gives_no_movement_task() -> None:
    """The same period words in a plan with no movement's parts: no such task."""
    plain = ("KẾ HOẠCH\nThực hiện nhiệm vụ năm 2027\nI. THỜI GIAN THỰC HIỆN\nKế hoạch được "
             "triển khai từ tháng 01 năm 2027 đến hết tháng 12 năm 2027.\n")
    tasks = theodoi.extract(plain.encode(), filename="kh.txt", memory_mb=0)["tasks"]
    assert [t for t in tasks if t["rule"] == "task_movement"] == []
