"""Targets written the way other communes and provinces write them (issue 15).

Each case is a sentence of a kind every plan uses; the expected answer is read from the
sentence by hand. Covers: values counted by any noun (no count-noun list as a gate), references
and dates that are no values, bad-outcome indicators going down, the lead of a target from
the assignment or body heading above it, the deadline from a lead-in line or list heading,
and a text without headings.
"""

from __future__ import annotations

import pytest

from theodoi.extraction import extract

LIST_PLAN = "KẾ HOẠCH\nPhát triển kinh tế - xã hội giai đoạn 2026 - 2030\nI. CHỈ TIÊU CHỦ YẾU\n{body}\n"
NO_TERM = "KẾ HOẠCH\nThực hiện công tác năm\nI. MỤC TIÊU CỤ THỂ\n{body}\n"


def targets(text: str) -> list[dict]:
    return extract(text.encode(), filename="kh.txt")["targets"]


@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("- Đón 15.000 lượt khách đến tham quan, trải nghiệm.", 15000, "lượt khách"),
    ("- Xây dựng mới 120 căn nhà cho hộ nghèo.", 120, "căn nhà"),
    ("- Cứng hóa 12 tuyến đường giao thông nông thôn.", 12, "tuyến đường"),
    ("- Kim ngạch xuất khẩu đạt 25 triệu USD.", 25, "triệu USD"),
    ("- Phát triển mới 200 hội viên.", 200, "hội viên"),
    ("- Mỗi trạm y tế có ít nhất 12 bác sĩ.", 12, "bác sĩ"),
    ("- Diện tích nhà ở bình quân đạt 28 m2/người.", 28, "m2/người"),
    ("- Diện tích lúa chất lượng cao đạt 500 ha.", 500, "ha"),
    ("- Tổng tỷ suất sinh đạt 2,1 con/phụ nữ.", 2.1, "con/phụ nữ"),
])
def test_a_value_counted_by_any_noun_is_a_target(sentence: str, value: float,
                                                  unit: str) -> None:
    (target,) = targets(LIST_PLAN.format(body=sentence))
    assert (target["value"], target["unit"]) == (value, unit)


def test_two_values_of_one_rate_keep_its_name_and_each_its_own_year() -> None:
    """The second value of "… đến năm 2028 đạt 35%, đến năm 2030 đạt 40%" names no measure of
    its own: it is the same rate, due in its own year (it took the clause's first, 2028)."""
    found = targets(LIST_PLAN.format(
        body="- Tỷ lệ đô thị hóa đến năm 2028 đạt 35%, đến năm 2030 đạt 40%."))
    assert [(t["indicator"], t["value"], t["deadline_year"]) for t in found] == [
        ("Tỷ lệ đô thị hóa", 35, 2028), ("Tỷ lệ đô thị hóa", 40, 2030)]


def test_a_part_of_a_value_is_named_after_it() -> None:
    """"…, trong đó 50% …" is a part of the value before it (its name was "Đó")."""
    found = targets(LIST_PLAN.format(
        body="- 100% trường học đạt chuẩn quốc gia mức độ 1, trong đó 50% đạt mức độ 2."))
    assert [(t["indicator"], t["value"]) for t in found] == [
        ("Tỷ lệ trường học đạt chuẩn quốc gia mức độ 1", 100),
        ("Tỷ lệ trường học đạt chuẩn quốc gia mức độ 1 (trong đó đạt mức độ 2)", 50)]


@pytest.mark.parametrize(("sentence", "indicator"), [
    # a count in a part names what it counts itself (it was "Đó có doanh nghiệp …")
    ("- Có ít nhất 50 doanh nghiệp đổi mới công nghệ, trong đó có 20 doanh nghiệp công nghệ "
     "cao.", "Số doanh nghiệp công nghệ cao"),
    # a share named only after its value, after a year and a verb ("đến năm 2030 đạt …")
    ("- Phấn đấu đến năm 2030 đạt 100% xã, phường không ma túy.",
     "Tỷ lệ xã, phường không ma túy"),
])
def test_a_value_with_no_name_before_it_is_named_by_what_follows(sentence: str,
                                                                 indicator: str) -> None:
    assert targets(LIST_PLAN.format(body=sentence))[-1]["indicator"] == indicator


