"""Role lines ('Cơ quan chủ trì: …', 'Cơ quan thực hiện: …') read by the one rule for blocks
and prose (stages/task_blocks.assign_role)."""

from __future__ import annotations

import textwrap

import pytest

from theodoi.extraction import extract

PLAN = """ỦY BAN NHÂN DÂN
XÃ AN BÌNH
Số: 12/KH-UBND
KẾ HOẠCH
Triển khai thi hành Luật Việc làm

II. NHIỆM VỤ
1. Tuyên truyền, phổ biến Luật Việc làm
Cơ quan chủ trì: Phòng Văn hóa - Xã hội.
Cơ quan thực hiện: Đoàn Thanh niên, Hội Liên hiệp Phụ nữ.
Thời gian thực hiện: Quý II năm 2026.
2. Rà soát văn bản có liên quan
Cơ quan thực hiện: Công an xã.
Thời gian thực hiện: trong năm 2026.
"""


def test_the_bodies_that_carry_out_work_beside_a_lead_are_its_co_agencies() -> None:
    """'Cơ quan thực hiện' after 'Cơ quan chủ trì' names the co-agencies (it replaced the
    lead before); alone it names the lead ('Cơ quan thực hiện: Bộ Công an.')."""
    tasks = extract(PLAN.encode(), "ke-hoach.txt")["tasks"]
    assert [(t["lead_agency"], t["co_agencies"], t["due"]["date"]) for t in tasks] == [
        ("Phòng Văn hóa - Xã hội", ["Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ"], "2026-06-30"),
        ("Công an xã", [], "2026-12-31"),
    ]


# A PDF's text layer: the prose wrapped at the page's margin, wherever a line ran out
WRAPPED = """ỦY BAN NHÂN DÂN
XÃ AN BÌNH
KẾ HOẠCH
Triển khai chuyển đổi số năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiệu quả giải quyết thủ tục hành chính, bảo đảm người dân và doanh
nghiệp được phục vụ kịp thời, thuận lợi trên môi trường số của xã; từng bước
hình thành chính quyền số, kinh tế số và xã hội số trên địa bàn xã.
II. NHIỆM VỤ
1. Tuyên truyền, hướng dẫn người dân cài đặt, sử dụng ứng dụng định danh
điện tử. Cơ quan chủ trì: Công an xã; cơ quan phối hợp: Đoàn Thanh niên,
Hội Liên hiệp Phụ nữ xã. Thời gian hoàn thành: Quý II năm 2026.
2. Tổ chức Hội thi tìm hiểu về chuyển đổi số cho cán bộ, công chức và người
lao động trong các cơ quan, đơn vị của xã. Cơ quan chủ trì: Phòng Văn hóa
- Xã hội. Thời gian hoàn thành: tháng 9/2026.
3. Rà soát, số hóa hồ sơ thủ tục hành chính còn tồn đọng tại Bộ phận một cửa
của xã.
- Cơ quan chủ trì: Văn phòng HĐND và UBND xã.
- Cơ quan phối hợp: Đoàn Thanh niên, Hội Liên hiệp Phụ nữ, Hội Nông dân xã,
Hội Cựu chiến binh xã.
- Thời gian thực hiện: Quý IV năm 2026.
"""


def test_roles_read_across_a_pdf_s_line_breaks() -> None:
    """Roles written after the work and role lines whose value goes on to the next line are
    read whole: a break inside 'Hội Liên hiệp Phụ nữ xã' or before the '- Xã hội' of a
    name (a dash at the start of a line after one that reached the margin unfinished is
    not a bullet), and 'Cơ quan\nchủ trì'."""
    tasks = extract(WRAPPED.encode(), "ke-hoach.txt")["tasks"]
    assert [(t["lead_agency"], t["co_agencies"], t["due"]["date"]) for t in tasks] == [
        ("Công an xã", ["Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ xã"], "2026-06-30"),
        ("Phòng Văn hóa - Xã hội", [], "2026-09-30"),
        ("Văn phòng HĐND và UBND xã",
         ["Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ", "Hội Nông dân xã", "Hội Cựu chiến binh xã"],
         "2026-12-31"),
    ]


