"""Sentences and layouts the seeds do not have: one-line headers, inline assignments, indicators
that contain 'đạt', yearly report days; and sentences that must give no target."""

from __future__ import annotations

import pytest

from theodoi.extraction import extract
from theodoi.extraction.agencies import split_bodies
from theodoi.extraction.dates import parse_due, plan_start

TERM_PLAN = "KẾ HOẠCH\nPhát triển kinh tế - xã hội giai đoạn 2026 - 2030\nI. CHỈ TIÊU CHỦ YẾU\n{body}\n"
TASK_PLAN = "KẾ HOẠCH\nPhát triển kinh tế - xã hội giai đoạn 2026 - 2030\nI. NHIỆM VỤ, GIẢI PHÁP\n{body}\n"


def _extract(body: str, template: str) -> dict:
    return extract(template.format(body=body).encode(), filename="kh.txt")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("(4) Tỷ lệ trường đạt chuẩn quốc gia đạt 100%.",
     {"indicator": "Tỷ lệ trường đạt chuẩn quốc gia", "value": 100}),
    ("- Tỷ lệ hộ đạt danh hiệu gia đình văn hóa đạt 92%.",
     {"indicator": "Tỷ lệ hộ đạt danh hiệu gia đình văn hóa", "value": 92}),
    ("- Tỷ lệ sử dụng thùng rác đạt 95% và 100% các kênh cấp II không có rác.",
     {"indicator": "Tỷ lệ kênh cấp II không có rác", "value": 100}),
    ("- Có thêm 02 sản phẩm OCOP đạt 3 sao trở lên.",
     {"indicator": "Số sản phẩm OCOP đạt 3 sao trở lên", "comparator": "=", "kind": "change"}),
    ("- Hằng năm có từ 90% trở lên gia đình đạt danh hiệu văn hóa.",
     {"indicator": "Tỷ lệ gia đình đạt danh hiệu văn hóa", "comparator": ">=",
      "recurrence": "annual"}),
    ("- Giữ vững 100% thôn đạt chuẩn nông thôn mới.",
     {"indicator": "Tỷ lệ thôn đạt chuẩn nông thôn mới", "direction": "maintain"}),
    ("- Hằng năm, kết nạp ít nhất 12 đảng viên mới.",
     {"indicator": "Kết nạp đảng viên mới", "comparator": ">=", "unit": "đảng viên"}),
    ("- Giá trị sản xuất nông nghiệp tăng 4,5% so với năm 2025.",
     {"kind": "change", "deadline_year": 2030}),
    ("- Diện tích gieo trồng cây hằng năm đạt 1.850 ha.",
     {"value": 1850, "recurrence": None, "deadline_year": 2030}),
    ("- Phấn đấu đến năm 2028 có 3 hợp tác xã ứng dụng công nghệ cao.",
     {"indicator": "Số hợp tác xã ứng dụng công nghệ cao", "kind": "level",
      "deadline_year": 2028}),
    ("- Thu ngân sách trên địa bàn đạt và vượt dự toán huyện giao.",
     {"kind": "plan_relative", "value": None}),
    ("- Xã đạt tiêu chuẩn \"An toàn về an ninh, trật tự\".", {"kind": "milestone"}),
    ("- 100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến.",
     {"value": 100, "unit": "%"}),
])
def test_a_target_and_its_fields(sentence: str, expected: dict) -> None:
    found = _extract(sentence, TERM_PLAN)["targets"]
    target = found[-1]
    assert {k: target[k] for k in expected} == expected


@pytest.mark.parametrize("sentence", [
    "- Năm 2025 tỷ lệ hộ nghèo đã đạt 95%.",                         # a past result
    "- Nhiệm kỳ qua thu nhập bình quân đạt 58 triệu đồng.",          # a past result
    "- Đại hội đề ra 25 chỉ tiêu chủ yếu.",                          # a count of targets
    "- Bố trí 39.632 tỷ đồng cho các công trình giao thông.",          # an allocation
    "- Sản phẩm đủ điều kiện dự thi cấp tỉnh phải đạt từ 70 điểm trở lên.",  # eligibility
    "- Mong muốn các sản phẩm ngày càng có chất lượng cao hơn.",       # a wish
])
def test_no_target(sentence: str) -> None:
    assert _extract(sentence, TASK_PLAN)["targets"] == []