@pytest.mark.parametrize(("sentence", "indicator", "comparator"), [
    ("- Tỷ lệ hộ dân sử dụng nước sạch đạt ≥ 98%.", "Tỷ lệ hộ dân sử dụng nước sạch", ">="),
    ("- Tỷ lệ nợ xấu ≤ 2%.", "Tỷ lệ nợ xấu", "<="),
    ("- Số lao động được đào tạo >= 200 người.", "Số lao động được đào tạo", ">="),
    ("- Tỷ lệ che phủ rừng >45%.", "Tỷ lệ che phủ rừng", ">"),
])
def test_a_comparator_written_as_a_sign_is_no_part_of_the_indicator(
        sentence: str, indicator: str, comparator: str) -> None:
    """Tables and some plans write "≥ 98%" where prose says "từ 98% trở lên"."""
    (target,) = targets(LIST_PLAN.format(body=sentence))
    assert (target["indicator"], target["comparator"]) == (indicator, comparator)


@pytest.mark.parametrize("sentence", [
    "- Triển khai Quyết định số 15/2021/QĐ-UBND ngày 08/7/2021 của UBND tỉnh về bảo vệ bí mật.",
    "- Thực hiện Kế hoạch số 64/KH-UBND của UBND tỉnh về xây dựng xã không ma túy.",
    "- Báo cáo kết quả trước ngày 16 hàng tháng và tổng kết trước ngày 20/11 hằng năm.",
    "- Ứng dụng mạng 5G tại các khu công nghiệp trong năm 2026.",
    "- Bố trí 42.500 triệu đồng từ ngân sách tỉnh để thực hiện Kế hoạch.",
    "- Xã có diện tích tự nhiên là 496,43 ha; dân số 3.861 hộ.",
    "- Đề nghị khen thưởng: Ban Chỉ đạo bầu cử của tỉnh không quá 05 cá nhân.",
    "- Học sinh học đủ 03 tháng trong năm 2026 được cấp chứng chỉ.",
])
def test_references_dates_allocations_and_quotas_are_no_targets(sentence: str) -> None:
    assert targets(LIST_PLAN.format(body=sentence)) == []


def test_award_criteria_under_a_khen_thuong_heading_are_no_targets() -> None:
    text = ("KẾ HOẠCH\nTổ chức phong trào thi đua năm 2026\n"
            "I. TIÊU CHUẨN KHEN THƯỞNG\n"
            "1. Đối với tập thể\n"
            "- Có tỷ lệ cử tri đi bầu cử đạt từ 98% trở lên.\n")
    assert targets(text) == []


@pytest.mark.parametrize(("sentence", "direction"), [
    ("- Tỷ lệ thất nghiệp ở khu vực thành thị ở mức 3%.", "decrease"),
    ("- Tỷ lệ hộ cận nghèo đạt 2,5%.", "decrease"),
    ("- Tỷ lệ sinh con thứ ba trở lên ở mức 8%.", "decrease"),
    ("- Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi ở mức 12%.", "decrease"),
    ("- Tỷ lệ hộ thoát nghèo hằng năm đạt 3%.", "increase"),
    ("- Tỷ lệ xã đạt tiêu chí phòng, chống tội phạm đạt 90%.", "increase"),
])
def test_bad_outcomes_go_down_whatever_the_verb(sentence: str, direction: str) -> None:
    (target,) = targets(LIST_PLAN.format(body=sentence))
    assert target["direction"] == direction


def test_a_lead_in_assignment_gives_each_target_below_its_lead_and_co_agencies() -> None:
    text = ("NGHỊ QUYẾT\nPhát triển kinh tế - xã hội giai đoạn 2026 - 2030\n"
            "I. THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU\n"
            "1. Về kinh tế\n"
            "Giao cho Phòng Kinh tế chủ trì, phối hợp với Phòng Văn hóa - Xã hội và các cơ "
            "quan, đơn vị có liên quan tham mưu tổ chức thực hiện các chỉ tiêu sau:\n"
            "(1) Tổng giá trị sản phẩm tăng bình quân 10,9%/năm.\n"
            "(2) Đến năm 2030, tỷ lệ hộ sử dụng nước sạch đạt 100%.\n"
            "2. Về quốc phòng\n"
            "(1) Hằng năm hoàn thành 100% chỉ tiêu giao quân.\n")
    found = targets(text)
    assert [t["lead_agency"] for t in found] == ["Phòng Kinh tế", "Phòng Kinh tế", None]
    assert found[0]["co_agencies"][0] == "Phòng Văn hóa - Xã hội"


