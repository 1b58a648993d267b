"""The class of a plan's issuer from the name the document gives it."""

from __future__ import annotations

import pytest

from theodoi.domain.issuers import issuer_class


@pytest.mark.parametrize(("issuer", "number", "expected"), [
    ("Ban Thường vụ Đảng ủy xã", "66-KH/ĐU", "dang_uy"),  # sample 003
    ("Ban Chấp hành Đảng bộ xã Thái Tân", None, "dang_uy"),  # sample 001
    ("Ủy ban nhân dân xã Ngọc Liên", None, "ubnd"),  # sample 004
    ("UBND thị trấn Cổ Lễ", "15/KH-UBND", "ubnd"),
    ("Thường trực Hội đồng nhân dân xã", None, "hdnd"),
    ("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã", None, "mttq"),
    ("Đảng ủy UBND xã", None, "dang_uy"),  # a Party body inside the State is the Party's
    (None, "12-NQ/ĐU", "dang_uy"),  # the name missing, the number's symbol decides
    ("", "05/NQ-HĐND", "hdnd"),
    ("Hội Nông dân xã", "07/KH-HND", "khac"),
    (None, None, "khac"),
])
def test_issuer_class(issuer: str | None, number: str | None, expected: str) -> None:
    assert issuer_class(issuer, number) == expected
