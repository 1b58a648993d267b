"""Word automatic numbering: render the label a paragraph shows ("1.", "1.2.", "a)", "-").

Reads word/numbering.xml (num -> abstractNum -> lvl with numFmt, lvlText, start) and keeps a
counter per list and level, restarting deeper levels when a level advances, as Word does.
"""

from __future__ import annotations

from lxml import etree

from theodoi.extraction.readers.limits import Package, parse_xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
BULLET_SYMBOLS = {"\uf0b7": "•", "\uf0a7": "-", "\uf0d8": "-", "o": "-", "": "-", "–": "-"}
# Vietnamese letter lists skip no letters but documents write "đ" after "d" rarely; Word
# itself uses a-z, so the printed page shows a-z.
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def roman(n: int) -> str:
    out = ""
    for value, glyph in ROMAN:
        while n >= value:
            out, n = out + glyph, n - value
    return out


def fmt_number(n: int, fmt: str) -> str:
    """One counter in Word's numFmt."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = LETTERS[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    """Counters and level definitions of one document."""

    def __init__(self, levels: dict[str, dict[int, tuple[str, str, int]]],
                 styles: dict[str, tuple[str, int]]) -> None:
        self.levels = levels          # numId -> ilvl -> (numFmt, lvlText, start)
        self.styles = styles          # styleId -> (numId, ilvl)
        self.counters: dict[str, list[int]] = {}

    @classmethod
    def from_package(cls, package: Package, name: str) -> Numbering:
        """The numbering of an unpacked package; `name` is the file's, for errors."""
        levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        if "word/numbering.xml" in package.parts:
            levels = _levels(parse_xml(package.parts["word/numbering.xml"], name,
                                       "word/numbering.xml"))
        styles: dict[str, tuple[str, int]] = {}
        if "word/styles.xml" in package.parts:
            styles = _style_numbering(parse_xml(package.parts["word/styles.xml"], name,
                                                "word/styles.xml"))
        return cls(levels, styles)

    def label_for(self, p: object) -> str | None:
        """The label Word shows before paragraph `p`, advancing the counters."""
        num = _num_pr(p) or self._style_num(p)
        if not num or num[0] not in self.levels or num[0] == "0":
            return None
        num_id, ilvl = num
        defs = self.levels[num_id]
        if ilvl not in defs:
            return None
        fmt, text, start = defs[ilvl]
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        if fmt == "bullet":
            return BULLET_SYMBOLS.get(text, text or "-")
        for lvl in range(ilvl, -1, -1):
            value = counts[lvl] or defs.get(lvl, ("decimal", "", 1))[2]
            lvl_fmt = defs.get(lvl, ("decimal", "", 1))[0]
            text = text.replace(f"%{lvl + 1}", fmt_number(value, lvl_fmt))
        return text

    # `p` (here and in _num_pr) is an lxml element: lxml ships no types, hence the ignores
    def _style_num(self, p: object) -> tuple[str, int] | None:
        style = p.find(f"{W}pPr/{W}pStyle")  # type: ignore[attr-defined]
        return self.styles.get(style.get(f"{W}val")) if style is not None else None


def _num_pr(p: object) -> tuple[str, int] | None:
    num_pr = p.find(f"{W}pPr/{W}numPr")  # type: ignore[attr-defined]
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{W}numId")
    ilvl = num_pr.find(f"{W}ilvl")
    if num_id is None:
        return None
    return num_id.get(f"{W}val"), int(ilvl.get(f"{W}val")) if ilvl is not None else 0


def _levels(root: etree._Element) -> dict[str, dict[int, tuple[str, str, int]]]:
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for a in root.findall(f"{W}abstractNum"):
        defs = {}
        for lvl in a.findall(f"{W}lvl"):
            fmt = lvl.find(f"{W}numFmt")
            text = lvl.find(f"{W}lvlText")
            start = lvl.find(f"{W}start")
            defs[int(lvl.get(f"{W}ilvl"))] = (
                fmt.get(f"{W}val") if fmt is not None else "decimal",
                text.get(f"{W}val") if text is not None else "",
                int(start.get(f"{W}val")) if start is not None else 1)
        abstract[a.get(f"{W}abstractNumId")] = defs
    levels = {}
    for num in root.findall(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is not None and ref.get(f"{W}val") in abstract:
            levels[num.get(f"{W}numId")] = abstract[ref.get(f"{W}val")]
    return levels


def _style_numbering(root: etree._Element) -> dict[str, tuple[str, int]]:
    styles = {}
    for style in root.findall(f"{W}style"):
        found = _num_pr(style)
        if found:
            styles[style.get(f"{W}styleId")] = found
    return styles
