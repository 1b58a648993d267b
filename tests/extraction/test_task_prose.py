"""Tasks in prose and lists, whatever the layout: each case is a short plan written the way
provinces, communes and the Government write duties (one paragraph a line, as a Word file
reads; no list labels), with the answer written by hand from the Vietnamese."""

from __future__ import annotations

import pytest

from theodoi.extraction import extract

HEAD = "KẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\nHà Tĩnh, ngày 24 tháng 11 năm 2025\n"


def _tasks(body: str) -> list[dict]:
    return extract((HEAD + body).encode(), filename="kh.txt")["tasks"]


def _one(body: str, quote: str) -> dict:
    found = [t for t in _tasks(body) if quote in t["text"]]
    assert len(found) == 1, [t["text"] for t in _tasks(body)]
    return found[0]


@pytest.mark.parametrize(("body", "quote", "lead", "co"), [
    # a paragraph whose subject is a body (resolutions, letters)
    ("I. NHIỆM VỤ\nBộ Tài chính tiếp tục xuất cấp hàng dự trữ quốc gia để hỗ trợ các địa "
     "phương.\n", "xuất cấp hàng dự trữ", "Bộ Tài chính", []),
    ("II. TỔ CHỨC THỰC HIỆN\nSở Tài chính phối hợp với các cơ quan, đơn vị liên quan tham mưu "
     "Ủy ban nhân dân tỉnh bố trí kinh phí.\n", "bố trí kinh phí", "Sở Tài chính",
     ["Các cơ quan, đơn vị liên quan"]),
    # "Giao X chủ trì, phối hợp Y …" anywhere in the plan
    ("III. GIẢI PHÁP\nGiao Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh theo dõi, "
     "hướng dẫn, kiểm tra việc triển khai.\n", "theo dõi, hướng dẫn", "Công an tỉnh",
     ["Văn phòng UBND tỉnh"]),
    # "Đề nghị X …": a request to a body it does not command is still its duty
    ("IV. TỔ CHỨC THỰC HIỆN\nĐề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tăng cường tuyên "
     "truyền, vận động Nhân dân tham gia.\n", "tăng cường tuyên truyền",
     "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", []),
    # a lead-in naming the body and its partners, then one duty a line
    ("II. TỔ CHỨC THỰC HIỆN\nSở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Nông nghiệp và "
     "Môi trường, Ủy ban nhân dân các xã, phường:\nXây dựng chương trình đào tạo cho đội ngũ "
     "giáo viên;\nLồng ghép nội dung phòng, chống thiên tai vào môn học.\n",
     "Lồng ghép nội dung", "Sở Giáo dục và Đào tạo",
     ["Sở Nông nghiệp và Môi trường", "Ủy ban nhân dân các xã, phường"]),
    # a body's heading, unlabelled, then its duties; "Phối hợp với …" adds partners
    ("II. TỔ CHỨC THỰC HIỆN\nSở Y tế\nTổ chức sơ kết các chương trình về dân số.\nPhối hợp với "
     "Sở Tư pháp và các cơ quan liên quan tổ chức phổ biến pháp luật về dân số.\n",
     "phổ biến pháp luật", "Sở Y tế", ["Sở Tư pháp", "Các cơ quan liên quan"]),
    # a numbered heading "Trách nhiệm của …" gives the body
    ("IV. NHIỆM VỤ CỤ THỂ\n1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:\nThành lập Tổ kiểm "
     "kê tại đơn vị.\n", "Thành lập Tổ kiểm kê", "Đối tượng thực hiện kiểm kê", []),
    # how often, said between the body and its verb, is no part of the body's name
    ("IV. TỔ CHỨC THỰC HIỆN\nCác cơ quan, đơn vị định kỳ hằng quý báo cáo kết quả thực hiện về "
     "Ủy ban nhân dân xã.\n", "báo cáo kết quả", "Các cơ quan, đơn vị", []),
    ("IV. TỔ CHỨC THỰC HIỆN\nỦy ban nhân dân các xã hàng năm tổ chức sơ kết, nhân rộng mô hình "
     "hay.\n", "tổ chức sơ kết", "Ủy ban nhân dân các xã", []),
])
def test_duty_and_its_bodies(body: str, quote: str, lead: str, co: list[str]) -> None:
    task = _one(body, quote)
    assert (task["lead_agency"], task["co_agencies"]) == (lead, co)


