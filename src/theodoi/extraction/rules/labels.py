"""List and outline labels: the ways Vietnamese plans number and mark their items.

One grammar for the outline (headings), list items, clause boundaries, titles and table rows:
each piece below is a regex source, composed by `extraction/labels.py` and by the heading
patterns (`rules/headings.py`), never written again elsewhere. One label kind a line, with
the phrase it exists for in a comment.
"""

from __future__ import annotations

BULLET = r"[-+*•]"                          # "- Phòng Kinh tế chủ trì …", "+ Năm 2026: …", "• …"
PAREN = r"\(\d{1,2}\)"                      # "(1) Tỷ lệ hộ nghèo giảm …"
NUMBER = r"\d{1,2}(?:\.\d{1,2})*\.(?!\d)"   # "1. ", "1.2. ", "2.3.1. "; not "2.5" of "2.5 tỷ"
ORDINAL = r"\d{1,2}\.(?!\d)"                 # "1. Thuận lợi:" (one level)
DECIMAL = r"\d{1,2}(?:\.\d{1,2})+\.?"      # "1.1. Mục tiêu", "4.4 Cơ quan chủ trì" (last dot left out)
LETTER = r"[a-zđ][),]"                      # "a) Phát triển nông nghiệp", "b, Văn hóa - xã hội"
ROMAN = r"[IVX]{1,5}\."                     # "II. NHIỆM VỤ VÀ GIẢI PHÁP"
UPPER = r"[A-H]\."                          # "A. MỤC ĐÍCH, YÊU CẦU"
ARTICLE = r"Điều\s+\d{1,3}[.:]"             # "Điều 2. Giao Phòng Kinh tế chủ trì …"
PART = (r"(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?:[IVX]{1,5}|\d{1,2}|"   # "PHẦN I.", "Chương II:"
        r"(?:THỨ|[Tt]hứ)\s+(?:NHẤT|nhất|HAI|hai|BA|ba|TƯ|tư|NĂM|năm|SÁU|sáu))[.:]?")  # "Phần thứ hai"

# A label that opens a list item inside a body of text (headings of parts excepted)
ITEM = rf"(?:{BULLET}|{PAREN}|{NUMBER}|{LETTER}|{ROMAN})"
# The same at a line start that begins a new item: a number, letter or numeral needs a
# space after it ("2. Phòng …"), so a figure wrapped to a line start ("2.5 ha") is none
ITEM_HEAD = rf"(?:{BULLET}|{PAREN}|(?:{NUMBER}|{LETTER}|{ROMAN})\s)"

# A table row's label alone in its first cell, its closing mark optional: "1", "1.2",
# "II.", "a", "a)", "-", "(3)"
CELL = r"(?:\d{1,3}(?:\.\d{1,2})*\.?|[IVXLC]{1,6}\.?|[a-zđ][.)]?|[-+*•]|\(\d{1,3}\))"
# A group row of an indicator table numbered in Roman numerals: "I", "II."
ROMAN_CELL = r"[IVXLC]+\.?"
