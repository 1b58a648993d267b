"""The assessment and next period's tasks (reports/assessment.py), from hand-made items."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from docx import Document

from tests.reports.inputs import state_report
from theodoi.reports import assessment
from theodoi.reports import docx as layout
from theodoi.reports.model import Direction, Section, TargetLine, TaskLine


def _target(ref: str, name: str, field: str, status: str) -> TargetLine:
    return TargetLine(ref, name, "%", 1.0, None, 1.0, None, status, "", None, field)


def test_limits_by_field_worst_first_each_named_once() -> None:
    targets = [_target("t1", "Tỷ lệ hộ nghèo", "van_hoa_xa_hoi", "co_nguy_co"),
               _target("t2", "Thu ngân sách", "kinh_te", "khong_dat"),
               _target("t3", "Tỷ lệ hộ nghèo", "van_hoa_xa_hoi", "co_nguy_co"),  # again
               _target("t4", "Tỷ lệ BHYT", "van_hoa_xa_hoi", "cham_tien_do"),
               _target("t5", "Tỷ lệ đô thị hóa", "kinh_te", "dung_tien_do")]
    tasks = [TaskLine("k1", "Lập quy hoạch chung xã", "UBND xã", date(2026, 6, 30), "qua_han",
                      "Quá hạn")]
    assert assessment.limits(targets, tasks) == [
        Section("Lĩnh vực kinh tế", ["Thu ngân sách không đạt."]),
        Section("Lĩnh vực văn hóa - xã hội", ["Tỷ lệ BHYT chậm tiến độ.",
                                              "Tỷ lệ hộ nghèo có nguy cơ không đạt."]),
        Section("Các nhiệm vụ", ["Lập quy hoạch chung xã (UBND xã) quá hạn từ 30/06/2026."])]


def test_causes_split_where_the_answer_labels_them_and_said_once() -> None:
    answers = {"t1": "Khách quan: thiên tai tháng 7 làm nhiều hộ tái nghèo; Chủ quan: rà soát "
                     "chưa sát thực tế.",
               "t2": "Nguồn lực còn hạn chế.",
               "t3": "Nguồn lực còn hạn chế."}
    names = {"t1": "Tỷ lệ hộ nghèo", "t2": "Thu ngân sách", "t3": "Thu ngân sách"}
    assert assessment.causes(answers, names) == [
        Section("Nguyên nhân khách quan", ["thiên tai tháng 7 làm nhiều hộ tái nghèo."]),
        Section("Nguyên nhân chủ quan", ["rà soát chưa sát thực tế."]),
        Section("Nguyên nhân khác", ["Thu ngân sách: nguồn lực còn hạn chế."])]
    # with no labelled answer, the causes stand alone under "Nguyên nhân"
    assert assessment.causes({"t2": "Nguồn lực còn hạn chế."}, names) == [
        Section("", ["Thu ngân sách: nguồn lực còn hạn chế."])]


def test_kiến_nghị_are_the_answers_sentences_that_ask_for_something() -> None:
    answers = ["Vốn chưa được phân bổ. Đề nghị UBND tỉnh sớm phân bổ vốn đầu tư công năm 2026.",
               "Chờ hướng dẫn; kiến nghị Sở Nông nghiệp hỗ trợ giống", "Thời tiết bất lợi."]
    assert assessment.proposals(answers) == [
        "Đề nghị UBND tỉnh sớm phân bổ vốn đầu tư công năm 2026.",
        "Kiến nghị Sở Nông nghiệp hỗ trợ giống."]
    assert assessment.proposals(["Thời tiết bất lợi."]) == []


def test_next_period_by_field_overdue_first_in_directive_voice() -> None:
    ahead = [Direction("Nâng cấp đường liên thôn", "Phòng Kinh tế", "31/12/2026"),
             Direction("Rà soát hộ nghèo", "Phòng VH-XH", "15/08/2026", overdue=True),
             Direction("Thu nhập bình quân đạt 75 triệu đồng", None, "năm 2026", "target",
                       "kinh_te")]
    assert assessment.next_tasks(ahead) == [
        Section("Lĩnh vực kinh tế", ["Phấn đấu thu nhập bình quân đạt 75 triệu đồng "
                                     "(năm 2026)."]),
        Section("Các nhiệm vụ", [
            "Tập trung hoàn thành rà soát hộ nghèo (quá hạn từ 15/08/2026); chủ trì: Phòng "
            "VH-XH.",
            "Triển khai thực hiện nâng cấp đường liên thôn, hoàn thành trước 31/12/2026; chủ "
            "trì: Phòng Kinh tế."])]


def test_tasks_with_a_field_stand_under_it_in_limits_and_next_period() -> None:
    """Issue 24's leftover: a task's field (issue 18) puts it under its field's heading like
    a target; only the tasks of no known field stay under "Các nhiệm vụ", last."""
    targets = [_target("t1", "Thu ngân sách", "kinh_te", "cham_tien_do")]
    tasks = [TaskLine("k1", "Lập quy hoạch chung xã", "UBND xã", date(2026, 6, 30), "qua_han",
                      "Quá hạn", field="khac"),
             TaskLine("k2", "Sửa chữa nhà văn hóa thôn Đông", "Phòng VH-XH", date(2026, 9, 30),
                      "qua_han", "Quá hạn", field="van_hoa_xa_hoi"),
             TaskLine("k3", "Kế hoạch đầu tư công trung hạn", "UBND xã", date(2026, 3, 31),
                      "qua_han", "Quá hạn", field="kinh_te")]
    assert assessment.limits(targets, tasks) == [
        Section("Lĩnh vực kinh tế", [
            "Thu ngân sách chậm tiến độ.",
            "Kế hoạch đầu tư công trung hạn (UBND xã) quá hạn từ 31/03/2026."]),
        Section("Lĩnh vực văn hóa - xã hội", [
            "Sửa chữa nhà văn hóa thôn Đông (Phòng VH-XH) quá hạn từ 30/09/2026."]),
        Section("Các nhiệm vụ", ["Lập quy hoạch chung xã (UBND xã) quá hạn từ 30/06/2026."])]
    ahead = [Direction("Rà soát hộ nghèo", "Phòng VH-XH", "15/08/2026", overdue=True),
             Direction("Giao quân năm 2027", "BCH Quân sự xã", "31/03/2027",
                       field="quoc_phong_an_ninh"),
             Direction("Xây dựng thao trường huấn luyện", "BCH Quân sự xã", "30/06/2026",
                       field="quoc_phong_an_ninh", overdue=True),
             Direction("Thu nhập bình quân đạt 75 triệu đồng", None, "năm 2026", "target",
                       "kinh_te")]
    assert assessment.next_tasks(ahead) == [
        Section("Lĩnh vực kinh tế", ["Phấn đấu thu nhập bình quân đạt 75 triệu đồng "
                                     "(năm 2026)."]),
        Section("Lĩnh vực quốc phòng - an ninh", [
            "Tập trung hoàn thành xây dựng thao trường huấn luyện (quá hạn từ 30/06/2026); "
            "chủ trì: BCH Quân sự xã.",
            "Triển khai thực hiện giao quân năm 2027, hoàn thành trước 31/03/2027; chủ trì: "
            "BCH Quân sự xã."]),
        Section("Các nhiệm vụ", [
            "Tập trung hoàn thành rà soát hộ nghèo (quá hạn từ 15/08/2026); chủ trì: Phòng "
            "VH-XH."])]


def test_the_signature_block_stays_with_the_closing_paragraph() -> None:
    doc = Document(BytesIO(layout.render(state_report())))
    closing = next(p for p in doc.paragraphs if p.text.startswith("Trên đây là báo cáo"))
    assert closing.paragraph_format.keep_with_next
    table = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    assert table.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None
    before = table._tbl.getprevious()  # the blank line between them keeps with it too
    assert before.pPr.keepNext is not None
