"""Report layout speed: a commune with 60 targets and 80 tasks (issue 8: under 1 s each).

Builds the report model from plain inputs (as the reporting service passes them, without
the database), then prints the median time of five runs to build the model, lay out the
DOCX and lay out the XLSX appendix, and the files' sizes. Figures only.

    .venv/bin/python bench/report.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from theodoi.domain.periods import quarter
from theodoi.domain.status import LABELS
from theodoi.reports import data, docx, xlsx
from theodoi.reports.model import FIELD_HEADINGS, Issuer, Report, Signature

AGENCIES = ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Công an xã", "Ban Chỉ huy Quân sự",
            "Văn phòng HĐND và UBND", "Ủy ban MTTQ Việt Nam xã", "Đoàn Thanh niên"]
TARGET_CODES = ["dat", "vuot", "dung_tien_do", "co_nguy_co", "cham_tien_do", "khong_dat"]
TASK_CODES = ["hoan_thanh_dung_han", "hoan_thanh_tre_han", "qua_han", "chua_den_han",
              "sap_den_han"]


def inputs() -> tuple[list[data.TargetInput], list[data.TaskInput],
                      list[data.ExplanationInput], list[data.UpcomingInput]]:
    fields = list(FIELD_HEADINGS)[:-1]
    targets = [data.TargetInput(
        f"t{i}", f"Chỉ tiêu số {i} về phát triển kinh tế - xã hội của xã", fields[i % 6],
        "%" if i % 3 else "triệu đồng", 1000.0 + i * 37.5, 200.0 + i, 700.0 + i * 11.25,
        TARGET_CODES[i % 6], LABELS[TARGET_CODES[i % 6]], AGENCIES[i % 7]) for i in range(60)]
    tasks = [data.TaskInput(
        f"k{i}", f"Nhiệm vụ số {i}: triển khai, kiểm tra, báo cáo kết quả thực hiện",
        AGENCIES[i % 7], date(2026, 1, 15) + timedelta(days=4 * i), TASK_CODES[i % 5],
        LABELS[TASK_CODES[i % 5]]) for i in range(80)]
    explained = [data.ExplanationInput(f"k{i}", "", AGENCIES[i % 7], "Chờ kinh phí của tỉnh")
                 for i in range(2, 80, 5)]
    upcoming = [data.UpcomingInput(t.title, t.agency, t.due) for t in tasks[::4]]
    return targets, tasks, explained, upcoming


def median_ms(run: Callable[[], object]) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    targets, tasks, explained, upcoming = inputs()
    header = data.Header(Issuer("Ủy ban nhân dân xã Ngọc Liên"), "Ngọc Liên",
                         Signature("TM. Ủy ban nhân dân", "Chủ tịch", "Lê Văn Bình"), "15",
                         plans=[data.PlanRef("ke_hoach", "12/KH-UBND", date(2025, 11, 15))])

    def build() -> Report:
        return data.build_report(header, "quy", quarter(2026, 3), targets, tasks, explained,
                                 upcoming)

    report = build()
    print(f"commune: {len(report.targets)} targets, {len(report.tasks)} tasks, "
          f"{len(report.appendices)} appendices")
    print(f"model  {median_ms(build):7.1f} ms")
    print(f"DOCX   {median_ms(lambda: docx.render(report)):7.1f} ms  "
          f"{len(docx.render(report)) / 1024:.0f} KiB")
    print(f"XLSX   {median_ms(lambda: xlsx.render(report)):7.1f} ms  "
          f"{len(xlsx.render(report)) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
