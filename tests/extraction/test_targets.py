"""Targets from sentences written in many ways; and sentences that must give no target."""

from __future__ import annotations

import pytest

from theodoi.extraction import extract

TERM_PLAN = "KẾ HOẠCH\nPhát triển kinh tế - xã hội giai đoạn 2026 - 2030\nI. CHỈ TIÊU CHỦ YẾU\n{body}\n"
TASK_PLAN = "KẾ HOẠCH\nPhát triển kinh tế - xã hội giai đoạn 2026 - 2030\nI. NHIỆM VỤ, GIẢI PHÁP\n{body}\n"


def targets(body: str, template: str = TERM_PLAN) -> list[dict]:
    return extract(template.format(body=body).encode(), filename="kh.txt")["targets"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("- Tỷ lệ hộ dùng nước sạch đạt 99%.",
     {"value": 99, "unit": "%", "comparator": "=", "kind": "level", "deadline_year": 2030}),
    ("- Tỷ lệ trẻ em suy dinh dưỡng dưới 5%.",
     {"value": 5, "comparator": "<", "direction": "decrease"}),
    ("- Thu nhập bình quân đầu người đến năm 2028 đạt 75 triệu đồng/người/năm.",
     {"value": 75, "unit": "triệu đồng/người/năm", "deadline_year": 2028, "per_year": True}),
    ("- Giá trị sản xuất tăng bình quân 9,5%/năm.",
     {"value": 9.5, "kind": "growth_rate", "unit": "%/năm", "per_year": True,
      "indicator": "Giá trị sản xuất"}),
    ("a, Mục tiêu: Tốc độ tăng giá trị sản xuất bình quân hằng năm 8%.",
     {"value": 8, "kind": "growth_rate", "per_year": True,
      "indicator": "Tốc độ tăng giá trị sản xuất bình quân hằng năm"}),
    ("- Có thêm 04 sản phẩm OCOP đạt 3 sao trở lên.",
     {"value": 4, "kind": "change", "unit": "sản phẩm"}),
    ("- Có 6/8 thôn đạt chuẩn nông thôn mới nâng cao.",
     {"value": 6, "value_of": 8, "unit": "thôn"}),
    ("- Tỷ lệ lao động qua đào tạo từ 70% đến 75%.",
     {"value": 70, "value_max": 75, "comparator": "between"}),
    ("- Tổng đàn lợn trên 2 nghìn con.", {"value": 2000, "comparator": ">", "unit": "con"}),
    ("- Thành lập mới ít nhất 03 hợp tác xã.",
     {"value": 3, "comparator": ">=", "kind": "change", "unit": "hợp tác xã"}),
    ("- Hằng năm, tỷ lệ hồ sơ trực tuyến đạt 100%.",
     {"value": 100, "recurrence": "annual", "deadline_year": None}),
    ("- Duy trì 100% trường đạt chuẩn quốc gia.", {"value": 100, "direction": "maintain"}),
    ("- Thu ngân sách hằng năm đạt và vượt kế hoạch huyện giao.",
     {"value": None, "kind": "plan_relative", "recurrence": "annual"}),
    ("- Xã được công nhận đạt chuẩn nông thôn mới kiểu mẫu vào năm 2028.",
     {"value": None, "kind": "milestone", "deadline_year": 2028,
      "indicator": "Xã được công nhận đạt chuẩn nông thôn mới kiểu mẫu"}),
])
def test_one_target_per_sentence(sentence: str, expected: dict) -> None:
    (target,) = targets(sentence)
    assert {k: target[k] for k in expected} == expected


def test_three_values_give_three_targets() -> None:
    found = targets("- Tỷ lệ che phủ rừng đạt 30%; tỷ lệ thu gom rác đạt 95%; "
                    "tỷ lệ hộ nghèo còn dưới 1%.")
    assert [t["value"] for t in found] == [30, 95, 1]


def test_a_phan_dau_sentence_in_a_task_section_is_a_target() -> None:
    (target,) = targets("- Phấn đấu đến năm 2029 có 90% hộ gia đình đạt danh hiệu gia đình "
                        "văn hóa.", TASK_PLAN)
    assert (target["value"], target["deadline_year"]) == (90, 2029)


@pytest.mark.parametrize("sentence", [
    "- Nghị quyết đã đề ra 25 chỉ tiêu chủ yếu.",                     # a count of targets
    "- Năm 2024 đã đạt 95% kế hoạch, tăng 3% so với cùng kỳ.",        # a past result
    "- Bố trí 12,5 tỷ đồng kinh phí cho chương trình.",               # an allocation
    "- Hộ có từ 3 lao động trở lên được xét hỗ trợ theo điều kiện.",  # an eligibility rule
    "- Tăng cường công tác tuyên truyền, vận động nhân dân.",         # a wish, no value
])
def test_sentences_that_are_not_targets(sentence: str) -> None:
    assert targets(sentence, TASK_PLAN) == []


