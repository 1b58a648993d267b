"""A long text without headings (a press statement, a letter) is read within the memory a
child is given: no step keeps a slice of the text per target."""

from __future__ import annotations

from theodoi.extraction import extract


def test_a_statement_of_thousands_of_targets_fits_in_a_small_cap() -> None:
    lines = [f"Phấn đấu tỷ lệ hộ dùng nước sạch ở thôn số {i} đạt {i % 90 + 5}% vào năm 2030."
             for i in range(2500)]
    # each target once kept the text from the start to itself: about 500 MB here
    result = extract("\n".join(lines).encode(), filename="thong-cao.txt", memory_mb=150)
    assert len(result["targets"]) == 2500
    assert [t["value"] for t in result["targets"][:3]] == [5, 6, 7]
    assert result["targets"][-1]["text"] == lines[-1]