# Each activity with its parts on lines of their own, labelled a), b), c)
LABELLED = """ỦY BAN NHÂN DÂN
XÃ BÌNH MINH
Số: 33/KH-UBND
Bình Minh, ngày 02 tháng 3 năm 2027
KẾ HOẠCH
Tổ chức các hoạt động kỷ niệm 50 năm thành lập xã
II. NỘI DUNG HOẠT ĐỘNG
1. Lễ mít tinh kỷ niệm
a) Nội dung: Tổ chức Lễ mít tinh kỷ niệm 50 năm thành lập xã tại Hội trường UBND xã.
b) Đơn vị thực hiện: Văn phòng HĐND và UBND xã chủ trì, phối hợp với Phòng Văn hóa - Xã hội.
c) Thời gian: Ngày 15/5/2027.
2. Giải bóng đá thanh niên
a) Nội dung: Tổ chức giải bóng đá thanh niên các thôn.
b) Đơn vị thực hiện: Đoàn Thanh niên xã.
c) Thời gian: Tháng 4/2027.
3. Biên soạn lịch sử Đảng bộ xã
- Đơn vị chủ trì: Ban Xây dựng Đảng.
- Đơn vị phối hợp: Văn phòng Đảng ủy, Hội Cựu chiến binh xã.
- Thời gian hoàn thành: trước ngày 30/4/2027.
"""


def test_an_item_s_labelled_parts_give_its_body_partners_and_day() -> None:
    """'b) Đơn vị thực hiện: X chủ trì, phối hợp với Y' names the lead and its partner, and
    'c) Thời gian: Ngày 15/5/2027' the day (a capital at a value's start); the labelled
    parts are no tasks of their own (the work is the item above them)."""
    tasks = extract(LABELLED.encode(), "ke-hoach.txt")["tasks"]
    assert [(t["title"], t["lead_agency"], t["co_agencies"], t["due"]["date"])
            for t in tasks] == [
        ("Lễ mít tinh kỷ niệm", "Văn phòng HĐND và UBND xã", ["Phòng Văn hóa - Xã hội"],
         "2027-05-15"),
        ("Giải bóng đá thanh niên", "Đoàn Thanh niên xã", [], "2027-04-30"),
        ("Biên soạn lịch sử Đảng bộ xã", "Ban Xây dựng Đảng",
         ["Văn phòng Đảng ủy", "Hội Cựu chiến binh xã"], "2027-04-30"),
    ]


# A commune's plan that names each item's body in a last sentence, or in role lines that
# carry several roles at once; "2. Công an xã:" heads the duties below it
LAST_SENTENCE = """ỦY BAN NHÂN DÂN
XÃ TÂN LẬP
Số: 18/KH-UBND
KẾ HOẠCH
Chuyển đổi số năm 2027

II. NHIỆM VỤ
1. Hạ tầng và dữ liệu
- Làm sạch dữ liệu dân cư. Công an xã chủ trì, phối hợp với các thôn; hoàn thành trong Quý II năm 2027.
- Tập huấn kỹ năng số cho hộ kinh doanh. Hội Liên hiệp Phụ nữ xã thực hiện, hoàn thành trong năm 2027.
- Số hóa hồ sơ hộ tịch. Phòng Văn hóa - Xã hội chủ trì; thời gian: tháng 10/2027.
- Xây dựng mô hình chợ 4.0. Phòng Kinh tế hướng dẫn các hộ kinh doanh đăng ký.
2. Tổ chức hội nghị quán triệt nghị quyết
Chủ trì: Ban Xây dựng Đảng; phối hợp: các chi bộ trực thuộc; thời gian: Quý I/2027.
III. TỔ CHỨC THỰC HIỆN
1. Công an xã:
+ Hướng dẫn người dân kích hoạt tài khoản định danh điện tử, hoàn thành trước ngày 30/9/2027.
"""


def _by_title(text: str) -> dict[str, tuple[str | None, list[str], str | None]]:
    tasks = extract(text.encode(), "ke-hoach.txt")["tasks"]
    return {t["title"]: (t["lead_agency"], t["co_agencies"], (t["due"] or {}).get("date"))
            for t in tasks}


def test_a_last_sentence_that_opens_with_the_body_assigns_the_work_before_it() -> None:
    """'…. Công an xã chủ trì, phối hợp với …; hoàn thành …': the body, its partners (up to
    the semicolon) and the time belong to the work before the sentence, whose title stops
    there; 'Phòng Kinh tế hướng dẫn …' is more work, not the body of the work before it."""
    got = _by_title(LAST_SENTENCE)
    assert got["Làm sạch dữ liệu dân cư"] == ("Công an xã", ["Các thôn"], "2027-06-30")
    assert got["Tập huấn kỹ năng số cho hộ kinh doanh"] == ("Hội Liên hiệp Phụ nữ xã", [],
                                                              "2027-12-31")
    assert got["Số hóa hồ sơ hộ tịch"] == ("Phòng Văn hóa - Xã hội", [], "2027-10-31")
    assert not [t for t in got if t.startswith("Xây dựng mô hình chợ")]


