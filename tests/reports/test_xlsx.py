"""The appendix workbook opened with openpyxl: values, formulas, print setup."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from tests.reports.inputs import TARGETS, milestone_report, state_report
from theodoi.reports import xlsx


def _open() -> Workbook:
    return load_workbook(BytesIO(xlsx.render(state_report())))


def test_sheets_and_titles() -> None:
    wb = _open()
    assert wb.sheetnames == ["Chỉ tiêu", "Nhiệm vụ", "Tổng hợp theo cơ quan"]
    ws = wb["Chỉ tiêu"]
    assert ws["A1"].value == "PHỤ LỤC: KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
    assert ws["A3"].value == state_report().attached
    # a quarter report holds the year's plan
    assert [c.value for c in ws[xlsx.HEADER_ROW]] == [
        "TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch năm", "Thực hiện kỳ báo cáo", "Lũy kế",
        "% so với kế hoạch", "Đánh giá", "Cơ quan chủ trì"]


def test_target_rows_keep_numbers_and_percent_is_a_formula() -> None:
    ws = _open()["Chỉ tiêu"]
    rows = {r[1].value: r for r in ws.iter_rows(min_row=xlsx.HEADER_ROW + 1)}
    assert rows["Lĩnh vực kinh tế"][0].value is None
    for t in TARGETS:
        row = rows[t.name]
        if t.name == "Tỷ lệ hộ nghèo":  # a bound, in words: "không quá 2,5"
            assert [c.value for c in row[3:6]] == ["không quá 2,5", None, 2.9]
        else:
            assert [c.value for c in row[3:6]] == [t.planned, t.in_period, t.cumulative]
        n = row[0].row
        if t.unit == "triệu đồng":  # amounts that grow toward the plan
            assert row[6].value == (f'=IF(AND(ISNUMBER(D{n}),ISNUMBER(F{n}),D{n}<>0),'
                                    f'F{n}/D{n},"")')
            assert row[6].number_format == "0.0%"
        else:  # a rate in %: a share of the plan means nothing
            assert row[6].value is None, t.name
        assert row[7].value == t.status_label
    budget = rows["Tổng thu ngân sách trên địa bàn"]
    assert budget[3].number_format == "#,##0" and budget[4].number_format == "#,##0.0#"
    assert budget[1].border.left.style == "thin"


def test_a_recognition_target_reads_dat_or_chua_dat_and_has_no_percent() -> None:
    ws = load_workbook(BytesIO(xlsx.render(milestone_report())))["Chỉ tiêu"]
    rows = {r[1].value: [c.value for c in r] for r in ws.iter_rows(min_row=xlsx.HEADER_ROW + 1)}
    assert rows["Xã được công nhận đạt chuẩn nông thôn mới nâng cao"][3:7] == [
        "Đạt", "Đạt", "Đạt", None]
    assert rows["Chính quyền xã đạt chuẩn “Chính quyền thân thiện”"][3:7] == [
        "Đạt", None, "Chưa đạt", None]
    assert rows["Trạm Y tế xã đạt chuẩn quốc gia"][3:7] == ["Đạt", None, None, None]
    assert rows["Tổng thu ngân sách trên địa bàn"][3] == 13284.0


def test_agency_totals_are_formulas_over_the_task_sheet() -> None:
    wb = _open()
    tasks, ws = wb["Nhiệm vụ"], wb["Tổng hợp theo cơ quan"]
    last = tasks.max_row
    assert last == xlsx.HEADER_ROW + 4
    first = xlsx.HEADER_ROW + 1
    assert ws.cell(first, 2).value == "Ban Chỉ huy Quân sự"
    assert ws.cell(first, 3).value == (
        f"=COUNTIFS('Nhiệm vụ'!$C${first}:$C${last},$B{first},"
        f"'Nhiệm vụ'!$E${first}:$E${last},C${xlsx.HEADER_ROW})")
    assert ws.cell(xlsx.HEADER_ROW, 3).value == "Hoàn thành"
    assert ws.cell(first, 6).value == f"=SUM(C{first}:E{first})"
    total = ws.max_row
    assert ws.cell(total, 2).value == "Tổng cộng"
    assert ws.cell(total, 6).value == f"=SUM(F{first}:F{total - 1})"
    # the task sheet holds the labels the COUNTIFS look for
    assert {tasks.cell(r, 5).value for r in range(first, last + 1)} == {
        "Hoàn thành", "Đang thực hiện", "Quá hạn"}
    assert tasks.cell(first, 4).number_format == "dd/mm/yyyy"
    # what each task produced, after the columns the formulas read
    assert tasks.cell(xlsx.HEADER_ROW, 8).value == "Sản phẩm, tiến độ"
    assert tasks.cell(first, 8).value == ("Đã tổ chức diễn tập; hoàn thành ngày 25/09/2026 "
                                          "(trễ hạn)")


def test_every_sheet_prints_on_a4_landscape_fit_to_width() -> None:
    for ws in _open():
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == f"${xlsx.HEADER_ROW}:${xlsx.HEADER_ROW}"
        assert ws.freeze_panes == f"A{xlsx.HEADER_ROW + 1}"
        assert round(ws.page_margins.left * 25.4) == 30
        assert ws["A1"].font.name == "Times New Roman"
