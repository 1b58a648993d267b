"""Tasks: duties in Tổ chức thực hiện, dated works, appendix rows."""

from __future__ import annotations

import pytest

from theodoi.extraction import extract
from theodoi.extraction.stages.tasks import duty_agency

PLAN = """KẾ HOẠCH
Chuyển đổi số năm 2026
Hưng Lộc, ngày 5 tháng 1 năm 2026
I. NHIỆM VỤ
- Năm 2026: Hoàn thành việc số hóa hồ sơ địa chính.
- Tăng cường tuyên truyền về chuyển đổi số.
II. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND chủ trì, phối hợp các ngành theo dõi, đôn đốc thực hiện.
2. Đề nghị Ủy ban MTTQ xã: tuyên truyền, vận động nhân dân tham gia.
3. Các thôn căn cứ kế hoạch tổ chức triển khai tại địa bàn.
Trên đây là Kế hoạch chuyển đổi số năm 2026.
PHỤ LỤC
1 Kế hoạch phát triển hạ tầng số UBND xã
Quý II năm 2026
2 Đề án xây dựng xã thông minh Phòng Kinh tế
Quý IV/2026
"""


def test_tasks_from_every_source() -> None:
    tasks = extract(PLAN.encode(), filename="kh.txt")["tasks"]
    got = [(t["lead_agency"], (t["due"] or {}).get("date"), t["kind"]) for t in tasks]
    assert got == [
        (None, "2026-12-31", "task"),
        ("Văn phòng HĐND và UBND", None, "task"),
        ("Ủy ban MTTQ xã", None, "task"),
        ("Các thôn", None, "task"),
        ("UBND xã", "2026-06-30", "task"),
        ("Phòng Kinh tế", "2026-12-31", "scheme"),
    ]
    assert tasks[4]["title"] == "Kế hoạch phát triển hạ tầng số"


@pytest.mark.parametrize(("item", "agency"), [
    ("- Công an xã chủ trì đảm bảo an ninh trật tự.", "Công an xã"),
    ("- Yêu cầu các ông, bà Tổ trưởng tổ dân phố: Thông báo kế hoạch.", "Tổ trưởng tổ dân phố"),
    ("3. Giao Phòng Văn hóa - Xã hội tham mưu tổ chức các hoạt động.", "Phòng Văn hóa - Xã hội"),
    ("- Tăng cường kiểm tra, giám sát.", None),
])
def test_duty_agency(item: str, agency: str | None) -> None:
    assert duty_agency(item) == agency


PARTY_PLAN = """CHƯƠNG TRÌNH HÀNH ĐỘNG
Thực hiện Nghị quyết Đại hội nhiệm kỳ 2025 - 2030
A. NỘI DUNG
I. Các khâu đột phá
(1) Chuyển đổi số toàn diện trong hoạt động của hệ thống chính trị.
(2) Phát triển hạ tầng giao thông nông thôn.
II. Đề án trọng tâm
1. Đề án “Phát triển du lịch cộng đồng”
1.1. Triển khai xây dựng và thực hiện Đề án
- Người chủ trì: Đồng chí Phó Chủ tịch UBND xã.
- Cơ quan tham mưu: Phòng Văn hóa - Xã hội.
- Cơ quan phối hợp thực hiện: Phòng Kinh tế, Đoàn Thanh niên.
- Thời gian thực hiện: Quý III năm 2026.
B. TỔ CHỨC THỰC HIỆN
I. Hội đồng nhân dân xã
- Giám sát việc thực hiện chương trình.
II. Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội
- Tuyên truyền, vận động Nhân dân tham gia.
"""


def test_blocks_breakthroughs_and_duties_under_a_bodys_heading() -> None:
    tasks = extract(PARTY_PLAN.encode(), filename="ctr.txt")["tasks"]
    kinds = [(t["kind"], t["lead_agency"]) for t in tasks]
    assert kinds == [
        ("breakthrough", None), ("breakthrough", None),
        ("scheme", "Phòng Văn hóa - Xã hội"),
        ("task", "Hội đồng nhân dân xã"),
        ("task", "Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội"),
    ]
    scheme = tasks[2]
    assert scheme["leader"] == "Đồng chí Phó Chủ tịch UBND xã"
    assert scheme["co_agencies"] == ["Phòng Kinh tế", "Đoàn Thanh niên"]
    assert scheme["due"]["date"] == "2026-09-30"


def test_duties_do_not_take_a_year_mentioned_in_passing_as_their_due_date() -> None:
    text = ("KẾ HOẠCH\nThi đua năm 2024\nI. TỔ CHỨC THỰC HIỆN\n"
            "1. Công chức Văn hóa - xã hội tuyên truyền phong trào thi đua năm 2024.\n")
    (task,) = extract(text.encode(), filename="kh.txt")["tasks"]
    assert task["due"] is None