def test_block_lines_under_an_unlabelled_work_item() -> None:
    body = ("II. NỘI DUNG\nBiên soạn tài liệu phổ biến Luật\nCơ quan chủ trì: Bộ Công an.\n"
            "Cơ quan phối hợp: Văn phòng Chính phủ, Bộ Tư pháp và các cơ quan có liên quan.\n"
            "Thời hạn hoàn thành: trước ngày 31 tháng 12 năm 2026.\n")
    task = _one(body, "Biên soạn tài liệu")
    assert task["lead_agency"] == "Bộ Công an"
    assert task["co_agencies"] == ["Văn phòng Chính phủ", "Bộ Tư pháp",
                                   "Các cơ quan có liên quan"]
    assert task["due"]["date"] == "2026-12-31"


@pytest.mark.parametrize(("time_line", "when"), [
    ("Thời gian hoàn thành: Tháng 11 - 12/2025.", "2025-12-31"),
    ("Thời hạn hoàn thành: Từ ngày 01/01/2026 đến ngày 31/3/2026.", "2026-03-31"),
    ("Thời gian thực hiện: Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê.", None),
])
def test_a_time_line_dates_the_duty_above_it(time_line: str, when: str | None) -> None:
    body = ("IV. NHIỆM VỤ CỤ THỂ\n1.4. Ủy ban nhân dân các phường, xã\nHướng dẫn, tập huấn cho "
            f"các đối tượng kiểm kê.\n{time_line}\n")
    task = _one(body, "Hướng dẫn, tập huấn")
    assert task["lead_agency"] == "Ủy ban nhân dân các phường, xã"
    assert (task["due"] or {}).get("date") == when


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_deadline_a_pdf_broke_across_lines_is_still_the_deadline(gap: str) -> None:
    """"chậm⏎nhất ngày 15/12/2027", "hạn⏎chót", "hoàn⏎thành": the words before a day that
    make it a deadline, wherever a PDF wrapped the line (a blank line after each, or none)."""
    body = ("IV. TỔ CHỨC THỰC HIỆN\n1. Phòng Văn hóa - Xã hội\n- Chủ trì rà soát hộ nghèo, hộ cận "
            f"nghèo cuối năm 2027, báo cáo Ủy ban nhân dân xã chậm{gap}nhất ngày 15/12/2027.\n")
    assert _one(body, "rà soát hộ nghèo")["due"]["date"] == "2027-12-15"


def test_a_known_name_with_và_stays_one_body() -> None:
    body = ("II. NHIỆM VỤ\nXây dựng Kế hoạch đầu tư công trung hạn\nCơ quan chủ trì: Phòng "
            "Kinh tế.\nCơ quan phối hợp: Văn phòng HĐND và UBND xã, Sở Khoa học và Công nghệ.\n")
    task = _one(body, "đầu tư công")
    assert task["co_agencies"] == ["Văn phòng HĐND và UBND xã", "Sở Khoa học và Công nghệ"]


def test_a_leader_is_kept_apart_from_the_body() -> None:
    body = ("II. TỔ CHỨC THỰC HIỆN\nUBND xã (đồng chí Nguyễn Văn An, Phó Chủ tịch UBND xã phụ "
            "trách) chủ trì, phối hợp với Công an xã tổ chức diễn tập phòng cháy.\n")
    task = _one(body, "diễn tập phòng cháy")
    assert task["lead_agency"] == "UBND xã"
    assert task["leader"] == "Nguyễn Văn An, Phó Chủ tịch UBND xã"
    assert task["co_agencies"] == ["Công an xã"]