HEADER = ("ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "XÃ AN BÌNH                                Độc lập - Tự do - Hạnh phúc\n"
          "Số: 12/KH-UBND                    An Bình, ngày 15 tháng 01 năm 2026\n"
          "KẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\n"
          "I. NHIỆM VỤ\n{body}\n")


def test_a_header_laid_out_on_one_line() -> None:
    doc = _extract("1. Tuyên truyền.", HEADER)["document"]
    assert (doc["number"], doc["issued_on"], doc["place"], doc["issuer"]) == (
        "12/KH-UBND", "2026-01-15", "An Bình", "Ủy ban nhân dân xã An Bình")


@pytest.mark.parametrize(("item", "title", "lead", "due"), [
    ("1. Xây dựng Kế hoạch đầu tư công trung hạn. Cơ quan chủ trì: Phòng Kinh tế. "
     "Thời gian hoàn thành: Quý III năm 2026.",
     "Xây dựng Kế hoạch đầu tư công trung hạn", "Phòng Kinh tế", "2026-09-30"),
    ("- Rà soát hộ nghèo. Đơn vị chủ trì: Phòng Văn hóa - Xã hội; thời hạn: tháng 11/2026.",
     "Rà soát hộ nghèo", "Phòng Văn hóa - Xã hội", "2026-11-30"),
    ("1. Số hóa hồ sơ.\n- Đơn vị chủ trì: Công an xã.\n"
     "- Thời gian thực hiện: Trước ngày 10 tháng 12 năm 2026.",
     "Số hóa hồ sơ.", "Công an xã", "2026-12-10"),
])
def test_assignment_written_in_the_item(item: str, title: str, lead: str, due: str) -> None:
    (task,) = _extract(item, HEADER)["tasks"]
    assert (task["title"], task["lead_agency"], task["due"]["date"]) == (title, lead, due)


@pytest.mark.parametrize(("text", "co"), [
    ("các phòng, ban, đơn vị liên quan căn cứ chức năng, nhiệm vụ được giao có trách nhiệm",
     ["Các phòng, ban, đơn vị liên quan"]),
    ("Đoàn Thanh niên, Hội Liên hiệp Phụ nữ xã tuyên truyền", ["Đoàn Thanh niên",
                                                              "Hội Liên hiệp Phụ nữ xã"]),
    ("Ban Xây dựng Đảng, Văn phòng Đảng ủy và các ngành có liên quan tham mưu",
     ["Ban Xây dựng Đảng", "Văn phòng Đảng ủy", "Các ngành có liên quan"]),
])
def test_co_agencies_are_whole_bodies(text: str, co: list[str]) -> None:
    assert split_bodies(text) == co


@pytest.mark.parametrize(("text", "issued", "term", "date", "recurrence"), [
    ("báo cáo UBND xã trước ngày 15/12 hằng năm", "2026-01-15", (2026, 2026), "2026-12-15",
     "annual"),
    ("báo cáo trước ngày 20/6 hàng năm", "2026-08-01", (2025, 2030), "2027-06-20", "annual"),
    ("báo cáo trước ngày 20/6 hằng năm", "2025-11-10", (2026, 2030), "2026-06-20", "annual"),
    ("tổ chức vào Quý III hằng năm", "2026-01-20", (2026, 2030), "2026-09-30", "annual"),
])
def test_a_yearly_day_is_the_first_in_the_term(text: str, issued: str, term: tuple[int, int],
                                               date: str, recurrence: str) -> None:
    due = parse_due(text, int(issued[:4]) + 1, start=plan_start(issued, term))
    assert due is not None and (due.date, due.recurrence) == (date, recurrence)