def test_submit_to_and_an_unreadable_time_is_warned() -> None:
    text = ("KẾ HOẠCH\nNăm 2026\nI. NHIỆM VỤ\n1. Xây dựng chợ nông thôn\n"
            "- Cơ quan chủ trì: Phòng Kinh tế.\n- Thời gian thực hiện: thường xuyên.\n"
            "II. TỔ CHỨC THỰC HIỆN\n1. Văn phòng HĐND và UBND chủ trì xây dựng dự thảo, "
            "trình Ban Thường vụ Đảng ủy trong Quý II năm 2026.\n")
    result = extract(text.encode(), filename="kh.txt")
    block, duty = result["tasks"]
    assert (block["lead_agency"], block["due"]) == ("Phòng Kinh tế", None)
    assert duty["submit_to"] == ["Ban Thường vụ Đảng ủy"]
    assert duty["due"]["date"] == "2026-06-30"
    w402 = [w for w in result["warnings"] if w["code"] == "W402"]
    assert len(w402) == 1 and "thường xuyên" in w402[0]["message"]


@pytest.mark.parametrize(("title", "product"), [
    ("Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030", "Kế hoạch"),
    ("Xây dựng Đề án phát triển du lịch", "Đề án"),
    ("Tăng cường tuyên truyền về chuyển đổi số", None),
])
def test_product_is_the_document_the_work_makes(title: str, product: str | None) -> None:
    from theodoi.extraction.model import Task
    from theodoi.extraction.stages.tasks import product as find_product

    task = Task(id="k1", label=None, section=None, own_text=title, span=(0, len(title)),
                title=title)
    assert find_product(task) == product


def test_a_product_said_outright_wins() -> None:
    from theodoi.extraction.model import Task
    from theodoi.extraction.stages.tasks import product as find_product

    text = "Rà soát hộ nghèo cuối năm. Sản phẩm: Báo cáo kết quả rà soát trình UBND xã."
    task = Task(id="k1", label=None, section=None, own_text=text, span=(0, len(text)),
                title=text)
    assert find_product(task) == "Báo cáo kết quả rà soát trình UBND xã"


def test_a_deadline_after_a_semicolon_belongs_to_the_work_before_it() -> None:
    text = ("KẾ HOẠCH\nNông nghiệp giai đoạn 2026 - 2030\nI. NHIỆM VỤ\n"
            "Giao Phòng Kinh tế chủ trì, phối hợp với Hội Nông dân xã xây dựng chuỗi liên kết; "
            "hoàn thành trong năm 2027.\n")
    (task,) = extract(text.encode(), filename="kh.txt")["tasks"]
    assert (task["lead_agency"], task["due"]["date"]) == ("Phòng Kinh tế", "2027-12-31")
    assert task["co_agencies"] == ["Hội Nông dân xã"]


def test_a_dated_sentence_naming_an_appendix_row_is_not_a_second_task() -> None:
    text = ("KẾ HOẠCH\nĐầu tư công giai đoạn 2026 - 2030\nHưng Lộc, ngày 5 tháng 1 năm 2026\n"
            "I. NHIỆM VỤ\n- Xây dựng Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030; "
            "hoàn thành trong Quý I năm 2026.\nPHỤ LỤC\n"
            "1 Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030 UBND xã\nQuý I năm 2026\n")
    tasks = extract(text.encode(), filename="kh.txt")["tasks"]
    assert [(t["lead_agency"], t["due"]["date"]) for t in tasks] == [("UBND xã", "2026-03-31")]


@pytest.mark.parametrize("closing", [
    "\n\n                    TM. ỦY BAN NHÂN DÂN\n                    CHỦ TỊCH\n                    Lê Văn Bình\n",
    "\n  T/M BAN THƯỜNG VỤ\n  PHÓ BÍ THƯ\n  Trần Thị Hoa\n",
    " KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Hùng\n",
])
def test_the_last_duty_stops_before_the_signature_block(closing: str) -> None:
    text = ("KẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\nIII. TỔ CHỨC THỰC HIỆN\n"
            "1. Giao Phòng Kinh tế chủ trì theo dõi, tổng hợp kết quả thực hiện Kế hoạch, "
            "báo cáo UBND xã trước ngày 15/12/2026." + closing)
    [duty] = [t for t in extract(text.encode(), filename="k.txt")["tasks"]
              if t["lead_agency"] == "Phòng Kinh tế"]
    assert duty["text"].endswith("trước ngày 15/12/2026.")
    assert duty["due"]["date"] == "2026-12-15"


def test_a_duty_s_title_is_the_work_without_its_list_number() -> None:
    text = ("KẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\nIII. TỔ CHỨC THỰC HIỆN\n"
            "1. Giao Phòng Kinh tế chủ trì theo dõi, báo cáo UBND xã trước ngày 15/12/2026.\n"
            "2. Văn phòng HĐND và UBND xã tham mưu tổng hợp, báo cáo kết quả.\n")
    found = [(t["title"], t["text"]) for t in extract(text.encode(), filename="k.txt")["tasks"]]
    assert [title.split(",")[0] for title, _ in found] == [
        "Giao Phòng Kinh tế chủ trì theo dõi", "Văn phòng HĐND và UBND xã tham mưu tổng hợp"]
    assert [source[:3] for _, source in found] == ["1. ", "2. "]  # the text keeps its label
