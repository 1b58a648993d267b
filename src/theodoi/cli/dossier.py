"""`theodoi emulation dossier|dossier-open|dossier-upload|achievement`: a participant's
reward dossier (the checklist of papers, opened by the office, a file per paper) and its
báo cáo thành tích as a DOCX, as a named person (the same rights as on the web)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from theodoi.cli.common import FORMAT, ID, out, print_json, transaction
from theodoi.cli.emulation import AS, emulation_group
from theodoi.cli.progress import day
from theodoi.domain.dates import vn_day
from theodoi.domain.errors import BadInput
from theodoi.services.accounts import users as accounts
from theodoi.services.emulation import achievements, dossier
from theodoi.settings import load

AS_OF = click.option("--as-of", "as_of", default=None,
                     help="Xét đến ngày dd/mm/yyyy (mặc định hôm nay).")


def _show(view: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        print_json(view)
        return
    x, d = view["participant"], view["deadline"]
    out.print(f"Hồ sơ khen thưởng của {x['name']} — {view['movement']['name']}")
    if d:
        out.print(f"  Hạn nộp: trước {vn_day(d['date'])} ({d['words']})")
    if view["dossier"] is None:
        out.print("  Chưa được đề nghị khen thưởng (mở hồ sơ: theodoi emulation "
                  f"dossier-open {x['id']} --as …).")
    else:
        out.print(f"  Đề nghị: {view['dossier']['reward_label'] or '—'}; "
                  + ("hồ sơ đã đủ." if view["complete"] else f"còn thiếu {view['missing']} "
                     "mục."))
    for it in view["papers"]:
        names = ", ".join(f["name"] for f in it["files"])
        out.print(f"  {it['index'] + 1}. {it['state_label']}: {it['text']}"
                  + (f" — {names}" if names else ""))


@emulation_group.command("dossier")
@click.argument("participant_id", type=ID)
@AS_OF
@AS
@FORMAT
def dossier_cmd(participant_id: int, as_of: str | None, username: str, fmt: str) -> None:
    """Danh mục hồ sơ khen thưởng của đối tượng PARTICIPANT_ID: đã có, còn thiếu, hạn nộp."""
    when = day(as_of, "ngày xét") or date.today()
    with transaction() as s:
        view = dossier.page(s, accounts.principal_for(s, username), participant_id, when)
    _show(view, fmt)


@emulation_group.command("dossier-open")
@click.argument("participant_id", type=ID)
@click.option("--reward", "reward_form", default=None,
              help="Hình thức đề nghị: giay_khen, bang_khen, chien_si_thi_dua_co_so …")
@AS
@FORMAT
def open_cmd(participant_id: int, reward_form: str | None, username: str, fmt: str) -> None:
    """Đề nghị khen thưởng đối tượng PARTICIPANT_ID: mở hồ sơ (văn phòng)."""
    with transaction() as s:
        view = dossier.open_dossier(s, accounts.principal_for(s, username), participant_id,
                                    reward_form, date.today())
    _show(view, fmt)


@emulation_group.command("dossier-upload")
@click.argument("participant_id", type=ID)
@click.argument("paper", type=click.IntRange(min=1))
@click.argument("path", type=click.Path(path_type=Path))
@AS
@FORMAT
def upload_cmd(participant_id: int, paper: int, path: Path, username: str, fmt: str) -> None:
    """Nộp tệp PATH cho mục PAPER (1 là mục đầu) của hồ sơ đối tượng PARTICIPANT_ID."""
    if not path.is_file():
        raise BadInput("không tìm thấy tệp hồ sơ.", subject=str(path))
    with transaction() as s:
        view = dossier.upload(s, accounts.principal_for(s, username), participant_id,
                              paper - 1, path.name, path.read_bytes(),
                              max_bytes=load().max_evidence_bytes, as_of=date.today())
    _show(view, fmt)


@emulation_group.command("achievement")
@click.argument("participant_id", type=ID)
@AS_OF
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Tệp DOCX ghi ra (mặc định tên tự đặt, ở thư mục hiện tại).")
@AS
def achievement_cmd(participant_id: int, as_of: str | None, out_path: Path | None,
                    username: str) -> None:
    """Báo cáo thành tích (DOCX, mẫu Nghị định 98/2023/NĐ-CP) của đối tượng PARTICIPANT_ID,
    số liệu từ sổ theo dõi đến ngày --as-of."""
    when = day(as_of, "ngày xét") or date.today()
    with transaction() as s:
        name, content = achievements.document(s, accounts.principal_for(s, username),
                                              participant_id, when)
    target = out_path or Path(name)
    target.write_bytes(content)
    out.print(f"Đã ghi báo cáo thành tích: {target}")