def test_targets_inside_a_body_s_duty_are_that_body_s() -> None:
    text = ("KẾ HOẠCH\nThực hiện công tác dân số\nI. TỔ CHỨC THỰC HIỆN\nII. PHÂN CÔNG NHIỆM VỤ\n"
            "1. Sở Y tế\n"
            "Chủ trì triển khai các giải pháp, cụ thể: phấn đấu tỷ lệ nam, nữ thanh niên được "
            "tư vấn, khám sức khỏe trước khi kết hôn đạt 90%; giảm 50% số cặp tảo hôn.\n"
            "2. Phòng, chống dịch bệnh\n"
            "Phấn đấu tỷ lệ tiêm chủng đầy đủ đạt 95%.\n")
    found = targets(text)
    assert [(t["value"], t["lead_agency"]) for t in found] == [
        (90, "Sở Y tế"), (50, "Sở Y tế"), (95, None)]


def test_a_co_quan_chu_tri_heading_names_the_lead_of_its_topic() -> None:
    text = ("KẾ HOẠCH\nThực hiện Nghị quyết giai đoạn 2026 - 2030\nI. NHIỆM VỤ, GIẢI PHÁP\n"
            "1. Phát triển thương mại - dịch vụ\n"
            "1.1. Mục tiêu cụ thể\n"
            "- Phấn đấu có trên 120 doanh nghiệp hoạt động trên địa bàn xã.\n"
            "1.2. Cơ quan chủ trì tham mưu và tổ chức thực hiện\n"
            "Phòng Kinh tế là cơ quan đầu mối, chịu trách nhiệm xây dựng kế hoạch chi tiết.\n")
    (target,) = targets(text)
    assert target["lead_agency"] == "Phòng Kinh tế"


def test_a_restated_target_takes_the_lead_of_where_it_is_assigned() -> None:
    text = ("NGHỊ QUYẾT\nPhát triển kinh tế - xã hội giai đoạn 2026 - 2030\n"
            "I. CÁC CHỈ TIÊU CHỦ YẾU\n"
            "(1) Hằng năm, đạt tỷ lệ 100% hồ sơ giải quyết thủ tục hành chính được số hóa "
            "và đồng bộ trên Cổng Dịch vụ công quốc gia.\n"
            "II. GIAO NHIỆM VỤ\n"
            "1. Cải cách hành chính\n"
            "Giao cho Trung tâm Phục vụ hành chính công xã chủ trì tham mưu thực hiện chỉ tiêu "
            "sau:\n"
            "Đạt tỷ lệ 100% hồ sơ giải quyết thủ tục hành chính được số hóa và đồng bộ trên "
            "Cổng Dịch vụ công quốc gia.\n")
    (target,) = targets(text)
    assert target["lead_agency"] == "Trung tâm Phục vụ hành chính công xã"
    assert target["recurrence"] == "annual"


@pytest.mark.parametrize(("body", "year"), [
    ("Đến hết năm 2030, phấn đấu đạt được những mục tiêu sau:\n"
     "- 100% hộ gia đình được tiếp nhận đầy đủ thông tin về thiên tai.\n", 2030),
    ("1. Mục tiêu đến hết năm 2026\n"
     "- 100% khu công nghiệp có tối thiểu 1 trạm phát sóng.\n", 2026),
    ("1. Định hướng đến năm 2035\n"
     "- Tối thiểu 80% doanh nghiệp ứng dụng công nghệ tiên tiến.\n", 2035),
])
def test_a_target_without_a_year_takes_its_lead_in_or_heading_year(body: str,
                                                                   year: int) -> None:
    (target,) = targets(NO_TERM.format(body=body))
    assert target["deadline_year"] == year


def test_a_text_without_headings_still_gives_its_targets() -> None:
    text = ("Năm 2026, tỉnh phấn đấu tốc độ tăng trưởng kinh tế đạt 8,5%; thu nhập bình quân "
            "đầu người đến năm 2030 đạt 86,4 triệu đồng; tỷ lệ hộ nghèo giảm bình quân "
            "1,41%/năm.\nHằng năm kết nạp mới từ 25 đảng viên trở lên.\n")
    found = targets(text)
    assert [(t["value"], t["unit"]) for t in found] == [
        (8.5, "%"), (86.4, "triệu đồng"), (1.41, "%/năm"), (25, "đảng viên")]
    assert found[2]["direction"] == "decrease"
    assert found[1]["deadline_year"] == 2030


