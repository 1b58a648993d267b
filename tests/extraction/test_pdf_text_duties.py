"""Duties and leads in a PDF's text layer: lines wrapped where the page ran out of room, a
bullet that an empty list item leaves on a line of its own. The plan is short and written the way
provinces write them, wrapped by hand as a PDF wraps it; the answers are written by hand."""

from __future__ import annotations

from theodoi.extraction import extract
from theodoi.extraction.labels import says_nothing
from theodoi.extraction.stages.paragraphs import one_per_line
from theodoi.extraction.stages.prose_bodies import subject
from theodoi.extraction.stages.target_agencies import sentence_subject
from theodoi.extraction.stages.tasks import wrapped_name

PLAN = """ỦY BAN NHÂN DÂN
THÀNH PHỐ CẦN THƠ
KẾ HOẠCH
Thực hiện công tác dân số trong tình hình mới
Cần Thơ, ngày 12 tháng 3 năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Quán triệt và triển khai nghiêm túc, đầy đủ, đồng bộ, hiệu quả Chỉ thị
số 27/CT-TTg nhằm nâng cao hiệu quả công tác dân số và phát triển trong
tình hình mới;
b) Phân công nhiệm vụ và trách nhiệm cụ thể cho các sở, ban, ngành, địa
phương trong quá trình triển khai thực hiện Chỉ thị số 27/CT-TTg, đảm
bảo tính đồng bộ, thống nhất và hiệu quả.
2. Yêu cầu
Việc thực hiện Kế hoạch phải chủ động, thực chất, có trọng tâm, trọng điểm,
gắn với thực hiện các nhiệm vụ phát triển kinh tế - xã hội của thành phố.
II. NHIỆM VỤ, GIẢI PHÁP
1. Xây dựng Đề án phát triển dịch vụ chăm sóc người cao tuổi đến năm 2030, trình
Ban Thường vụ Thành ủy trong Quý III năm 2025.
III. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
a) Chủ trì, phối hợp với các sở, ban, ngành, Ủy ban nhân dân xã, phường tham
mưu Ủy ban nhân dân thành phố triển khai thực hiện Kế hoạch; định kỳ hằng
năm tổng hợp, báo cáo kết quả thực hiện trước ngày 15 tháng 12.
b) Phối hợp với Sở Nội vụ kiện toàn đội ngũ làm công tác dân số theo
Quyết định số 496/QĐ-TTg ngày 30 tháng 3 năm 2021 của Thủ tướng
Chính phủ phê duyệt Đề án xây dựng mô hình tổ chức bộ máy làm công tác
dân số các cấp.
2. Sở Văn hóa, Thể thao và Du lịch; Báo, Đài Phát thanh và Truyền hình thành phố
Cần Thơ
Chỉ đạo các cơ quan báo chí tăng thời lượng, nâng cao chất lượng các chương
trình tuyên truyền về công tác dân số trong tình hình mới.
3. Các sở, ban, ngành, Ủy ban nhân dân xã, phường
a) Chủ động cập nhật dữ liệu dân số của ngành, lĩnh vực và địa phương.
Ủy ban nhân dân xã, phường chú trọng công bố dữ liệu về dân cư, hộ gia
đình. Tăng cường phối hợp với Sở Y tế trong cập nhật dữ liệu dân số.
b) Chỉ đạo các cơ sở giáo dục lồng ghép nội dung giáo dục dân số, sức khỏe
sinh sản vào chương trình giảng dạy phù hợp với từng cấp học./.
•
Nơi nhận: - Bộ Y tế; - Thường trực Thành ủy; - Lưu: VT.
"""


def _tasks() -> list[dict]:
    return extract(PLAN.encode(), filename="kh.txt")["tasks"]


def test_the_plan_reads_as_wrapped_text() -> None:
    assert not one_per_line(PLAN)


def test_a_wrapped_heading_line_is_not_a_duty_of_its_own() -> None:
    """"b) Phân công nhiệm vụ … địa" goes on with "phương trong quá trình …" on the next
    line: the heading's sentence, not a duty whose body is "Phương trong quá trình"."""
    tasks = _tasks()
    assert not [t for t in tasks if t["text"].startswith("phương")], [t["text"] for t in tasks]
    assert not [t for t in tasks if (t["lead_agency"] or "").startswith("Phương")]


def test_the_duties_keep_their_bodies() -> None:
    leads = {t["title"][:20]: t["lead_agency"] for t in _tasks()}
    assert leads["Chủ trì, phối hợp vớ"] == "Sở Y tế"
    assert leads["Chỉ đạo các cơ sở gi"] == "Các sở, ban, ngành, Ủy ban nhân dân xã, phường"