@pytest.mark.parametrize("body", [
    # the preamble's bases and the enforcement clause
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\nI. MỤC TIÊU\n"
    "Nâng cao nhận thức.\nĐiều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tài chính chịu trách "
    "nhiệm thi hành quyết định này.\n",
    # principles and requirements bind everyone, they give no body work
    "I. MỤC ĐÍCH, YÊU CẦU\nNgười đứng đầu cơ quan, đơn vị được giao nhiệm vụ chủ động triển "
    "khai thực hiện Kế hoạch.\n",
    # a conditional, a definition, a funding rule for all, past work
    "II. TỔ CHỨC THỰC HIỆN\nTrong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan "
    "phản ánh về Sở Tài chính.\nDoanh nghiệp công nghệ số là lực lượng tiên phong trong kiến tạo "
    "hạ tầng.\nChính phủ, Thủ tướng Chính phủ đã tập trung chỉ đạo khắc phục hậu quả.\n"
    "III. KINH PHÍ THỰC HIỆN\nCác sở, ngành, địa phương có trách nhiệm chủ động bố trí kinh phí "
    "từ dự toán được giao.\n",
    # quotas of an emulation plan ("Ban …: Không quá 05 cá nhân")
    "III. KHEN THƯỞNG\nBan Chỉ đạo bầu cử của tỉnh: Không quá 05 cá nhân;\n",
    # a body's targets are targets, not duties
    "V. CHỈ TIÊU\n1.1. Giao cho Ban Xây dựng Đảng chủ trì tổ chức thực hiện các chỉ tiêu sau:\n"
    "(1) Duy trì 100% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ.\n",
])
def test_what_is_not_a_duty(body: str) -> None:
    assert _tasks(body) == []


def test_work_items_in_a_list_of_aims_are_tasks_due_at_its_horizon() -> None:
    body = ("II. MỤC TIÊU\n1. Mục tiêu chung\nNâng cao năng lực quản lý hạ tầng giao thông.\n"
            "2. Mục tiêu cụ thể đến năm 2030\nHoàn thiện cơ sở dữ liệu tập trung về hạ tầng "
            "giao thông toàn tỉnh.\nHình thành ít nhất 02 vùng nuôi thủy sản thông minh.\n"
            "III. GIẢI PHÁP\nXây dựng cơ chế khuyến khích doanh nghiệp đầu tư.\n")
    tasks = _tasks(body)
    assert [t["title"][:25] for t in tasks] == ["Hoàn thiện cơ sở dữ liệu "]
    assert tasks[0]["lead_agency"] is None
    assert tasks[0]["due"]["date"] == "2030-12-31"


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_numbered_body_heading_in_wrapped_text_heads_the_work_below_it(gap: str) -> None:
    """A PDF's wrapped text: "1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo" stops short
    of the margin and names a body, so the capitalised line under it starts that body's work;
    a numbered sentence that stops short and goes on with a name ("… phối hợp với Ban Xây
    dựng⏎Đảng, …") is one paragraph."""
    lines = [
        "IV. TỔ CHỨC THỰC HIỆN",
        "1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo",
        "Tuyên truyền, phổ biến, quán triệt các cơ quan, tổ chức, đơn vị, doanh",
        "nghiệp thuộc phạm vi quản lý thực hiện nghiêm túc việc kiểm kê tài sản công",
        "theo đúng quy định của pháp luật hiện hành.",
        "1.3. Giao cho Sở Nội vụ chủ trì, phối hợp với Văn phòng, Ban Xây dựng",
        "Đảng, Văn phòng Tỉnh ủy và các ngành có liên quan tham mưu tổ chức triển khai",
        "thực hiện các nội dung về tổ chức bộ máy theo kế hoạch của tỉnh đã đề ra.",
    ]
    tasks = _tasks(gap.join(lines) + "\n")
    first = [t for t in tasks if "phổ biến, quán triệt" in t["text"]]
    assert [(t["lead_agency"], t["text"].split()[0]) for t in first] == [
        ("Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo", "Tuyên")]
    second = [t for t in tasks if "tổ chức bộ máy" in t["text"]]
    assert [(t["lead_agency"], "Ban Xây dựng Đảng" in t["co_agencies"]) for t in second] == [
        ("Sở Nội vụ", True)]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_topic_line_short_of_the_margin_ends_before_a_capital(gap: str) -> None:
    """A PDF's wrapped text: a line that goes on into the next ran out of room, so a topic
    line well short of the margin ("Về khôi phục …, giao thông") before a capitalised line
    ends there, and the body under it ("Ủy ban nhân dân các tỉnh, thành phố:") heads the
    work below; a sentence that ran out of room goes on with a capital ("… phối hợp với
    Sở⏎Y tế …")."""
    lines = [
        "I. NHIỆM VỤ, GIẢI PHÁP",
        "Khẩn trương cấp thẻ, gia hạn thẻ bảo hiểm y tế, giải quyết các vướng mắc về thủ",
        "tục khám, chữa bệnh bảo hiểm y tế, bảo đảm người tham gia bảo hiểm y tế được",
        "khám, chữa bệnh kịp thời, phối hợp với các cơ quan chức năng trên địa bàn và Sở",
        "Y tế hướng dẫn cơ sở khám, chữa bệnh bảo đảm quyền lợi của người tham gia.",
        "Về khôi phục hạ tầng thiết yếu, y tế, giáo dục, giao thông",
        "Ủy ban nhân dân các tỉnh, thành phố:",
        "Phối hợp với Bộ Xây dựng tập trung khắc phục nhanh nhất hạ tầng giao thông bị",
        "thiệt hại do thiên tai, nhất là những nơi còn bị chia cắt, bảo đảm giao thông",
        "thông suốt, an toàn, hoàn thành theo chỉ đạo của Thủ tướng Chính phủ.",
    ]
    tasks = _tasks(gap.join(lines) + "\n")
    work = [t for t in tasks if "hạ tầng giao thông" in t["text"]]
    assert [(t["lead_agency"], t["co_agencies"]) for t in work] == [
        ("Ủy ban nhân dân các tỉnh, thành phố", ["Bộ Xây dựng"])]
    assert not [t for t in tasks if t["text"].startswith("Y tế")]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_body_heading_that_filled_its_line_ends_before_a_capitalised_verb(gap: str) -> None:
    """The body's name ran to the margin, so the page's geometry cannot tell; the next line
    opening with a capitalised verb ("Tiếp tục …") starts a sentence, so the work below is
    the body's and its name stops at "trên địa bàn"."""
    lines = [
        "III. TỔ CHỨC THỰC HIỆN",
        "Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ được giao chủ động triển khai các",
        "nội dung của Kế hoạch này, bảo đảm chất lượng, hiệu quả và đúng tiến độ đã đề ra.",
        "5. Các sở, ban, ngành, đoàn thể cấp tỉnh và UBND các xã, phường trên địa bàn",
        "Tiếp tục phổ biến, quán triệt, triển khai có hiệu quả các quy định của pháp luật",
        "về công tác bảo vệ bí mật nhà nước đến cán bộ, công chức, viên chức và người lao",
        "động thuộc phạm vi quản lý; kịp thời phát hiện, xử lý các vi phạm theo quy định.",
    ]
    work = [t for t in _tasks(gap.join(lines) + "\n") if "bí mật nhà nước" in t["text"]]
    assert [(t["lead_agency"], t["text"].split()[0]) for t in work] == [
        ("Các sở, ban, ngành, đoàn thể cấp tỉnh và UBND các xã, phường trên địa bàn", "Tiếp")]