def test_an_appendix_table_with_a_chu_tri_column_gives_the_lead_of_the_target_it_restates(
) -> None:
    text = ("KẾ HOẠCH\nPhát triển kinh tế số giai đoạn 2026 - 2030\nI. MỤC TIÊU CỤ THỂ\n"
            "- Tỷ lệ người dân có Sổ sức khỏe điện tử đạt 95%.\n"
            "- Tỉ lệ giao dịch không dùng tiền mặt đạt 80%.\n"
            "II. TỔ CHỨC THỰC HIỆN\nCác sở, ngành triển khai theo phụ lục.\n"
            "PHỤ LỤC\n"
            "TT | Chỉ tiêu | Chủ trì | | 1 | Tỷ lệ người dân có Sổ sức khỏe điện tử đạt 95%. "
            "| Sở Y tế | | 2 | Tỉ lệ giao dịch không dùng tiền mặt đạt 80%. | Ngân hàng Nhà nước "
            "khu vực\n")
    found = targets(text)
    assert [t["lead_agency"] for t in found[:2]] == ["Sở Y tế", "Ngân hàng Nhà nước khu vực"]


def test_the_body_a_sentence_opens_with_leads_its_target() -> None:
    text = ("NGHỊ QUYẾT\nVề nhiệm vụ, giải pháp trọng tâm năm 2026\nI. NHIỆM VỤ, GIẢI PHÁP\n"
            "Các bộ, cơ quan, địa phương theo chức năng, thẩm quyền được giao tiếp tục triển "
            "khai các giải pháp ổn định kinh tế vĩ mô, phấn đấu tăng trưởng kinh tế năm 2026 "
            "đạt từ 10% trở lên.\n")
    (target,) = targets(text)
    assert target["lead_agency"] == "Các bộ, cơ quan, địa phương"


@pytest.mark.parametrize("sentence", [
    "- Hình thành ít nhất 02 vùng nuôi thủy sản ứng dụng công nghệ cao.",
    "- Tổ chức đào tạo, bồi dưỡng 3.000 lượt cán bộ về chuyển đổi số.",
    "- Trồng mới 500 ha rừng sản xuất.",
    "- Hằng năm, số vụ vi phạm được phát hiện, xử lý tăng trên 5%.",
])
def test_an_amount_created_or_added_is_a_change(sentence: str) -> None:
    (target,) = targets(LIST_PLAN.format(body=sentence))
    assert target["kind"] == "change"


def test_clauses_after_a_phan_dau_in_one_sentence_are_targets_too() -> None:
    text = ("KẾ HOẠCH\nCông tác dân số năm 2026\nI. NHIỆM VỤ, GIẢI PHÁP\n"
            "Triển khai các giải pháp, cụ thể: Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ; "
            "70% phụ nữ mang thai được tầm soát ít nhất 4 loại bệnh bẩm sinh; 90% trẻ sơ sinh "
            "được tầm soát ít nhất 5 bệnh bẩm sinh.\n"
            "Rà soát 100% hồ sơ lưu trữ của cơ quan.\n")
    assert [t["value"] for t in targets(text)] == [2.1, 70, 90]


def test_a_level_number_is_no_amount() -> None:
    text = LIST_PLAN.format(body="- Phấn đấu cung cấp dịch vụ công trực tuyến mức độ 4 giúp "
                                 "người dân giải quyết thủ tục nhanh.")
    assert targets(text) == []



@pytest.mark.parametrize("item", [
    "2. Tỷ lệ chi bộ được đánh giá hoàn thành tốt nhiệm vụ trở\nlên đạt 90%.",
    "2. Tỷ lệ chi bộ được đánh giá hoàn thành tốt nhiệm vụ trở lên\nđạt 90%.",
    "2. Tỷ lệ chi bộ được đánh giá hoàn thành tốt\nnhiệm vụ trở lên đạt 90%.",
])
def test_a_numbered_target_rated_as_passed_reads_with_its_value_on_the_next_line(
        item: str) -> None:
    """A PDF broke the item before its value: 'được đánh giá' rates what the target counts,
    the line is no 'Đánh giá …' heading whose part is skipped."""
    body = "1. Kết nạp ít nhất 25 đảng viên mới.\n" + item
    found = [(t["indicator"], t["value"]) for t in targets(LIST_PLAN.format(body=body))]
    assert ("Tỷ lệ chi bộ được đánh giá hoàn thành tốt nhiệm vụ trở lên", 90) in found