def test_past_situation_sections_give_no_target() -> None:
    text = ("KẾ HOẠCH\nPhát triển năm 2026\nI. ĐẶC ĐIỂM TÌNH HÌNH\n- Tỷ lệ hộ nghèo đạt 2%.\n"
            "II. CHỈ TIÊU\n- Tỷ lệ hộ nghèo giảm còn 1,5%.\n")
    found = extract(text.encode(), filename="kh.txt")["targets"]
    assert [t["value"] for t in found] == [1.5]


def test_roadmap_lines_become_milestones_of_the_target_above() -> None:
    body = ("- Thu nhập bình quân đầu người đến năm 2030 đạt 90 triệu đồng/năm, lộ trình:\n"
            "+ Năm 2026 đạt 70 triệu đồng\n+ Năm 2028 đạt 80 triệu đồng\n")
    (target,) = targets(body)
    assert target["value"] == 90
    assert target["milestones"] == [{"year": 2026, "value": 70}, {"year": 2028, "value": 80}]


def test_a_target_restated_where_it_is_assigned_is_merged_with_the_agency() -> None:
    text = ("KẾ HOẠCH\nPhát triển giai đoạn 2026 - 2030\nI. CHỈ TIÊU\n"
            "- Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%.\n"
            "II. PHÂN CÔNG NHIỆM VỤ\n1. Về y tế\nGiao cho Phòng Văn hóa - Xã hội chủ trì, "
            "phối hợp với Trạm Y tế, Bảo hiểm xã hội thực hiện:\n"
            "- Phấn đấu đến năm 2030 tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%.\n")
    result = extract(text.encode(), filename="kh.txt")
    (target,) = result["targets"]
    assert target["lead_agency"] == "Phòng Văn hóa - Xã hội"
    assert target["co_agencies"] == ["Trạm Y tế", "Bảo hiểm xã hội"]
    (restated,) = target["also_spans"]
    assert "Phấn đấu đến năm 2030" in text[restated[0]:restated[1]]


@pytest.mark.parametrize(("sentence", "field"), [
    ("- Tỷ lệ kết nạp đảng viên mới hằng năm đạt 3%.", "xay_dung_dang"),
    ("- Tỷ lệ thu gom chất thải rắn đạt 95%.", "moi_truong"),
    ("- Tỷ lệ hồ sơ thủ tục hành chính trực tuyến đạt 80%.", "chinh_quyen"),
    ("- Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%.", "van_hoa_xa_hoi"),
    ("- Thu nhập bình quân đầu người đạt 80 triệu đồng.", "kinh_te"),
    ("- Hằng năm hoàn thành 100% chỉ tiêu tuyển quân.", "quoc_phong_an_ninh"),
])
def test_field_from_the_targets_words(sentence: str, field: str) -> None:
    (target,) = targets(sentence)
    assert target["field"] == field


def test_the_documents_label_is_kept() -> None:
    (target,) = targets("(6) Tỷ lệ hộ nghèo giảm còn 1%.")
    assert target["label"] == "(6)"


def test_a_period_named_in_the_target_is_kept() -> None:
    (target,) = targets("- Tăng trưởng kinh tế bình quân giai đoạn 2026 - 2030 đạt 10%/năm.")
    assert target["period"] == {"start": 2026, "end": 2030}
    assert target["kind"] == "growth_rate"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("- 100% thôn có nhà văn hóa đạt chuẩn.",
     {"value": 100, "unit": "%", "indicator": "Tỷ lệ thôn có nhà văn hóa đạt chuẩn"}),
    ("- Phấn đấu đến cuối nhiệm kỳ có 3/5 thôn đạt chuẩn nông thôn mới kiểu mẫu.",
     {"value": 3, "value_of": 5, "indicator": "Số thôn đạt chuẩn nông thôn mới kiểu mẫu"}),
    ("- Giải quyết việc làm mới cho 300 lao động/năm.",
     {"value": 300, "unit": "lao động/năm", "per_year": True}),
    ("- Hằng năm, tỷ lệ hồ sơ được giải quyết đúng hạn đạt 100%.",
     {"per_year": False, "recurrence": "annual"}),
    ("- Tỷ lệ kết nạp đảng viên mới hằng năm đạt từ 3% trở lên.",
     {"per_year": True, "comparator": ">="}),
    ("- Mỗi năm có ít nhất 01 sản phẩm OCOP mới.", {"per_year": True, "value": 1}),
    ("- Hằng năm tổng giá trị sản xuất tăng bình quân 9%.",
     {"kind": "growth_rate", "recurrence": None, "deadline_year": 2030}),
])
def test_units_indicators_and_yearly_readings(sentence: str, expected: dict) -> None:
    (target,) = targets(sentence)
    assert {k: target[k] for k in expected} == expected


