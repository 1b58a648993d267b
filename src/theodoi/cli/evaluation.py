"""`theodoi emulation sheet|judge|vote|decide|ranking|papers`: the evaluation of a
movement (bình xét thi đua) as a named person, with the same rights as on the web: the
office fills sheets, enters the council's judgements and vote; a leader decides."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from theodoi.cli.common import FORMAT, out, print_json, transaction
from theodoi.cli.emulation import AS, emulation_group
from theodoi.cli.progress import day
from theodoi.domain.dates import vn_day
from theodoi.domain.numbers import vn_number
from theodoi.services.accounts import users as accounts
from theodoi.services.emulation import council, evaluation, papers, ranking

AS_OF = click.option("--as-of", "as_of", default=None,
                     help="Số liệu đến ngày dd/mm/yyyy (mặc định hôm nay).")
VERSION = click.option("--version", type=int, required=True,
                       help="Phiên bản của bảng điểm (chống ghi đè).")


def _on(text: str | None, what: str) -> date:
    return day(text, what) or date.today()  # the edge reads the clock


def _share(x: dict[str, Any]) -> str:
    if x["part"] is None:
        return ""
    share = f" = {vn_number(x['share'])}%" if x["share"] is not None else ""
    return f"{x['part']}/{x['whole']}{share} "


def _passed(value: bool | None) -> str:
    return {True: "Đạt", False: "Không đạt", None: "Chưa xác định"}[value]


def _show(view: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        print_json(view)
        return
    state = (f"bảng điểm số {view['sheet_id']} (phiên bản {view['version']})"
             if view["stored"] else "bản xem trước, chưa lưu")
    out.print(f"{view['participant']} — {view['movement']}: số liệu đến "
              f"{vn_day(view['as_of'])}, {state}")
    for x in view["criteria"]:
        out.print(f"  [{x['criterion_id']}] {x['text']} ({x['kind_label']}): "
                  f"{_share(x)}→ {_passed(x['passed'])}")
        for item in x["items"]:
            out.print(f"      {(item['ref'] or '').upper()} {item['title']} — {item['label']}")
    out.print(f"  Kết luận: {view['verdict_label']}")
    c = view["council"]
    if c:
        out.print(f"  Hội đồng: {c['agree']}/{c['total']} phiếu đồng ý ngày "
                  f"{vn_day(c['voted_on'])}, đề nghị {c['proposed_label'] or '—'} "
                  f"(phiên bản {c['version']})")
        if c["decision"]:
            out.print(f"  Quyết định: {c['decision_label']} {c['approved_label'] or ''} "
                      f"{c['decision_number'] or ''}".rstrip())


@emulation_group.command("sheet")
@click.argument("participant_id", type=int)
@AS_OF
@click.option("--fill", is_flag=True, help="Lập (hoặc tính lại) và lưu bảng điểm.")
@click.option("--version", type=int, default=None, help="Phiên bản khi tính lại.")
@AS
@FORMAT
def sheet_cmd(participant_id: int, as_of: str | None, fill: bool, version: int | None,
              username: str, fmt: str) -> None:
    """Bảng điểm của đối tượng PARTICIPANT_ID: tiêu chí tính từ sổ theo dõi."""
    on = _on(as_of, "ngày đánh giá")
    with transaction() as s:
        p = accounts.principal_for(s, username)
        view = (evaluation.fill(s, p, participant_id, on, version) if fill
                else evaluation.sheet(s, p, participant_id, on))
    _show(view, fmt)


@emulation_group.command("judge")
@click.argument("sheet_id", type=int)
@click.option("--criterion", "criterion_id", type=int, required=True)
@click.option("--met/--not-met", required=True, help="Hội đồng đánh giá đạt / không đạt.")
@click.option("--note", default=None)
@VERSION
@AS
@FORMAT
def judge_cmd(sheet_id: int, criterion_id: int, met: bool, note: str | None, version: int,
              username: str, fmt: str) -> None:
    """Ghi đánh giá của Hội đồng cho một tiêu chí trên bảng điểm SHEET_ID."""
    with transaction() as s:
        view = council.judge(s, accounts.principal_for(s, username), sheet_id, version,
                             criterion_id, met, note)
    _show(view, fmt)


@emulation_group.command("vote")
@click.argument("sheet_id", type=int)
@click.option("--agree", type=int, required=True, help="Số phiếu đồng ý.")
@click.option("--total", type=int, required=True, help="Tổng số phiếu.")
@click.option("--on", "on_text", default=None, help="Ngày họp dd/mm/yyyy (mặc định hôm nay).")
@click.option("--form", "reward_form", default=None, help="Hình thức đề nghị (giay_khen …).")
@click.option("--note", default=None)
@VERSION
@AS
@FORMAT
def vote_cmd(sheet_id: int, agree: int, total: int, on_text: str | None,
             reward_form: str | None, note: str | None, version: int, username: str,
             fmt: str) -> None:
    """Ghi kết quả bỏ phiếu của Hội đồng TĐKT cho bảng điểm SHEET_ID."""
    on = _on(on_text, "ngày họp")
    with transaction() as s:
        view = council.vote(s, accounts.principal_for(s, username), sheet_id, version, agree,
                            total, on, reward_form, note)
    _show(view, fmt)


@emulation_group.command("decide")
@click.argument("sheet_id", type=int)
@click.option("--approve/--refuse", "approved", required=True)
@click.option("--form", "reward_form", default=None, help="Hình thức (mặc định như đề nghị).")
@click.option("--number", default=None, help="Số quyết định khen thưởng.")
@click.option("--on", "on_text", default=None, help="Ngày quyết định dd/mm/yyyy.")
@click.option("--version", type=int, required=True, help="Phiên bản của kết quả bỏ phiếu.")
@AS
@FORMAT
def decide_cmd(sheet_id: int, approved: bool, reward_form: str | None, number: str | None,
               on_text: str | None, version: int, username: str, fmt: str) -> None:
    """Quyết định của Chủ tịch trên kết quả bình xét của bảng điểm SHEET_ID."""
    on = _on(on_text, "ngày quyết định")
    with transaction() as s:
        view = council.decide(s, accounts.principal_for(s, username), sheet_id, version,
                              approved, on, reward_form, number)
    _show(view, fmt)


@emulation_group.command("ranking")
@click.argument("movement_id", type=int)
@AS_OF
@AS
@FORMAT
def ranking_cmd(movement_id: int, as_of: str | None, username: str, fmt: str) -> None:
    """Xếp hạng cơ quan, đơn vị của phong trào theo mức độ hoàn thành."""
    on = _on(as_of, "ngày đánh giá")
    with transaction() as s:
        view = ranking.ranking(s, accounts.principal_for(s, username), movement_id, on)
    if fmt == "json":
        print_json(view)
        return
    out.print(f"{view['movement']}: xếp hạng đến ngày {vn_day(view['as_of'])}")
    for r in view["rows"]:
        rate = vn_number(r["rate"]) if r["rate"] is not None else "—"
        timely = vn_number(r["on_time_share"]) if r["on_time_share"] is not None else "—"
        out.print(f"  {r['rank'] or '—'}. {r['name']}: chỉ tiêu {r['met']}/{r['targets']} "
                  f"({rate}%), nhiệm vụ đúng hạn {r['on_time']}/{r['tasks_counted']} "
                  f"({timely}%), điểm {vn_number(r['score']) or '—'}"
                  + (f" — {r['tie']}" if r["tie"] else ""))


@emulation_group.command("papers")
@click.argument("movement_id", type=int)
@click.option("--kind", type=click.Choice(sorted(papers.KINDS)), required=True,
              help="danh-sach: danh sách đề nghị khen thưởng; bien-ban: biên bản họp Hội đồng.")
@AS_OF
@click.option("--out", "out_path", type=click.Path(path_type=Path), default=None,
              help="Tệp DOCX ghi ra (mặc định tên tiếng Việt ở thư mục hiện tại).")
@AS
def papers_cmd(movement_id: int, kind: str, as_of: str | None, out_path: Path | None,
               username: str) -> None:
    """Danh sách đề nghị khen thưởng hoặc biên bản họp Hội đồng TĐKT (DOCX)."""
    with transaction() as s:
        found = papers.paper(s, accounts.principal_for(s, username), movement_id, kind,
                             day(as_of, "ngày đánh giá"))
    target = out_path or Path(found.filename)
    target.write_bytes(found.content)
    out.print(f"Đã ghi {target}")
