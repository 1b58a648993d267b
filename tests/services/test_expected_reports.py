"""Two sample reports read as a commune would send them, against texts written by hand.

- Sample 003 (Kế hoạch 66-KH/ĐU of the Ban Thường vụ Đảng ủy xã Nghi Dương, term
  2026-2030): the Party's quarterly report for Quý III/2027.
- Sample 004 (UBND xã Ngọc Liên, term 2025-2030): the year report 2026 drafted on
  15/12/2026, so judged as of that day.

The expected sentences are written here from the plan documents (names, goals, units) and
the demo's progress rule (`demo_progress`: a target reaches REACHED[n % 6] of its goal by
the year's end, 90 % of that by Quý III, a yearly flow 75 % of it year-to-date; figures
rounded to 2 decimals, a count of whole things to a whole number), worked out by hand. A sentence ends with its result, which must be
the one the Biểu gives the same row ("{kq}" below), so prose and table never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import BytesIO
from typing import Any

import pytest
from docx import Document

from tests.conftest import SAMPLES, create_pg_database, drop_pg_database, pg_available
from theodoi.services.demo import sample as demo
from theodoi.services.demo import sample_progress as demo_progress
from theodoi.services.reporting import report_data as reporting
from theodoi.storage import db
from theodoi.storage.models import Plan

PARTY, STATE = "003_ce4c1004cfc020ed.txt", "004_6b6b87edb22c8fec.txt"
# the Biểu's "Đánh giá" -> the words a sentence closes with
RESULT = {"Vượt": "vượt kế hoạch", "Đạt": "đạt kế hoạch", "Đúng tiến độ": "đúng tiến độ",
          "Có nguy cơ không đạt": "có nguy cơ không đạt", "Chậm tiến độ": "chậm tiến độ",
          "Không đạt": "không đạt", "Chưa đến kỳ đánh giá": "chưa đến kỳ đánh giá"}
PROGRAMME = ("Chương trình hành động số 16-CTr/TU, ngày 12/02/2026 của Ban Thường vụ Thành "
             "ủy về thực hiện mục tiêu tăng trưởng kinh tế ở mức 2 con số giai đoạn 2026 - "
             "2030 và tiếp tục tăng trưởng nhanh, bền vững giai đoạn đến năm 2045")
PARTY_FIELDS = {
    "Lĩnh vực kinh tế": [
        ("Phần đầu có doanh nghiệp hoạt động trên địa bàn xã",
         "Phần đầu có doanh nghiệp hoạt động trên địa bàn xã đạt 59 doanh nghiệp (mục tiêu "
         "năm 2030: trên 120 doanh nghiệp), {kq}."),  # 59,4: a count is whole
        ("Số doanh nghiệp có hoạt động đổi mới, sáng tạo",
         "Số doanh nghiệp có hoạt động đổi mới, sáng tạo đạt 35 doanh nghiệp (mục tiêu năm "
         "2030: từ 48 doanh nghiệp trở lên), {kq}."),  # 34,56, half up
        ("Đóng góp khoảng 10 - 12% tổng ngân sách thu trên địa bàn (không bao gồm tiền sử "
         "dụng đất).",
         "Đóng góp khoảng 10 - 12% tổng ngân sách thu trên địa bàn (không bao gồm tiền sử "
         "dụng đất) đạt 3,15% (mục tiêu năm 2030: từ 10 đến 12%), {kq}."),
        ("Phân đầu trong, khu vực dịch vụ duy trì tốc độ tăng trưởng bình quân",
         "Phân đầu trong, khu vực dịch vụ duy trì tốc độ tăng trưởng bình quân duy trì ở mức "
         "6,3%/năm (kế hoạch năm: từ 10 đến 11%/năm), {kq}."),
        # a yearly flow of whole products: 0,55 × 75 % of 1 is none yet by Quý III
        ("Phân đầu mỗi năm có sản phẩm tham gia Chương trình sản phẩm (OCOP)",
         "Phân đầu mỗi năm có sản phẩm tham gia Chương trình sản phẩm (OCOP) đạt 0 sản "
         "phẩm, bằng 0% kế hoạch năm (từ 1 sản phẩm trở lên), {kq}."),
        ("Phân đấu tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) bình quân",
         "Phân đấu tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) bình quân đạt "
         "7,2%/năm (kế hoạch năm: từ 10 đến 11%/năm), {kq}.")],
    "Lĩnh vực văn hóa - xã hội": [
        ("Giải quyết việc làm cho lao động",
         "Giải quyết việc làm cho lao động đạt 1.710 lao động (mục tiêu năm 2030: trên 2.000 "
         "lao động), {kq}."),
        ("Năng suất lao động",
         "Năng suất lao động đạt 8,98%/năm (kế hoạch năm: từ 9,5 đến 10%/năm), {kq}.")],
    "Công tác xây dựng chính quyền": [
        ("Đến năm 2030, bố trí tối thiểu 03% tổng chi ngân sách địa phương cho phát triển "
         "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số theo đúng định hướng.",
         "Đến năm 2030, bố trí tối thiểu 03% tổng chi ngân sách địa phương cho phát triển "
         "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số theo đúng định hướng đạt "
         "2,56% (mục tiêu năm 2030: từ 3% trở lên), {kq}.")]}
STATE_SENTENCES = [  # (row name, sentence) of six targets of sample 004, values of Quý III
    # (the demo reaches REACHED[position] of a goal: "phấn đấu đến năm 2030 xã cơ bản đạt các
    # tiêu chí Nông thôn mới nâng cao", read as a milestone since stop 32, is target 0)
    ("Thu nhập bình quân đầu người",  # a flow: 75 % of 0,95 × 85 to date, no figure for 2026
     "Thu nhập bình quân đầu người đạt 60,56 triệu đồng (mục tiêu năm 2030: 85 triệu đồng), "
     "{kq}."),
    ("Thu ngân sách hàng năm",
     "Thu ngân sách hàng năm đạt 5,67% (kế hoạch năm: từ 6% trở lên), {kq}."),  # 90 % of 1,05 × 6
    ("Tốc độ tăng dân số bình quân hằng năm",
     "Tốc độ tăng dân số bình quân hằng năm đạt 0,2% (kế hoạch năm: 0,63%), {kq}."),  # 0,35
    ("Tỷ lệ hộ nghèo",  # "giảm bình quân hàng năm 1,37%": an amount of decrease
     "Tỷ lệ hộ nghèo giảm 1,17% (mục tiêu năm 2030: 1,37%), {kq}."),  # 90 % of 0,95 × 1,37
    ("Tỉ lệ khu dân cư đạt tiêu chuẩn an toàn về an ninh trật tự hằng năm",
     "Tỉ lệ khu dân cư đạt tiêu chuẩn an toàn về an ninh trật tự hằng năm đạt 75,07% (kế "
     "hoạch năm: từ 87,8% trở lên), {kq}."),
    ("Xã cơ bản đạt các tiêu chí nông thôn mới nâng cao",  # recognised only in Quý IV
     "Xã cơ bản đạt các tiêu chí nông thôn mới nâng cao: chưa đến kỳ đánh giá.")]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def samples(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[tuple[Any, dict[str, int]]]:
    """The five samples loaded and their demo progress recorded, on each backend."""
    if request.param == "postgresql" and not pg_available():
        pytest.skip("PostgreSQL not reachable")
    url = (create_pg_database() if request.param == "postgresql"
           else f"sqlite:///{tmp_path_factory.mktemp('expected') / 'theodoi.db'}")
    try:
        db.upgrade(url)
        with db.session_factory(url)() as s:
            plans = {name: r.plan_id for name, r in demo.load_samples(s, SAMPLES,
                                                                      max_bytes=50 << 20)}
            for name in (PARTY, STATE):
                demo_progress.record_sample_progress(s, plans[name])
            yield s, plans
    finally:
        if request.param == "postgresql":
            drop_pg_database(url)


def _docx(report: Any) -> tuple[list[str], dict[str, str]]:
    """The body's paragraphs, and each target row's Đánh giá in the Biểu by its name."""
    doc = Document(BytesIO(reporting.render(report, "docx")))
    table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Đánh giá"
                 and t.rows[0].cells[1].text == "Chỉ tiêu")
    rows = [[c.text for c in r.cells] for r in table.rows[1:] if r.cells[0].text.isdigit()]
    return [p.text for p in doc.paragraphs], {r[1]: r[7] for r in rows}


def _filled(sentence: str, name: str, results: dict[str, str]) -> str:
    return sentence.format(kq=RESULT[results[name]])


def test_the_party_quarterly_report_of_sample_003(samples: tuple[Any, dict[str, int]]) -> None:
    s, plans = samples
    plan = s.get(Plan, plans[PARTY])
    report = reporting.build_report(s, reporting.Request(
        plan.unit.code, "quy", "Q3/2027", plan_id=plan.id, today=date(2027, 10, 8)))
    texts, results = _docx(report)
    assert texts[texts.index("BÁO CÁO") + 1] == (
        f"Kết quả thực hiện Kế hoạch thực hiện {PROGRAMME} quý III năm 2027 và phương "
        "hướng, nhiệm vụ quý IV năm 2027")
    assert f"Thực hiện Kế hoạch số 66-KH/ĐU ngày 30/03/2026 của Ban Thường vụ Đảng ủy xã về " \
           f"thực hiện {PROGRAMME}, Ban Thường vụ Đảng ủy xã Nghi Dương báo cáo kết quả thực " \
           "hiện quý III năm 2027 như sau:" in texts
    # tasks 2, 5 and 8 of the plan were under way on 30/09/2027, each with its plan issued
    # that day: listed by day, then by the task's title ("Các chi bộ …", "Phát triển …",
    # "Ủy ban Mặt trận …")
    lead = texts.index("1. Công tác lãnh đạo, chỉ đạo")
    assert texts[lead + 1] == ("Trong kỳ đã ban hành 3 văn bản lãnh đạo, chỉ đạo triển khai "
                               "kế hoạch:")
    assert [t.split(" triển khai ")[0] for t in texts[lead + 2:lead + 5]] == [
        f"- Đã ban hành Kế hoạch số {n}-KH/ĐU ngày 30/09/2027" for n in (5, 2, 8)]
    assert texts[lead + 3].startswith("- Đã ban hành Kế hoạch số 2-KH/ĐU ngày 30/09/2027 "
                                      "triển khai phát triển thương mại - dịch vụ (")
    for heading, sentences in PARTY_FIELDS.items():
        paragraph = texts[texts.index(next(t for t in texts if t.endswith(f") {heading}"))) + 1]
        assert paragraph == " ".join(_filled(sentence, name, results)
                                     for name, sentence in sentences), heading
    judged = [r for r in results.values() if r != "Chưa đến kỳ đánh giá"]
    count = texts[texts.index("2. Kết quả thực hiện các chỉ tiêu") + 1]
    assert count.startswith(f"Trong 9 chỉ tiêu, có {len(judged)} chỉ tiêu đánh giá được: ")
    assert ("- Phần đầu có doanh nghiệp hoạt động trên địa bàn xã: nguồn lực còn hạn chế; một "
            "số chỉ tiêu phụ thuộc vốn đầu tư của tỉnh.") in texts  # the answer, as a cause
    ahead = texts.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2027")
    # nothing falls due before 2030: the plan goes on
    assert texts[ahead + 1] == "- Tiếp tục thực hiện các chỉ tiêu, nhiệm vụ còn lại theo kế hoạch."
    assert texts[texts.index("IV. KIẾN NGHỊ, ĐỀ XUẤT") + 1] == "Không."
    assert not any("chưa có giải trình" in t for t in texts)


def test_the_state_year_report_of_sample_004_drafted_in_mid_december(
        samples: tuple[Any, dict[str, int]]) -> None:
    s, plans = samples
    plan = s.get(Plan, plans[STATE])
    report = reporting.build_report(s, reporting.Request(
        plan.unit.code, "nam", "2026", plan_id=plan.id, today=date(2026, 12, 15)))
    texts, results = _docx(report)
    title = texts.index("BÁO CÁO")
    assert texts[title + 1:title + 3] == [
        "Kết quả thực hiện Kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX, "
        "nhiệm kỳ 2025 - 2030 năm 2026 và phương hướng, nhiệm vụ năm 2027",
        "(Số liệu tính đến ngày 15/12/2026)"]
    assert ("Thực hiện Kế hoạch của Ủy ban nhân dân xã Ngọc Liên về thực hiện Nghị quyết Đại "
            "hội Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2025 - 2030, Ủy ban nhân dân xã Ngọc Liên "
            "báo cáo kết quả thực hiện năm 2026 như sau:") in texts
    assert "Không đạt" not in results.values()  # the year is not over on 15/12
    prose = " ".join(texts)
    for name, sentence in STATE_SENTENCES:
        assert _filled(sentence, name, results) in prose, name
    ahead = texts.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027")
    lines = texts[ahead + 1:texts.index("IV. KIẾN NGHỊ, ĐỀ XUẤT")]
    overdue = [t for t in lines if t.startswith("- Tập trung hoàn thành ")]
    assert overdue and lines.index(overdue[0]) < min(
        (lines.index(t) for t in lines if t.startswith("- Triển khai")), default=len(lines))
    # due 31/12/2025 and still open: carried into 2027 (one year back is not stale)
    assert any("(quá hạn từ 31/12/2025)" in t for t in overdue)
    assert texts[texts.index("IV. KIẾN NGHỊ, ĐỀ XUẤT") + 1] == "Không."