@pytest.mark.parametrize(("sentence", "indicator", "value", "kind", "comparator"), [
    # the verb that brings a measure to a level, its direction word: no part of the name
    ("- Giảm tỷ lệ hộ nghèo xuống còn 1,5%.", "Tỷ lệ hộ nghèo", 1.5, "level", "="),
    ("- Nâng tỷ lệ hộ sử dụng nước sạch lên 95%.", "Tỷ lệ hộ sử dụng nước sạch", 95, "level",
     "="),
    # a verb right after a measure's word is its name's ("tỷ lệ tăng dân số")
    ("- Tỷ lệ tăng dân số tự nhiên dưới 1%.", "Tỷ lệ tăng dân số tự nhiên", 1, "level", "<"),
    # "trở lên" in a name stays whole
    ("- Tỷ lệ người từ 65 tuổi trở lên đạt 12%.", "Tỷ lệ người từ 65 tuổi trở lên", 12, "level",
     "="),
    # a measure names what it measures after it, the action before it says what was done
    ("- Trồng mới 50 ha rừng tập trung.", "Diện tích rừng tập trung được trồng mới", 50,
     "change", "="),
    ("- Có 300 ha lúa chất lượng cao.", "Diện tích lúa chất lượng cao", 300, "level", "="),
    ("- Làm mới 3 km đường giao thông nông thôn.",
     "Chiều dài đường giao thông nông thôn được làm mới", 3, "change", "="),
    # an amount added: "thêm" right before the count
    ("- Tăng thêm 2 tiêu chí nông thôn mới nâng cao.", "Số tiêu chí nông thôn mới nâng cao", 2,
     "change", "="),
    # a label that names a field, the words after its colon what is measured; a label that
    # names the measure, a verb after its colon
    ("Về quốc phòng - an ninh: hoàn thành 100% chỉ tiêu giao quân.",
     "Hoàn thành chỉ tiêu giao quân", 100, "level", "="),
    ("- Tổng thu ngân sách: tăng 10% so với năm 2026.", "Tổng thu ngân sách", 10, "change", "="),
    # the area a figure is counted over is no part of what is counted
    ("- Toàn tỉnh có ít nhất 30 điểm du lịch cộng đồng được công nhận.",
     "Số điểm du lịch cộng đồng được công nhận", 30, "level", ">="),
    ("- Toàn xã có 100% hộ dân sử dụng nước sạch.", "Tỷ lệ hộ dân sử dụng nước sạch", 100,
     "level", "="),
])
def test_what_a_value_measures_is_named_without_the_verbs_around_it(
        sentence: str, indicator: str, value: float, kind: str, comparator: str) -> None:
    found = [(t["indicator"], t["value"], t["kind"], t["comparator"])
             for t in targets(LIST_PLAN.format(body=sentence))]
    assert found == [(indicator, value, kind, comparator)]


def test_two_measures_joined_by_va_are_two_targets_each_named() -> None:
    body = "- Cải tạo, nâng cấp 3 km đường giao thông và kiên cố hóa 6 km kênh mương."
    assert [(t["indicator"], t["value"]) for t in targets(LIST_PLAN.format(body=body))] == [
        ("Chiều dài đường giao thông được cải tạo, nâng cấp", 3),
        ("Chiều dài kênh mương được kiên cố hóa", 6)]


def test_criteria_added_every_year_are_a_yearly_change() -> None:
    """'Bình quân mỗi năm tăng thêm 01 tiêu chí …': a count of criteria, every year."""
    body = "- Bình quân mỗi năm tăng thêm 01 tiêu chí nông thôn mới nâng cao."
    found = targets(LIST_PLAN.format(body=body))
    assert [(t["indicator"], t["value"], t["unit"], t["kind"], t["recurrence"])
            for t in found] == [("Số tiêu chí nông thôn mới nâng cao", 1, "tiêu chí", "change",
                                 "annual")]


def test_two_commitments_whose_names_share_stock_words_stay_two() -> None:
    """Same value, names alike by their stock words ('… thủ tục hành chính …'), clauses that
    say different things: two commitments, not one stated twice."""
    body = ("- Phấn đấu đảm bảo 100% thủ tục hành chính lĩnh vực xây dựng, giao thông đủ điều "
            "kiện đều được cung cấp dịch vụ công trực tuyến toàn trình.\n"
            "- Hoàn thiện, nâng cấp dịch vụ công trực tuyến; bảo đảm 100% thủ tục hành chính "
            "xử lý, thanh toán, trả kết quả trên môi trường điện tử.")
    assert len(targets(LIST_PLAN.format(body=body))) == 2


