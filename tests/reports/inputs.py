"""Hand-made report inputs: a commune's State report and its Đảng ủy's, with known values."""

from __future__ import annotations

from datetime import date

from theodoi.domain.periods import midterm, quarter
from theodoi.reports.data import (
    ExplanationInput,
    Header,
    PlanRef,
    TargetInput,
    TaskInput,
    UpcomingInput,
    build_report,
)
from theodoi.reports.model import Issuer, Report, Signature

TARGETS = [
    TargetInput("CT-1", "Tổng thu ngân sách trên địa bàn", "kinh_te", "triệu đồng", 13284.0,
                3120.5, 10250.75, "dung_tien_do", "Đúng tiến độ", "Phòng Kinh tế", flow=True),
    TargetInput("CT-2", "Tỷ lệ hộ nghèo", "van_hoa_xa_hoi", "%", 2.5, None, 2.9,
                "cham_tien_do", "Chậm tiến độ", "Phòng Văn hóa - Xã hội", comparator="<=",
                higher_better=False),
    TargetInput("CT-3", "Thu nhập bình quân đầu người", "kinh_te", "triệu đồng", 75.0,
                None, 60.0, "co_nguy_co", "Có nguy cơ không đạt", "Phòng Kinh tế"),
    TargetInput("CT-4", "Tỷ lệ chất thải rắn được thu gom", "moi_truong", "%", 95.0, 96.0,
                96.0, "vuot", "Vượt", None),
    TargetInput("CT-5", "Giao quân đạt chỉ tiêu", "quoc_phong_an_ninh", "%", 100.0, 100.0,
                100.0, "dat", "Đạt", "Ban Chỉ huy Quân sự"),
]
TASKS = [
    TaskInput("NV-1", "Xây dựng đề án chuyển đổi số", "Phòng Kinh tế", date(2026, 6, 30),
              "hoan_thanh_dung_han", "Hoàn thành đúng hạn",
              "Đã ban hành Đề án số 03/ĐA-UBND ngày 20/06/2026 về chuyển đổi số", 100.0,
              date(2026, 6, 20), date(2026, 7, 2)),
    TaskInput("NV-2", "Rà soát hộ nghèo, cận nghèo", "Phòng Văn hóa - Xã hội", date(2026, 8, 15),
              "qua_han", "Quá hạn"),
    TaskInput("NV-3", "Nâng cấp đường liên thôn", "Phòng Kinh tế", date(2026, 12, 31),
              "chua_den_han", "Chưa đến hạn", None, 60.0, None, date(2026, 9, 25)),
    TaskInput("NV-4", "Tổ chức diễn tập phòng thủ", "Ban Chỉ huy Quân sự", date(2026, 9, 20),
              "hoan_thanh_tre_han", "Hoàn thành trễ hạn", "Đã tổ chức diễn tập", 100.0,
              date(2026, 9, 25), date(2026, 9, 28)),
]
EXPLANATIONS = [
    ExplanationInput("CT-2", "Tỷ lệ hộ nghèo", "Phòng Văn hóa - Xã hội",
                     "Một số hộ tái nghèo do thiên tai tháng 7"),
    ExplanationInput("NV-2", "Rà soát hộ nghèo, cận nghèo", "Phòng Văn hóa - Xã hội",
                     "Chờ hướng dẫn của huyện"),
]
UPCOMING = [
    UpcomingInput("Nâng cấp đường liên thôn", "Phòng Kinh tế", date(2026, 12, 31)),
    UpcomingInput("Tỷ lệ hộ nghèo không quá 2,5%", "Phòng Văn hóa - Xã hội", None, "năm 2026",
                  "target", "van_hoa_xa_hoi"),
]
STATE = Header(
    issuer=Issuer("Ủy ban nhân dân xã Ngọc Liên"),
    place="Ngọc Liên", number="15", issued_on=date(2026, 10, 5),
    signature=Signature("TM. Ủy ban nhân dân", "Chủ tịch", "Lê Văn Bình"),
    plans=[PlanRef("ke_hoach", "12/KH-UBND", date(2025, 11, 15))],
    recipients=["UBND tỉnh Thanh Hóa (để báo cáo)", "TT Đảng ủy, HĐND xã", "Lưu: VT."])
PARTY = Header(
    issuer=Issuer("Đảng ủy xã Thái Tân", "Đảng bộ thành phố Hải Phòng", party=True),
    place="Thái Tân", number=None, issued_on=None,
    signature=Signature("T/M Ban Thường vụ", "Phó Bí thư", "Nguyễn Thị Thu Hương"),
    plans=[PlanRef("nghi_quyet", "05-NQ/ĐU")],
    recipients=["Ban Thường vụ Thành ủy (để báo cáo)", "Các chi bộ trực thuộc",
                "Lưu Văn phòng Đảng ủy"])


def state_report() -> Report:
    return build_report(STATE, "quy", quarter(2026, 3), TARGETS, TASKS, EXPLANATIONS, UPCOMING)


def party_report() -> Report:
    return build_report(PARTY, "so_ket", midterm(2025, 2030), TARGETS, TASKS, EXPLANATIONS,
                        UPCOMING)


# recognition targets (no number): reached this quarter, not reached, nothing reported yet
MILESTONES = [
    TargetInput("CT-6", "Xã được công nhận đạt chuẩn nông thôn mới nâng cao", "kinh_te", None,
                None, 1.0, 1.0, "dat", "Đạt", "Phòng Kinh tế", milestone=True),
    TargetInput("CT-7", "Chính quyền xã đạt chuẩn “Chính quyền thân thiện”", "chinh_quyen",
                None, None, None, 0.0, "khong_dat", "Không đạt", None, milestone=True),
    TargetInput("CT-8", "Trạm Y tế xã đạt chuẩn quốc gia", "van_hoa_xa_hoi", None, None, None,
                None, "chua_den_ky", "Chưa đến kỳ đánh giá", None, milestone=True),
]


def milestone_report() -> Report:
    return build_report(STATE, "quy", quarter(2026, 3), TARGETS + MILESTONES, TASKS)
