"""Coded warnings: every doubt the extractor has about its result, with a span to point at.

Codes are stable and documented in the README; messages are Vietnamese templates filled
with `format(**params)`. Add a code here before using it anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

# code -> (Vietnamese message template, what it means for a developer)
CODES: dict[str, str] = {
    # readers (W0xx)
    "W001": "Văn bản gõ bằng bảng mã cũ {encoding}; đã chuyển sang Unicode, cần kiểm tra lại.",
    "W002": "Không xác định chắc chắn bảng mã của tệp; đã đọc theo {encoding}.",
    "W003": "Tệp PDF không có lớp chữ (có thể là bản quét); cần nhận dạng chữ (OCR).",
    "W004": "Đã nhận dạng chữ (OCR) từ ảnh quét; cần đối chiếu với bản gốc.",
    "W005": "Đã bỏ {count} dòng đầu trang/chân trang/số trang lặp lại.",
    "W006": "Tệp có ký tự không đọc được; đã thay bằng ký tự thay thế.",
    "W007": "Phông chữ cũ {font} trong tệp Word; đã chuyển sang Unicode.",
    # pipeline (W1xx)
    "W100": "Bước {stage} gặp lỗi và bị bỏ qua: {error}",
    # document (W2xx)
    "W201": "Không tìm thấy {field} của văn bản.",
    # targets (W3xx)
    "W301": "Chỉ tiêu có giá trị nhưng không có đơn vị tính.",
    "W302": "Không gắn được lộ trình năm {year} vào chỉ tiêu nào.",
    "W303": "Không xác định được năm hoàn thành của chỉ tiêu.",
    # tasks and agencies (W4xx)
    "W401": "Cơ quan \"{name}\" không có trong danh mục; cần xác nhận.",
    "W402": "Không đọc được thời hạn \"{text}\".",
    "W403": "Nhiệm vụ chưa có cơ quan chủ trì.",
}


@dataclass(frozen=True, slots=True)
class Warning:
    """One coded warning; `span` is `[start, end)` in the source text or None."""

    code: str
    message: str
    span: tuple[int, int] | None = None

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message,
                "span": list(self.span) if self.span else None}


def warn(code: str, span: tuple[int, int] | None = None, **params: object) -> Warning:
    """Build a warning from its code's template; an unknown code is a programming error."""
    return Warning(code, CODES[code].format(**params), span)