def test_a_role_line_may_carry_several_roles_after_semicolons() -> None:
    """'Chủ trì: …; phối hợp: …; thời gian: …' under a numbered item gives it all three."""
    got = _by_title(LAST_SENTENCE)
    assert got["Tổ chức hội nghị quán triệt nghị quyết"] == (
        "Ban Xây dựng Đảng", ["Các chi bộ trực thuộc"], "2027-03-31")


def test_a_body_named_with_a_colon_heads_the_duties_below_it() -> None:
    """'1. Công an xã:' is no task of its own: the item below it is the body's duty."""
    got = _by_title(LAST_SENTENCE)
    assert "Công an xã:" not in got
    assert got["Hướng dẫn người dân kích hoạt tài khoản định danh điện tử, hoàn thành trước "
               "ngày 30/9/2027."] == ("Công an xã", [], "2027-09-30")


@pytest.mark.parametrize("width", [60, 70, 80, 90])
def test_the_plan_wrapped_as_a_pdf_reads_the_same(width: int) -> None:
    """A PDF's lines broken at the margin, inside a last sentence or after '; thời gian:'
    (its value on the next line): every task keeps its body, partners and time."""
    wrapped = "\n".join("\n".join(textwrap.wrap(line, width)) if line else line
                        for line in LAST_SENTENCE.splitlines())
    assert sorted(map(str, _by_title(wrapped).values())) == sorted(
        map(str, _by_title(LAST_SENTENCE).values()))


OPENINGS = """ỦY BAN NHÂN DÂN
XÃ AN HÒA
Số: 05/KH-UBND
KẾ HOẠCH
Thực hiện nhiệm vụ năm 2027

II. NHIỆM VỤ CỤ THỂ
- Trước ngày 15/3/2027, các thôn hoàn thành việc rà soát danh sách đối tượng.
- Trong tháng 5/2027, Công an xã tổ chức tổng kiểm tra phòng cháy chữa cháy.
- Tổ chức Lễ phát động Tết trồng cây: tháng 02/2027; đơn vị thực hiện: Phòng Kinh tế.
- Đồng chí Phó Chủ tịch UBND xã chỉ đạo Phòng Kinh tế xây dựng kế hoạch chuyển đổi cơ cấu cây trồng, hoàn thành trong Quý I/2027.
"""


def test_a_duty_may_open_with_its_time_before_its_body() -> None:
    """'Trước ngày 15/3/2027, các thôn …': the body after the time leads."""
    got = _by_title(OPENINGS)
    assert got["Trước ngày 15/3/2027, các thôn hoàn thành việc rà soát danh sách đối tượng."] \
        == ("Các thôn", [], "2027-03-15")
    assert got["Trong tháng 5/2027, Công an xã tổ chức tổng kiểm tra phòng cháy chữa cháy."] \
        == ("Công an xã", [], "2027-05-31")


def test_an_item_with_its_time_after_a_colon_and_the_body_that_carries_it_out() -> None:
    """'…: tháng 02/2027; đơn vị thực hiện: Phòng Kinh tế': the work, its time, its body,
    though other items under the same heading are prose duties."""
    assert _by_title(OPENINGS)["Tổ chức Lễ phát động Tết trồng cây"] == (
        "Phòng Kinh tế", [], "2027-02-28")


def test_a_person_who_directs_a_body_steers_and_the_body_leads() -> None:
    tasks = extract(OPENINGS.encode(), "ke-hoach.txt")["tasks"]
    task = next(t for t in tasks if t["title"].startswith("Đồng chí"))
    assert (task["leader"], task["lead_agency"], task["due"]["date"]) == (
        "Đồng chí Phó Chủ tịch UBND xã", "Phòng Kinh tế", "2027-03-31")


def test_work_given_to_a_body_after_a_comma() -> None:
    """'…, giao Đảng ủy UBND xã lãnh đạo xây dựng …': the body after 'giao' leads."""
    text = OPENINGS.replace("II. NHIỆM VỤ CỤ THỂ\n", "II. NHIỆM VỤ CỤ THỂ\n- Tập trung phát "
                            "triển nông nghiệp hàng hóa, giao Đảng ủy UBND xã lãnh đạo xây dựng "
                            "kế hoạch cụ thể, hoàn thành trong Quý I/2027.\n")
    tasks = extract(text.encode(), "ke-hoach.txt")["tasks"]
    task = next(t for t in tasks if t["title"].startswith("Tập trung"))
    assert (task["lead_agency"], task["due"]["date"]) == ("Đảng ủy UBND xã", "2027-03-31")
