"""Emulation: the `emulation` section of a plan that launches a movement (schema 1.1).

A plan launches a movement when its title says "phát động phong trào thi đua" or when its
outline has at least `MIN_SECTIONS` of the parts the Law on Emulation and Rewards gives such
a plan (khẩu hiệu, nội dung, tiêu chuẩn, hình thức khen thưởng, hồ sơ …). Other plans keep
`emulation` null. Reads the outline and the document; changes neither.
"""

from __future__ import annotations

from theodoi.domain.text import fold, squash
from theodoi.extraction import emulation as E
from theodoi.extraction.model import Emulation
from theodoi.extraction.pipeline import Context, Stage
from theodoi.extraction.rules import emulation as R


def run(ctx: Context) -> None:
    """Fill ctx.emulation when the document launches a movement."""
    s = E.Sections.of(ctx.text, ctx.outline)
    found = {role: hits for role in R.SECTIONS if (hits := s.find(role))}
    launched = bool(R.LAUNCH.search(fold(ctx.document.title)))
    parts = {r for r in found if r != "responsible"}
    if len(parts) < (1 if launched else R.MIN_SECTIONS):
        return
    em = Emulation(name=_name(ctx.document.title), span=E.span_of(s, found))
    _describe(em, s, found, ctx.document.issued_on)
    _judge(em, s, found)
    ctx.emulation = em


def _name(title: str) -> str:
    """The movement's name: the quoted name after "phong trào thi đua", else the title from
    "phong trào thi đua" on, with its first letter capitalised."""
    quoted = R.NAME_QUOTED.search(title)
    if quoted:
        return f"Phong trào thi đua “{squash(quoted.group('q'))}”"
    at = R.NAME_FROM.search(title)
    name = squash(title[at.start():] if at else title)
    return name[:1].upper() + name[1:]


def _own_text(s: E.Sections, i: int) -> str:
    return squash(s.text[s.outline[i].span[1]:s.subtree_end(i)]).strip(" :")


def _describe(em: Emulation, s: E.Sections, found: dict[str, list[int]],
              issued_on: str | None) -> None:
    """Slogan, period, contents and participants."""
    if "slogan" in found:
        slogan = _own_text(s, found["slogan"][0])
        em.slogan = slogan.strip("“”\" .") or None
    if "period" in found:
        em.period_text = _own_text(s, found["period"][0]) or None
        i = found["period"][0]
        em.period_span = (s.outline[i].span[1], s.subtree_end(i))
        em.period_start, em.period_end = E.period(em.period_text or "", issued_on)
    if "contents" in found:
        em.contents = E.part_passages(s, found["contents"][0])
    if "participants" in found:
        _participants(em, s, found["participants"][0])


def _participants(em: Emulation, s: E.Sections, i: int) -> None:
    """Collectives and individuals: by sub-heading ("a) Tập thể"), by line ("Cá nhân: …")
    or, for a sentence naming both ("Các tập thể, cá nhân có thành tích …"), in both lists."""
    kids = s.children(i)
    items = [(s.outline[k].title, p) for k in kids for p in E.part_passages(s, k)] if kids \
        else [("", p) for p in E.part_passages(s, i)]
    for title, p in items:
        line = R.LINE_KIND.match(fold(p.text))
        who = E.applies_to(line.group("kind") if line else title or p.text)
        if who in ("collective", "all"):
            em.collectives.append(p)
        if who in ("individual", "all"):
            em.individuals.append(p)


def _judge(em: Emulation, s: E.Sections, found: dict[str, list[int]]) -> None:
    """Criteria, reward forms, dossier, deadline with receiving office, responsible bodies."""
    for i in found.get("criteria", []):
        em.criteria.extend(E.criteria(s, i))
    if "rewards" in found:
        em.rewards = [r for p in E.part_passages(s, found["rewards"][0]) for r in E.rewards(p)]
    for i in found.get("dossier", []):
        em.dossier.extend(E.dossier_item(p) for p in E.part_passages(s, i))
    if "deadline" in found:
        em.deadline_text = _own_text(s, found["deadline"][0]) or None
        em.deadline, em.receiver, em.receiver_via = E.deadline(em.deadline_text or "")
    if "responsible" in found:
        em.responsible = [E.responsible(p) for p in E.part_passages(s, found["responsible"][0])]


STAGE = Stage("emulation", needs=("document", "outline"), provides=("emulation",), run=run)