@pytest.mark.parametrize(("sentence", "indicator", "kind", "comparator", "recurrence"), [
    # a PDF's text puts a blank line after every line it wrapped, wherever the line ran out:
    # inside "tăng bình quân", "ít nhất", "trở lên", "hằng năm", "mỗi năm"
    ("- Thu nhập bình quân đầu người tăng \n\nbình quân 13 %/năm.",
     "Thu nhập bình quân đầu người", "growth_rate", "=", None),
    ("- Phát triển thêm ít \n\nnhất 02 sản phẩm OCOP.", "Phát triển thêm sản phẩm OCOP",
     "change", ">=", None),
    ("- Có ít \n\nnhất 30 điểm du lịch cộng đồng.", "Số điểm du lịch cộng đồng", "level", ">=",
     None),
    ("- Tỷ lệ trường đạt chuẩn quốc gia đạt 90% trở \n\nlên.", "Tỷ lệ trường đạt chuẩn quốc gia",
     "level", ">=", None),
    ("- Hằng \n\nnăm, tỷ lệ thu gom rác thải đạt 100%.", "Tỷ lệ thu gom rác thải", "level", "=",
     "annual"),
    # a state to reach, no figure: "đạt ⏎⏎chuẩn"
    ("Tăng cường phổ biến pháp luật; phấn đấu đến năm 2030, xã đạt \n\nchuẩn tiếp cận pháp "
     "luật.", "Xã đạt chuẩn tiếp cận pháp luật", "milestone", None, None),
])
def test_words_a_pdf_broke_across_lines_still_read_as_words(
        sentence: str, indicator: str, kind: str, comparator: str, recurrence: str | None
) -> None:
    found = [(t["indicator"], t["kind"], t["comparator"], t["recurrence"])
             for t in targets(LIST_PLAN.format(body=sentence))]
    assert found == [(indicator, kind, comparator, recurrence)]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_range_a_pdf_broke_at_its_dash_is_one_value(gap: str) -> None:
    """A PDF's wrapped text: "… đạt 10⏎- 13%/năm" is the range 10-13 (the line before ran to
    the margin without ending its sentence), not an item "- 13%/năm"; a list item that
    opens with a figure after a finished line stays an item of its own."""
    lines = [
        "I. MỤC TIÊU",
        "1. Phấn đấu giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt 400 triệu USD,",
        "tăng bình quân hằng năm trong giai đoạn này đạt khoảng từ 10 đến 12%, riêng năm",
        "2027 tăng cao hơn do các dự án mới đi vào hoạt động, cả giai đoạn đạt 10",
        "- 13%/năm. Giá trị sản phẩm nông sản tham gia xuất khẩu đạt 395 triệu USD.",
        "- 100% doanh nghiệp xuất khẩu được hỗ trợ xúc tiến thương mại.",
    ]
    found = [(t["value"], t["value_max"], t["unit"]) for t in targets(gap.join(lines) + "\n")]
    assert (10, 13, "%/năm") in found
    assert (100, None, "%") in found
    assert not [f for f in found if f[0] == 13]


@pytest.mark.parametrize(("sentence", "unit"), [
    ("- Tổng lượt khách du lịch cộng đồng đạt 500.000 lượt/năm.", "lượt"),
    ("- Đón 15.000 lượt khách/năm đến tham quan, trải nghiệm.", "lượt khách"),
    ("- Sản lượng lúa đạt 12.000 tấn/năm.", "tấn/năm"),
])
def test_a_count_a_year_is_per_year(sentence: str, unit: str) -> None:
    """"/năm" right after a counted noun makes the value a year's ("500.000 lượt/năm")."""
    assert [(t["value"] > 0, t["unit"], t["per_year"])
            for t in targets(LIST_PLAN.format(body=sentence))] == [(True, unit, True)]


def test_states_beside_the_values_of_one_item_are_milestones_of_their_own() -> None:
    """One item of a resolution's list commits to a state, a share and a state denied;
    a part after the share that goes on with what it counts ("…, đảng viên hoàn thành …")
    states nothing of its own."""
    body = ("(3) Hằng năm, Đảng bộ đạt hoàn thành tốt nhiệm vụ trở lên, 90% tổ chức đảng, đảng "
            "viên hoàn thành tốt nhiệm vụ trở lên, không có tổ chức đảng, đảng viên yếu kém.")
    assert [(t["kind"], t["value"], t["recurrence"]) for t in targets(
        LIST_PLAN.format(body=body))] == [
        ("milestone", None, "annual"), ("level", 90, "annual"), ("milestone", None, "annual")]