@pytest.mark.parametrize(("item", "due"), [
    # work whose product goes to a body by a time is a task with that deadline
    ("4. Xây dựng Đề án phát triển sản phẩm OCOP giai đoạn 2027 - 2030, trình Ban Chấp hành "
     "Đảng bộ xã trong Quý III năm 2027.", "2027-09-30"),
    ("4. Lập hồ sơ đề nghị công nhận xã đạt chuẩn, trình cấp có thẩm quyền trước tháng 6/2027.",
     "2027-06-30"),
    # every year's: "Quý I hằng năm" is the first such quarter, yearly
    ("b, Nhiệm vụ cụ thể: UBND xã chỉ đạo Phòng Kinh tế xây dựng kế hoạch phát triển doanh "
     "nghiệp, trình Chủ tịch UBND xã phê duyệt vào quý I hằng năm.", "2026-03-31"),
    # "chương trình", "trình độ" are no submission; nor is a tail that opens no sentence
    ("4. Lồng ghép chương trình mục tiêu quốc gia với các đề án của xã trong năm 2027.", None),
    ("4. Nâng cao trình độ cán bộ trong năm 2027.", None),
    ("4. Huy động nguồn lực cho các công trình trọng điểm; trọng tâm là thu hút đầu tư vào "
     "các ngành nghề chế biến nông, lâm sản...Thời gian hoàn thiện, trình Ban Thường vụ trong "
     "quý I năm 2027.", None),
])
def test_work_submitted_to_a_body_by_a_time_is_dated_work(item: str, due: str | None) -> None:
    body = "III. NHIỆM VỤ, GIẢI PHÁP\n1. Nâng cao nhận thức của cán bộ, đảng viên.\n" + item + "\n"
    assert [t["due"]["date"] for t in _tasks(body)] == ([due] if due else [])


