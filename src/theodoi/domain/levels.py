"""The levels of units, as data: above the commune, the commune, and below it.

A province (tỉnh, thành phố) and a district (huyện) stand above communes (xã, phường, thị
trấn, đặc khu: the commune level after the 2025 reorganisation). Below a commune are its
residential units (thôn, tổ dân phố; ấp and khu phố are their southern names, the same kind)
and its Party cells (chi bộ): they have their own plans and heads, and their targets are
split from the commune's and roll up to it. A unit below the commune always has a
commune-level parent. Pure: no I/O.
"""

from __future__ import annotations

from theodoi.domain.errors import BadInput

# code -> the level word as a name starts with it ("Tổ dân phố số 3", "Chi bộ thôn Đông")
LEVELS = {"tinh": "tỉnh", "thanh_pho": "thành phố", "huyen": "huyện", "xa": "xã",
          "phuong": "phường", "thi_tran": "thị trấn", "dac_khu": "đặc khu",
          "thon": "thôn", "to_dan_pho": "tổ dân phố", "ap": "ấp", "khu_pho": "khu phố",
          "chi_bo": "chi bộ"}
HIGHER = ("tinh", "thanh_pho", "huyen")
COMMUNE = ("xa", "phuong", "thi_tran", "dac_khu")
BELOW_COMMUNE = ("thon", "to_dan_pho", "ap", "khu_pho", "chi_bo")
PARTY_CELLS = ("chi_bo",)  # a Party body: its reports follow the Party's format
# who heads a unit below the commune and signs its reports in his own name (a thôn or tổ
# dân phố is a self-governing community, not a State body: no "TM." line); a chi bộ's
# secretary signs for the chi bộ (reports/bodies.py)
HEADS = {"thon": "Trưởng thôn", "to_dan_pho": "Tổ trưởng tổ dân phố", "ap": "Trưởng ấp",
         "khu_pho": "Trưởng khu phố", "chi_bo": "Bí thư"}
# the levels whose targets roll up from linked targets of the units below them
ROLLS_UP = HIGHER + COMMUNE


def is_below_commune(level: str) -> bool:
    return level in BELOW_COMMUNE


def check_parent(level: str, parent_level: str | None) -> None:
    """BadInput in Vietnamese unless a unit of `level` may stand under one of
    `parent_level` (None: no parent): a unit below the commune needs a commune above it."""
    if level not in LEVELS:
        raise BadInput(f"cấp đơn vị '{level}' không có; dùng: {', '.join(LEVELS)}.")
    if level in BELOW_COMMUNE and parent_level not in COMMUNE:
        raise BadInput(f"{LEVELS[level]} phải thuộc một xã, phường, thị trấn hoặc đặc khu; "
                       "hãy chọn đơn vị cấp trên là xã (--parent).")


def counts_units(measure: str | None) -> bool:
    """Whether a target measured in `measure` counts units below the commune ("4 tổ dân
    phố đạt chuẩn", unit 'tổ dân phố'): split by units that met, never into shares."""
    words = " ".join((measure or "").lower().split())
    return words in {LEVELS[level] for level in BELOW_COMMUNE}
