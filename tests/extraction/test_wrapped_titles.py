"""A task's title is whole when the document wrapped it over lines (sample 001's Đề án,
sample 004's appendix rows): an open quotation, a range cut after its dash, a next line in
lower case go on; a capital after a full stop, a body on its own line, a stop end it."""

from __future__ import annotations

import pytest

from theodoi.extraction.stages.task_blocks import wrapped_title

CASES = [
    ("1. Đề án “Nâng cao năng lực lãnh đạo của tổ chức Đảng \n\ngắn với đổi mới sinh hoạt "
     "chi bộ giai đoạn 2025 - 2030” \n\nNgười chủ trì: Bí thư",
     "Đề án “Nâng cao năng lực lãnh đạo của tổ chức Đảng",
     "Đề án “Nâng cao năng lực lãnh đạo của tổ chức Đảng gắn với đổi mới sinh hoạt chi bộ "
     "giai đoạn 2025 - 2030”"),
    ("Đề án khai thác quỹ đất trên địa bàn xã giai đoạn 2026-\n\n2030. \nUBND xã",
     "Đề án khai thác quỹ đất trên địa bàn xã giai đoạn 2026-",
     "Đề án khai thác quỹ đất trên địa bàn xã giai đoạn 2026-2030"),
    ("Kế hoạch thực hiện khâu đột phá về kết cấu hạ tầng \n\nkinh tế - xã hội. \nUBND xã",
     "Kế hoạch thực hiện khâu đột phá về kết cấu hạ tầng",
     "Kế hoạch thực hiện khâu đột phá về kết cấu hạ tầng kinh tế - xã hội"),
    ("(1) Đổi mới phương thức lãnh đạo của cấp ủy; sự điều\n\nhành của chính quyền. Đẩy "
     "mạnh chuyển đổi số",
     "Đổi mới phương thức lãnh đạo của cấp ủy; sự điều",
     "Đổi mới phương thức lãnh đạo của cấp ủy; sự điều hành của chính quyền"),
    ("Xây dựng đường giao thông kết nối trung tâm xã. \nXây dựng nhà văn hóa",
     "Xây dựng đường giao thông kết nối trung tâm xã.",
     "Xây dựng đường giao thông kết nối trung tâm xã"),
    ("Xây dựng trường mầm non \nUBND xã \nQuý I năm 2026",
     "Xây dựng trường mầm non", "Xây dựng trường mầm non"),
]


@pytest.mark.parametrize(("text", "first", "whole"), CASES)
def test_a_wrapped_title_is_read_whole(text: str, first: str, whole: str) -> None:
    assert wrapped_title(text, first, text.index("\n"), len(text)) == whole