def test_a_dated_sentence_that_says_an_appendix_row_s_work_shorter_is_that_row() -> None:
    """The prose restates the appendix's row with fewer words ("giai đoạn 2026 - 2030" for
    "thời kỳ 2026- 2030, tầm nhìn đến 2040") and says to whom and by when: one task."""
    body = ("III. NHIỆM VỤ, GIẢI PHÁP\n- Xây dựng quy hoạch sử dụng đất xã giai đoạn 2026 - 2030, "
            "trình Ban Thường vụ Đảng ủy trong quý I năm 2026.\n"
            "PHỤ LỤC\nSTT | Nhiệm vụ | Cơ quan chủ trì | Thời gian\n"
            "1 | Xây dựng quy hoạch sử dụng đất xã thời kỳ 2026- 2030, tầm nhìn đến 2040 | "
            "UBND xã | Quý I năm 2026\n")
    assert [(t["lead_agency"], t["due"]["date"]) for t in _tasks(body)] == [
        ("UBND xã", "2026-03-31")]


def test_work_to_be_carried_out_in_a_period_is_dated_and_its_body_leads() -> None:
    """"…; UBND xã lãnh đạo, chỉ đạo …, thực hiện trong quý II năm 2027": the clause names
    its body and the period the work is done in."""
    body = ("III. NHIỆM VỤ, GIẢI PHÁP\n- Trên cơ sở chủ trương mới của tỉnh về môi trường đầu tư; "
            "UBND xã lãnh đạo, chỉ đạo cải thiện môi trường đầu tư kinh doanh trên địa bàn xã, "
            "thực hiện trong quý II năm 2027.\n")
    assert [(t["lead_agency"], t["due"]["date"]) for t in _tasks(body)] == [
        ("UBND xã", "2027-06-30")]


@pytest.mark.parametrize(("text", "verb"), [
    (" trình UBND tỉnh phê duyệt", True), (" trình Ủy ban nhân dân xã", True),
    (" trình cấp có thẩm quyền", True), (" trình độ chuyên môn", False),
    (" trình đề án", False),
])
def test_trình_is_the_verb_only_before_a_capitalised_body(text: str, verb: bool) -> None:
    """"[A-ZĐÀ-Ỹ]" is no class of capitals: its range holds "đ", "ộ" and every small letter
    with a mark, so "trình độ" read as "submit to"."""
    from theodoi.extraction.rules.tasks import WORK_VERB

    assert bool(WORK_VERB.match(text)) is verb


@pytest.mark.parametrize("closing", [
    "Trên đây là Kế hoạch chuyển đổi số năm 2026. Đề nghị các cơ quan, đơn vị nghiêm túc triển "
    "khai thực hiện. Định kỳ hằng năm (trước ngày 30 tháng 11) báo cáo kết quả thực hiện về "
    "Sở Xây dựng để tổng hợp.",
    "Trên đây là Kế hoạch chuyển đổi số năm 2026; các cơ quan, đơn vị báo cáo kết quả thực hiện "
    "về Sở Xây dựng trước ngày 30/11 hằng năm.",
])
def test_a_yearly_report_asked_in_the_closing_lines_is_a_task(closing: str) -> None:
    """The closing paragraph's exhortation is no task; the yearly report it asks for by a day
    of every year is."""
    body = "III. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng chủ trì triển khai Kế hoạch.\n" + closing + "\n"
    found = [t for t in _tasks(body) if "báo cáo kết quả" in t["text"]]
    assert [(t["due"]["date"][5:], t["due"]["recurrence"]) for t in found] == [("11-30", "annual")]


