"""The words around a report's figures: its title, opening and closing, as real ones say them.

A commune's báo cáo is titled "Kết quả thực hiện {what} {period} và phương hướng, nhiệm vụ
{next period}", opens by citing what it answers ("Thực hiện Công văn số … của …; Kế hoạch
số … ngày … của … về …, Ủy ban nhân dân xã … báo cáo … như sau:") and closes with
"Trên đây là báo cáo …". The phrases are the tables below; the plan's own facts (number,
date, issuer, subject) come from the register.
"""

from __future__ import annotations

from datetime import date

from theodoi.domain.periods import ROMAN, Period

# between a term's years: a non-breaking hyphen, so no line ends at "2025 -" with "2030"
# on the next (the DOCX writes it as Word's own w:noBreakHyphen)
TERM_DASH = "\u2011"
# report kind -> its title; {what} the plan, {period} and {next} as `period_words` says
TITLES = {"so_ket": "Sơ kết giữa nhiệm kỳ thực hiện {what}, {period} và phương hướng, "
                    "nhiệm vụ {next}",
          "tong_ket": "Tổng kết thực hiện {what}, {period} và phương hướng, nhiệm vụ {next}"}
TITLE = "Kết quả thực hiện {what} {period} và phương hướng, nhiệm vụ {next}"
OPENING = "{cause}, {issuer} báo cáo kết quả thực hiện {period} như sau:"
CLOSING = "Trên đây là báo cáo {title} của {issuer}./."
# what follows a period: the rest of the year after 6 months, the second half of a term
# after its sơ kết, the next term after its tổng kết
NEXT_HALF = "6 tháng cuối năm {y}"
NEXT_MIDTERM = "nửa cuối nhiệm kỳ {a}{dash}{b}"
NEXT_TERM = "nhiệm kỳ {a}{dash}{b}"
TERM_YEARS = 5


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def period_words(period: Period) -> str:
    """The period inside a sentence: 'quý III năm 2026', '6 tháng đầu năm 2026', 'năm
    2026', 'nhiệm kỳ 2025‑2030'."""
    y = period.end.year
    if period.kind == "quarter":
        return f"quý {ROMAN[(period.end.month - 1) // 3]} năm {y}"
    if period.kind in ("midterm", "term_end"):
        first, last = period.key.split("-")[:2]
        return f"nhiệm kỳ {first}{TERM_DASH}{last}"
    return lower_first(period.label)


def next_period_words(period: Period) -> str:
    """What the 'phương hướng, nhiệm vụ' of a report is for."""
    y = period.end.year
    if period.kind == "quarter":
        after = period.end.month // 3  # 1-4: the next quarter's index, 4 wraps to the year
        return f"quý {ROMAN[after % 4]} năm {y + (after == 4)}"
    if period.kind == "half":
        return NEXT_HALF.format(y=y)
    if period.kind == "nine_months":
        return f"quý IV năm {y}"
    if period.kind in ("midterm", "term_end"):
        first, last = (int(x) for x in period.key.split("-")[:2])
        if period.kind == "midterm":
            return NEXT_MIDTERM.format(a=first, b=last, dash=TERM_DASH)
        return NEXT_TERM.format(a=last, b=last + TERM_YEARS, dash=TERM_DASH)
    return f"năm {y + 1}"


def plan_citation(kind_word: str, number: str | None, issued_on: date | None,
                  issuer: str | None, subject: str | None) -> str:
    """'Kế hoạch số 12/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân xã An Bình về phát
    triển …' with whatever of it the register knows."""
    text = kind_word
    if number:
        text += f" số {number}"
    if issued_on:
        text += f" ngày {issued_on:%d/%m/%Y}"
    if issuer:
        text += f" của {issuer}"
    if subject:
        about = lower_first(subject.strip())
        text += f" {about}" if about.startswith("về ") else f" về {about}"
    return text


def title(report_kind: str, what: str, period: Period) -> str:
    """'Kết quả thực hiện Kế hoạch … quý III năm 2026 và phương hướng, nhiệm vụ quý IV năm
    2026'."""
    form = TITLES.get(report_kind, TITLE)
    if period.kind in ("midterm", "term_end") and all(
            y in what for y in period.key.split("-")[:2]):
        form = form.replace(", {period}", "")  # the plan's subject already names its term
    return form.format(what=what, period=period_words(period),
                       next=next_period_words(period))


def opening(citations: list[str], request: str | None, issuer: str, period: Period) -> str:
    """'Thực hiện Công văn số …; Kế hoạch số …, Ủy ban nhân dân xã … báo cáo kết quả thực
    hiện quý III năm 2026 như sau:'."""
    asked = [request.strip().rstrip(".;,")] if request and request.strip() else []
    cause = "; ".join([*asked, *citations])
    return OPENING.format(cause=f"Thực hiện {cause}" if cause else "Thực hiện kế hoạch",
                          issuer=issuer, period=period_words(period))


def closing(report_title: str, issuer: str) -> str:
    """'Trên đây là báo cáo kết quả thực hiện … của Ủy ban nhân dân xã …./.'."""
    return CLOSING.format(title=lower_first(report_title), issuer=issuer)
