"""Each kind of target said in a sentence with its figures (reports/narrative.py)."""

from __future__ import annotations

from theodoi.reports.data import TargetInput, target_line
from theodoi.reports.model import TargetLine
from theodoi.reports.narrative import count_sentence, target_sentence


def _line(**changes: object) -> TargetLine:
    base = {"ref": "t1", "name": "Số đảng viên kết nạp mới", "field": "xay_dung_dang",
            "unit": "đảng viên", "planned": 25.0, "in_period": None, "cumulative": 20.0,
            "status": "dung_tien_do", "status_label": "Đúng tiến độ"}
    return target_line(TargetInput(**{**base, **changes}), "xay_dung_dang")  # type: ignore[arg-type]


def test_an_amount_is_a_share_of_the_year_s_plan() -> None:
    assert target_sentence(_line(), "Kế hoạch năm") == (
        "Số đảng viên kết nạp mới đạt 20 đảng viên, bằng 80% kế hoạch năm (25 đảng viên), "
        "đúng tiến độ.")


def test_a_flow_says_the_period_s_own_figure_and_the_year_to_date() -> None:
    line = _line(name="Thu ngân sách", unit="triệu đồng", planned=1000.0, in_period=300.0,
                 cumulative=750.0, flow=True)
    assert target_sentence(line, "Kế hoạch năm") == (
        "Thu ngân sách trong kỳ đạt 300 triệu đồng, lũy kế 750 triệu đồng, bằng 75% kế hoạch "
        "năm (1.000 triệu đồng), đúng tiến độ.")


def test_a_decrease_is_the_value_against_the_bound_in_words() -> None:
    line = _line(name="Tỷ lệ hộ nghèo", unit="%", planned=1.37, cumulative=1.17,
                 comparator="<=", higher_better=False, status="dat")
    assert target_sentence(line, "Kế hoạch năm") == (
        "Tỷ lệ hộ nghèo giảm còn 1,17% (kế hoạch năm: không quá 1,37%), đạt kế hoạch.")


def test_a_rate_has_no_share_and_a_term_goal_names_its_year() -> None:
    line = _line(name="Tỷ lệ tham gia bảo hiểm y tế", unit="%", planned=95.0,
                 cumulative=93.5, comparator=">=", plan_year=2030, status="co_nguy_co")
    assert target_sentence(line, "Kế hoạch năm") == (
        "Tỷ lệ tham gia bảo hiểm y tế đạt 93,5% (mục tiêu năm 2030: từ 95% trở lên), "
        "có nguy cơ không đạt.")


def test_maintain_recognition_and_nothing_reported() -> None:
    kept = _line(name="Tỷ lệ trường đạt chuẩn quốc gia", unit="%", planned=100.0,
                 cumulative=100.0, direction="maintain", status="dat")
    assert target_sentence(kept, "Mục tiêu nhiệm kỳ") == (
        "Tỷ lệ trường đạt chuẩn quốc gia duy trì ở mức 100% (mục tiêu nhiệm kỳ: 100%), "
        "đạt kế hoạch.")
    reached = _line(name="Xã đạt chuẩn nông thôn mới nâng cao", unit=None, planned=None,
                    cumulative=1.0, milestone=True, status="dat")
    assert target_sentence(reached, "Kế hoạch năm") == (
        "Xã đạt chuẩn nông thôn mới nâng cao: đã đạt.")
    assert target_sentence(_line(cumulative=None, status="chua_co_so_lieu"),
                           "Kế hoạch năm") == "Số đảng viên kết nạp mới: chưa có số liệu."


def test_the_count_names_what_cannot_be_judged_yet() -> None:
    rows = [_line(status=s) for s in ("vuot", "dung_tien_do", "dung_tien_do",
                                      "chua_co_so_lieu")]
    assert count_sentence(rows) == ("Trong 4 chỉ tiêu, có 3 chỉ tiêu đánh giá được: 1 vượt, "
                                    "2 đúng tiến độ; 1 chỉ tiêu chưa có số liệu.")


def test_an_amount_of_decrease_is_said_as_one() -> None:
    # "Tỷ lệ hộ nghèo giảm bình quân hằng năm 1,37%": the decrease is better larger
    line = _line(name="Tỷ lệ hộ nghèo", unit="%", planned=1.37, cumulative=1.2,
                 direction="decrease", kind="change", status="co_nguy_co")
    assert target_sentence(line, "Kế hoạch năm") == (
        "Tỷ lệ hộ nghèo giảm 1,2% (kế hoạch năm: 1,37%), có nguy cơ không đạt.")


def test_a_count_of_whole_things_has_no_decimals() -> None:
    line = _line(unit="doanh nghiệp", planned=48.0, cumulative=34.56, comparator=">=",
                 count=True)
    assert target_sentence(line, "Kế hoạch năm") == (
        "Số đảng viên kết nạp mới đạt 35 doanh nghiệp, bằng 72% kế hoạch năm (từ 48 doanh "
        "nghiệp trở lên), đúng tiến độ.")