def test_a_paragraph_giving_work_to_a_body_ends_the_duty_above_it() -> None:
    """"Giao Công an tỉnh chủ trì, …" under item 1 is a duty of its own, not more of item 1."""
    body = ("IV. TỔ CHỨC THỰC HIỆN\n1. Căn cứ kế hoạch này, các sở, ngành, UBND các xã, phường "
            "xây dựng kế hoạch cụ thể để triển khai thực hiện.\nGiao Công an tỉnh chủ trì, phối "
            "hợp với Văn phòng UBND tỉnh theo dõi, đôn đốc việc triển khai thực hiện Kế hoạch.\n")
    found = [(t["lead_agency"], t["co_agencies"]) for t in _tasks(body) if "theo dõi" in t["text"]]
    assert found == [("Công an tỉnh", ["Văn phòng UBND tỉnh"])]


def test_labelled_duties_under_an_unlabelled_lead_in() -> None:
    """Word numbers the duties under "Ủy ban nhân dân các xã:" as a), b), so they are headings
    one level under "1.2."; they are the lead-in's, and "1.3." (the lead-in's own level) ends
    it: there an item names its own body, and one that names none and no date is no task."""
    body = ("II. NHIỆM VỤ\n1.2. Hỗ trợ về nhà ở\nỦy ban nhân dân các xã:\n"
            "a) Huy động các nguồn lực hợp pháp để hỗ trợ Nhân dân sửa chữa nhà bị tốc mái;\n"
            "b) Rà soát, bố trí quỹ đất tái định cư cho những hộ có nhà bị sập đổ.\n"
            "1.3. Vệ sinh môi trường\n"
            "a) Sở Y tế hướng dẫn xử lý môi trường sau khi lũ rút.\n"
            "b) Tổ chức phun thuốc khử trùng tại các khu dân cư bị ngập.\n")
    got = {t["title"][:12]: t["lead_agency"] for t in _tasks(body)}
    assert got.get("Huy động các") == "Ủy ban nhân dân các xã"
    assert got.get("Rà soát, bố ") == "Ủy ban nhân dân các xã"
    assert got.get("Sở Y tế hướn") == "Sở Y tế"
    assert "Tổ chức phun" not in got  # no body, no date: not a task (the contract)


def _leads(body: str) -> dict[str, str | None]:
    return {t["title"][:24]: t["lead_agency"] for t in _tasks(body)}


def test_a_bodys_one_clause_lead_in_is_no_duty_of_its_own() -> None:
    """Word numbers "Sở … chủ trì, phối hợp với …:" as an item; its duties are the bullets
    under it, with its partners. An item that gives the body work of its own before its list ("…; đồng thời …,
    tập trung các nhiệm vụ sau:") is a duty as well."""
    body = ("IV. TỔ CHỨC THỰC HIỆN\n"
            "1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Y tế, Ủy ban nhân dân các xã:\n"
            "• Xây dựng chương trình tập huấn cho đội ngũ giáo viên;\n"
            "• Lồng ghép nội dung phòng, chống thiên tai vào môn học.\n"
            "2. Ủy ban nhân dân các xã chủ động bố trí kinh phí từ ngân sách địa phương; đồng "
            "thời huy động các nguồn vốn hợp pháp khác, tập trung các nhiệm vụ sau:\n"
            "• Xây dựng kế hoạch thực hiện Đề án của địa phương.\n")
    leads = _leads(body)
    assert leads == {
        "Xây dựng chương trình tậ": "Sở Giáo dục và Đào tạo",
        "Lồng ghép nội dung phòng": "Sở Giáo dục và Đào tạo",
        "Ủy ban nhân dân các xã c": "Ủy ban nhân dân các xã",
        "Xây dựng kế hoạch thực h": "Ủy ban nhân dân các xã",
    }, leads
    partners = {t["title"][:24]: t["co_agencies"] for t in _tasks(body)}
    assert partners["Xây dựng chương trình tậ"] == ["Sở Y tế", "Ủy ban nhân dân các xã"]
    assert partners["Lồng ghép nội dung phòng"] == ["Sở Y tế", "Ủy ban nhân dân các xã"]
    assert partners["Xây dựng kế hoạch thực h"] == []