def test_a_line_short_of_the_margin_inside_a_duty_goes_on() -> None:
    """"… của Thủ tướng" stops short of the margin (the next word is long) and "Chính phủ
    phê duyệt …" goes on with the name it broke: one duty of Sở Y tế, not a second one
    opening with "Chính phủ". Only a heading's own line ends where it has room left."""
    tasks = _tasks()
    assert not [t for t in tasks if t["text"].startswith("Chính phủ")], [t["text"] for t in tasks]
    duty = next(t for t in tasks if t["title"].startswith("Phối hợp với Sở Nội vụ"))
    assert duty["lead_agency"] == "Sở Y tế"
    assert duty["text"].endswith("dân số các cấp.")


def test_a_heading_line_at_the_margin_goes_on_with_the_rest_of_its_name() -> None:
    """"2. Sở Văn hóa, …, Truyền hình thành phố" fills its line and "Cần Thơ" ends the
    name (short, no mark at its end; "Cần" reads as the verb "cần" alone): no task "Cần Thơ",
    and the duty under the heading is the heading's bodies'."""
    tasks = _tasks()
    assert not [t for t in tasks if t["title"] == "Cần Thơ"], [t["title"] for t in tasks]
    duty = next(t for t in tasks if t["title"].startswith("Chỉ đạo các cơ quan báo chí"))
    assert duty["lead_agency"].startswith("Sở Văn hóa, Thể thao và Du lịch")


def test_a_sentence_is_no_bodys_name() -> None:
    """"Ủy ban nhân dân xã, phường chú trọng …. Tăng cường …" names no body of its own ("chú
    trọng" is no verb of work given, and the name cannot run past a full stop): the duty is
    the heading's bodies'."""
    task = next(t for t in _tasks() if t["text"].startswith("Ủy ban nhân dân xã, phường chú"))
    assert task["lead_agency"] == "Các sở, ban, ngành, Ủy ban nhân dân xã, phường"
    assert subject("UBND cấp xã chú trọng công bố dữ liệu về dịch vụ công. Tăng cường phối "
                   "hợp với Sở Tài chính.") is None
    assert subject("UBND TP. Hồ Chí Minh chủ trì tổ chức hội nghị sơ kết.") == "UBND TP. Hồ Chí Minh"


def test_a_bullet_alone_on_its_line_is_no_task() -> None:
    assert not [t for t in _tasks() if not t["title"]]
    assert says_nothing("•") and says_nothing("a)") and says_nothing(" - ")
    assert not says_nothing("a) Lập kế hoạch")


def test_a_line_that_goes_on_mid_sentence_names_no_target_lead() -> None:
    """A PDF line opening in small letters goes on from the line above: "phòng, chống ma túy;"
    is the end of a topic, not the body a sentence opens with; a sentence that opens with a
    body still names it."""
    text = ("6.7. Trên 80% cơ quan báo chí có chuyên trang, chuyên mục, chuyên đề về\n"
            "phòng, chống ma túy; phấn đấu tổ chức tuyên truyền cho người học tại 100% "
            "nhà trường.\nSở Y tế chủ trì, phấn đấu 100% trạm y tế xã đủ điều kiện.\n")
    assert sentence_subject(text, text.index("100% nhà")) is None
    assert sentence_subject(text, text.index("100% trạm")) == "Sở Y tế"


def test_a_bodys_name_wrapped_in_a_narrow_cell() -> None:
    """A PDF's appendix cell breaks a name over lines: the lines go on with it while the name
    the rules know grows or it ends with a joining word; a second body or the time cell
    does not."""
    assert wrapped_name("Văn phòng", ["HĐND và", "UBND", "Quý I hằng năm"]) == \
        "Văn phòng HĐND và UBND"
    assert wrapped_name("Phòng Văn hóa -", ["Xã hội", "Quý II/2026"]) == "Phòng Văn hóa - Xã hội"
    assert wrapped_name("Phòng Kinh tế", ["Hội Nông dân xã", "Quý IV/2026"]) == "Phòng Kinh tế"
    assert wrapped_name("UBND xã", ["Quý II năm 2026"]) == "UBND xã"


def test_a_numbered_item_wrapped_before_a_name_keeps_its_time() -> None:
    """"1. Xây dựng Đề án …, trình⏎Ban Thường vụ Thành ủy trong Quý III năm 2025.": the line
    goes on before a name in capitals, so the item is no bare title and its time is its own."""
    task = next(t for t in _tasks() if t["title"].startswith("Xây dựng Đề án phát triển dịch"))
    assert (task["kind"], task["due"]["date"]) == ("scheme", "2025-09-30")
