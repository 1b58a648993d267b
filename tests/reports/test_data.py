"""The report model built from hand-made inputs: header wording, percentages, groupings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.reports.inputs import STATE, TARGETS, TASKS, party_report, state_report
from theodoi.domain.errors import BadInput
from theodoi.domain.periods import half, midterm, nine_months, quarter, term_end, year
from theodoi.reports import data
from theodoi.reports.model import Issuer


def test_state_header_lines() -> None:
    r = state_report()
    assert r.number_line == "Số: 15/BC-UBND"
    assert r.place_date == "Ngọc Liên, ngày 05 tháng 10 năm 2026"
    assert r.kind_title == "BÁO CÁO"
    # a plan without its subject in the register is named by its number and date
    assert r.summary == ("Kết quả thực hiện Kế hoạch số 12/KH-UBND ngày 15/11/2025 quý III "
                         "năm 2026 và phương hướng, nhiệm vụ quý IV năm 2026")
    assert r.attached == ("(Kèm theo Báo cáo số 15/BC-UBND ngày 05/10/2026 của "
                          "Ủy ban nhân dân xã Ngọc Liên)")


def test_party_header_lines_leave_blanks_for_the_clerk() -> None:
    r = party_report()
    assert r.number_line.startswith("Số ") and r.number_line.endswith("-BC/ĐU")
    assert r.place_date == "Thái Tân, ngày      tháng      năm 2027"
    # the term's years joined by a non-breaking hyphen: no line ends at "2025 -"
    assert r.summary == ("Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết số 05-NQ/ĐU, "
                         "nhiệm kỳ 2025\u20112030 và phương hướng, nhiệm vụ nửa cuối "
                         "nhiệm kỳ 2025\u20112030")


@pytest.mark.parametrize(("kind", "text", "label"), [
    ("quy", "Q3/2026", "Quý III/2026"), ("6_thang", "6 tháng 2026", "6 tháng đầu năm 2026"),
    ("9_thang", "9 tháng 2026", "9 tháng năm 2026"), ("nam", "2026", "Năm 2026"),
    ("so_ket", "2025-2030", "Sơ kết giữa nhiệm kỳ 2025 - 2030"),
    ("tong_ket", "tổng kết 2025-2030", "Tổng kết nhiệm kỳ 2025 - 2030"),
])
def test_every_report_kind_has_its_period(kind: str, text: str, label: str) -> None:
    period = data.period_for(kind, text)
    assert period.label == label
    r = data.build_report(STATE, kind, period, TARGETS, TASKS)
    assert r.period_label == label and r.report_kind == kind


def test_summary_per_kind() -> None:
    plans = [data.PlanRef("ke_hoach", "12/KH-UBND")]
    assert data.summary("6_thang", half(2026), plans) == (
        "Kết quả thực hiện Kế hoạch số 12/KH-UBND 6 tháng đầu năm 2026 và phương hướng, "
        "nhiệm vụ 6 tháng cuối năm 2026")
    assert data.summary("quy", quarter(2026, 4), []) == (
        "Kết quả thực hiện các kế hoạch, chương trình, nghị quyết quý IV năm 2026 và phương "
        "hướng, nhiệm vụ quý I năm 2027")
    subject = [data.PlanRef("chuong_trinh_hanh_dong", "05-CTr/ĐU", date(2025, 9, 1),
                            "Ban Chấp hành Đảng bộ xã Thái Tân",
                            "Thực hiện Nghị quyết Đại hội Đảng bộ xã lần thứ I")]
    assert data.summary("nam", year(2026), subject) == (
        "Kết quả thực hiện Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ xã "
        "lần thứ I năm 2026 và phương hướng, nhiệm vụ năm 2027")
    assert data.summary("9_thang", nine_months(2026), subject).endswith(
        "9 tháng năm 2026 và phương hướng, nhiệm vụ quý IV năm 2026")
    assert data.summary("tong_ket", term_end(2025, 2030), subject).endswith(
        "nhiệm kỳ 2025\u20112030 và phương hướng, nhiệm vụ nhiệm kỳ 2030\u20112035")
    # a subject that names the term already is not followed by it again
    termed = [data.PlanRef("ke_hoach", None, subject="Thực hiện Nghị quyết Đại hội Đảng bộ "
                                                     "tỉnh lần thứ XX, nhiệm kỳ 2025 - 2030")]
    assert data.summary("so_ket", midterm(2025, 2030), termed) == (
        "Sơ kết giữa nhiệm kỳ thực hiện Kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ tỉnh "
        "lần thứ XX, nhiệm kỳ 2025 - 2030 và phương hướng, nhiệm vụ nửa cuối nhiệm kỳ "
        "2025\u20112030")


def test_opening_cites_the_request_and_the_plan_and_closing_sums_up() -> None:
    head = replace(STATE, request="Công văn số 456/UBND-VP ngày 01/10/2026 của UBND tỉnh "
                                  "Thanh Hóa về báo cáo quý III",
                   plans=[data.PlanRef("ke_hoach", "12/KH-UBND", date(2025, 11, 15),
                                       "Ủy ban nhân dân xã Ngọc Liên",
                                       "Phát triển kinh tế - xã hội năm 2026")])
    r = data.build_report(head, "quy", quarter(2026, 3), TARGETS, TASKS)
    assert r.opening == (
        "Thực hiện Công văn số 456/UBND-VP ngày 01/10/2026 của UBND tỉnh Thanh Hóa về báo "
        "cáo quý III; Kế hoạch số 12/KH-UBND ngày 15/11/2025 của Ủy ban nhân dân xã Ngọc "
        "Liên về phát triển kinh tế - xã hội năm 2026, Ủy ban nhân dân xã Ngọc Liên báo cáo "
        "kết quả thực hiện quý III năm 2026 như sau:")
    assert r.closing == (
        "Trên đây là báo cáo kết quả thực hiện Kế hoạch phát triển kinh tế - xã hội năm "
        "2026 quý III năm 2026 và phương hướng, nhiệm vụ quý IV năm 2026 của Ủy ban nhân "
        "dân xã Ngọc Liên./.")
    party = party_report()  # no request: the plan alone; the standing committee reports
    assert party.opening == ("Thực hiện Nghị quyết số 05-NQ/ĐU, Ban Thường vụ Đảng ủy xã "
                             "Thái Tân báo cáo kết quả thực hiện nhiệm kỳ 2025\u20112030 "
                             "như sau:")


def test_kind_and_period_must_agree() -> None:
    with pytest.raises(BadInput, match="không khớp"):
        data.period_for("quy", "2026")
    with pytest.raises(BadInput, match="loại báo cáo"):
        data.period_for("thang", "3/2026")
    with pytest.raises(BadInput):
        data.build_report(STATE, "nam", quarter(2026, 3), [], [])


def test_hội_đồng_and_party_symbols() -> None:
    assert data.number_line(Issuer("Hội đồng nhân dân xã A"), "3") == "Số: 3/BC-HĐND"
    assert data.number_line(Issuer("Đảng ủy xã A", party=True), "66") == "Số 66-BC/ĐU"


def test_place_date_pads_days_and_first_two_months() -> None:
    assert data.place_date("A", date(2026, 2, 3), 2026) == "A, ngày 03 tháng 02 năm 2026"
    assert data.place_date("A", date(2026, 11, 30), 2026) == "A, ngày 30 tháng 11 năm 2026"


def test_targets_grouped_by_field_in_order_with_percent() -> None:
    r = state_report()
    assert [g.code for g in r.fields] == ["kinh_te", "van_hoa_xa_hoi", "moi_truong",
                                          "quoc_phong_an_ninh"]
    assert [t.ref for t in r.fields[0].rows] == ["CT-1", "CT-3"]
    budget = r.fields[0].rows[0]
    assert budget.percent == pytest.approx(10250.75 / 13284 * 100)
    assert r.fields[0].heading == "Lĩnh vực kinh tế"
    assert data.percent_of(5, 0) is None and data.percent_of(None, 3) is None


def test_unknown_field_goes_to_other() -> None:
    t = data.TargetInput("X", "x", None, None, 1, 1, 1, "dat", "Đạt")
    assert [g.code for g in data.field_groups([t])] == ["khac"]


def test_tasks_by_agency_in_three_groups_with_reasons() -> None:
    r = state_report()
    by = {a.agency: a for a in r.agencies}
    assert list(by) == ["Ban Chỉ huy Quân sự", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội"]
    assert [t.ref for t in by["Phòng Kinh tế"].done] == ["NV-1"]
    assert [t.ref for t in by["Phòng Kinh tế"].ongoing] == ["NV-3"]
    overdue = by["Phòng Văn hóa - Xã hội"].overdue
    assert [(t.ref, t.reason) for t in overdue] == [("NV-2", "Chờ hướng dẫn của huyện")]
    assert by["Ban Chỉ huy Quân sự"].done[0].status_label == "Hoàn thành trễ hạn"


def test_shortcomings_worst_first_with_causes() -> None:
    r = state_report()
    assert [(s.ref, s.cause) for s in r.shortcomings] == [
        ("CT-2", "Một số hộ tái nghèo do thiên tai tháng 7"), ("CT-3", None),
        ("NV-2", "Chờ hướng dẫn của huyện")]


def test_explained_item_that_is_on_track_still_listed() -> None:
    e = data.ExplanationInput("CT-9", "Chỉ tiêu khác", "Phòng Kinh tế", "Số liệu chưa đủ")
    r = data.build_report(STATE, "quy", quarter(2026, 3), [], [], [e])
    assert [(s.ref, s.cause, s.status_label) for s in r.shortcomings] == [
        ("CT-9", "Số liệu chưa đủ", None)]


def test_directions_soonest_first_and_numbered_biểu() -> None:
    r = state_report()
    assert [d.due for d in r.directions] == ["31/12/2026", "năm 2026"]
    # NV-1's product, reported on 02/07, names a document: the leadership's Biểu comes first
    assert [(a.label, a.title) for a in r.appendices] == [
        ("Biểu 01", "Văn bản lãnh đạo, chỉ đạo ban hành trong kỳ"),
        ("Biểu 02", "Kết quả thực hiện các chỉ tiêu"), ("Biểu 03", "Kết quả thực hiện các nhiệm vụ")]
    assert [t.ref for t in r.documents] == ["NV-1"]
    only_tasks = data.build_report(STATE, "quy", quarter(2026, 3), [], TASKS)
    # the tasks of 01/07 - 30/09: the document and the tasks' table, no targets' one
    assert [a.kind for a in only_tasks.appendices] == ["documents", "tasks"]
    assert only_tasks.appendix("targets") is None


def test_prose_counts_the_targets_by_result_and_says_each_field() -> None:
    r = state_report()
    # CT-1 đúng tiến độ, CT-2 chậm, CT-3 có nguy cơ, CT-4 vượt, CT-5 đạt
    assert r.overview == ("Trong 5 chỉ tiêu, có 5 chỉ tiêu đánh giá được: 1 vượt, 1 đạt, "
                          "1 đúng tiến độ, 1 có nguy cơ không đạt, 1 chậm tiến độ.")
    assert [f.heading for f in r.field_texts] == [
        "Lĩnh vực kinh tế", "Lĩnh vực văn hóa - xã hội", "Lĩnh vực tài nguyên - môi trường",
        "Lĩnh vực quốc phòng - an ninh"]
    assert r.field_texts[0].text == (
        "Tổng thu ngân sách trên địa bàn trong kỳ đạt 3.120,5 triệu đồng, lũy kế 10.250,75 "
        "triệu đồng, bằng 77,2% kế hoạch năm (13.284 triệu đồng), đúng tiến độ. "
        "Thu nhập bình quân đầu người đạt 60 triệu đồng, bằng 80% kế hoạch năm (75 triệu "
        "đồng), có nguy cơ không đạt.")
    assert r.field_texts[1].text == ("Tỷ lệ hộ nghèo giảm còn 2,9% (kế hoạch năm: không quá "
                                     "2,5%), chậm tiến độ.")
    assert r.task_overview == ("Trong 4 nhiệm vụ: 2 đã hoàn thành (1 đúng hạn, 1 trễ hạn), "
                               "1 đang thực hiện, 1 quá hạn.")


def test_dict_inputs_work_like_dataclasses() -> None:
    row = {"ref": "CT-1", "name": "Thu ngân sách", "field": "kinh_te", "unit": "triệu đồng",
           "planned": 100.0, "in_period": 20.0, "cumulative": 50.0, "status": "dat",
           "status_label": "Đạt"}
    r = data.build_report(STATE, "quy", quarter(2026, 3), [row], [])
    assert r.targets[0].percent == 50.0