SUBMISSION = ["IV. TỔ CHỨC THỰC HIỆN", "2.1. Sở Tài chính",
              "a) Tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh quyết định:",
              "• Phương án phân bổ vốn đầu tư công trung hạn giai đoạn 2026 - 2030;",
              "• Mức vốn đối ứng từ ngân sách địa phương.",
              "b) Hướng dẫn các địa phương sử dụng kinh phí đúng quy định.",
              "2.2. Công an tỉnh",
              "a) Tổ chức triển khai các dự án do Bộ Công an chủ trì:",
              "• Dự án 1: “Phòng ngừa, đấu tranh tội phạm về ma túy”."]


@pytest.mark.parametrize("labels", [True, False], ids=["labelled", "unlabelled"])
def test_what_a_submission_holds_is_no_duty(labels: bool) -> None:
    """"a) Tham mưu … trình Hội đồng nhân dân tỉnh quyết định:" is one duty; the bullets
    under it are what the submission holds. The bullets under "a) Tổ chức triển khai các dự
    án …:" are work to do, each a duty of the body. The same without the letters and bullets
    (a text export of Word's numbered lists) reads the same."""
    lines = SUBMISSION if labels else [
        line if line[0].isdigit() or line.isupper() else line.split(" ", 1)[1]
        for line in SUBMISSION]
    leads = _leads("\n".join(lines) + "\n")
    assert leads == {
        "Tham mưu Ủy ban nhân dân": "Sở Tài chính",
        "Hướng dẫn các địa phương": "Sở Tài chính",
        "Tổ chức triển khai các d": "Công an tỉnh",
        "Dự án 1: “Phòng ngừa, đấ": "Công an tỉnh",
    }, leads


def test_a_numbered_duty_opening_with_can_cu_is_a_duty() -> None:
    """"b) Căn cứ vào khả năng cân đối ngân sách …, phối hợp … tham mưu bố trí kinh phí …;"
    is the body's duty written as a numbered sentence, not the title of a part that lists
    the plan's bases ("1. Căn cứ xây dựng Kế hoạch")."""
    body = ("IV. TỔ CHỨC THỰC HIỆN\n2. Sở Tài chính\n"
            "a) Phối hợp với Sở Y tế tham mưu lồng ghép các mục tiêu về dân số vào kế hoạch "
            "phát triển kinh tế - xã hội;\n"
            "b) Căn cứ vào khả năng cân đối ngân sách hằng năm, phối hợp với Sở Y tế tham mưu "
            "bố trí kinh phí thực hiện các chương trình dân số;\n")
    leads = _leads(body)
    assert leads == {"Phối hợp với Sở Y tế tha": "Sở Tài chính",
                     "Căn cứ vào khả năng cân ": "Sở Tài chính"}, leads


def test_a_role_item_is_the_bodys_above_it() -> None:
    """"• Là cơ quan thường trực, chủ trì tham mưu …" under "1. Sở Khoa học và Công nghệ":
    the item says what the body above is and does; "Là cơ quan thường trực" names no body."""
    body = ("V. TỔ CHỨC THỰC HIỆN\n1. Sở Khoa học và Công nghệ\n"
            "• Là cơ quan thường trực, chủ trì tham mưu Ủy ban nhân dân tỉnh triển khai, theo "
            "dõi, đôn đốc và tổng hợp tình hình thực hiện Kế hoạch.\n"
            "• Xây dựng các chương trình hỗ trợ doanh nghiệp đổi mới công nghệ.\n")
    assert {t["lead_agency"] for t in _tasks(body)} == {"Sở Khoa học và Công nghệ"}


def test_a_lettered_partners_line_under_a_body_names_no_body() -> None:
    """"a) Chủ trì, phối hợp với các sở, …" under "1. Sở Công Thương" names the partners of
    the body above for the bullets under it; it is no body's name itself."""
    body = ("V. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương\n"
            "a) Chủ trì, phối hợp với các sở, ban, ngành, UBND các xã, phường\n"
            "• Tổ chức tập huấn kiến thức về hội nhập kinh tế quốc tế cho doanh nghiệp.\n")
    [task] = _tasks(body)
    assert (task["lead_agency"], task["co_agencies"]) == (
        "Sở Công Thương", ["Các sở, ban, ngành", "UBND các xã, phường"])