def test_the_rest_of_an_annual_item_stays_annual() -> None:
    found = targets("(5) Hằng năm, tỷ lệ hồ sơ trực tuyến đạt 100%; 100% hồ sơ được số hóa.\n"
                    "(6) Tỷ lệ che phủ cây xanh đạt 40%.")
    assert [t["recurrence"] for t in found] == ["annual", "annual", None]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("1. Tổng thu ngân sách nhà nước trên địa bàn: 45,5 tỷ đồng.",
     {"value": 45.5, "unit": "tỷ đồng", "indicator": "Tổng thu ngân sách nhà nước trên địa bàn"}),
    ('2. Tỷ lệ hộ đạt danh hiệu "Gia đình văn hóa": 92% trở lên.',
     {"value": 92, "comparator": ">=",
      "indicator": 'Tỷ lệ hộ đạt danh hiệu "Gia đình văn hóa"'}),
    ("3. Tỷ lệ người dân tham gia bảo hiểm y tế: không dưới 95%.",
     {"comparator": ">=", "direction": "increase"}),
])
def test_indicator_colon_value_lists(sentence: str, expected: dict) -> None:
    (target,) = targets(sentence)
    assert {k: target[k] for k in expected} == expected


@pytest.mark.parametrize(("sentence", "direction"), [
    # an age that qualifies the group measured is no "dưới" of the value
    ("- Tỉ lệ trẻ em dưới 01 tuổi được tiêm chủng đầy đủ các loại vắc xin đạt 95%.",
     "increase"),
    ("- Tỷ lệ trẻ em dưới 6 tháng tuổi được bú mẹ hoàn toàn đạt 60%.", "increase"),
    ("- Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi còn 12%.", "decrease"),
    ("- Tỷ lệ trẻ em suy dinh dưỡng dưới 5%.", "decrease"),
    # a bad-is-high indicator broken over two lines, as a PDF or TXT export prints it
    ("- Tỉ lệ lao động \n\nnông nghiệp trong tổng lao động năm 2030 đạt 36%.", "decrease"),
    ("- Giảm tỉ lệ lao động nông nghiệp xuống còn 36%.", "decrease"),
    ("- Tỉ lệ lao động nông nghiệp còn khoảng 36%.", "decrease"),
    ("- Tỷ lệ hộ nghèo giảm \ncòn 1,5%.", "decrease"),
    ("- Duy \ntrì 100% trường đạt chuẩn quốc gia.", "maintain"),
    ("- 100% thôn giữ vững \n\ndanh hiệu “làng văn hóa”.", "maintain"),
    # what the counted things are for, after the value, is no direction of the value
    ("- Toàn xã có từ 2-3 trang trại chăn nuôi theo hướng an toàn sinh học, giảm thiểu ô "
     "nhiễm môi trường.", "increase"),
    ("- 100% hộ nghèo được tiếp cận các dịch vụ xã hội cơ bản.", "increase"),
    ("- Giảm 75% số hộ nghèo theo chuẩn đa chiều.", "decrease"),
])
def test_direction_from_the_words_before_the_value(sentence: str, direction: str) -> None:
    (target,) = targets(sentence)
    assert target["direction"] == direction


@pytest.mark.parametrize("label", ["6.4. ", "- ", "b) "])
def test_an_items_yearly_opening_reaches_every_clause_but_one_with_its_own_year(
        label: str) -> None:
    """"6.4. Hàng năm, A tăng trên 3%; B tăng trên 3%; C đạt 90%; đến năm 2030 D đạt 100%.":
    the opening makes every clause of the item yearly, a change each year is a change per
    year, and a clause that names its own year is that year's goal. The label may be a
    clause of its own (a heading's label, read before its title)."""
    found = targets(label + "Hàng năm, số vụ phạm tội về ma túy được phát hiện tăng trên "
                    "03%; số vụ phạm tội về ma túy có tổ chức được phát hiện tăng trên 05%; "
                    "tỷ lệ người nghiện được quản lý đạt 90%; phấn đấu đến năm 2030 đạt 100% "
                    "xã, phường không ma túy.")
    got = [(t["value"], t["recurrence"], t["per_year"], t["deadline_year"]) for t in found]
    assert got == [(3, "annual", True, None), (5, "annual", True, None),
                   (90, "annual", False, None), (100, None, False, 2030)]


def test_a_commitment_asked_of_equal_texts_in_a_row_answers_as_the_rule() -> None:
    """`_commits` keeps the last text's answer: asked again of an equal string (a clause's
    words, then its text) it answers as R.COMMITMENT; other texts are asked anew."""
    from theodoi.extraction.rules import targets as rules
    from theodoi.extraction.stages.targets import _commits

    texts = ["Tỷ lệ hộ nghèo còn 1%", "Tỷ lệ hộ nghèo", "", "Phấn đấu 100% thôn",
             "phan dau 100% thon", "Hằng năm kết nạp 25 đảng viên", "Tỷ lệ hộ nghèo còn 1%"]
    for text in texts + texts[::-1]:
        twin = "".join(list(text))  # the same words, another string
        want = bool(rules.COMMITMENT.rule.search(text))
        assert (_commits(text), _commits(twin), _commits(text)) == (want, want, want)
