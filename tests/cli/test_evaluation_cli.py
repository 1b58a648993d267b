"""`theodoi emulation sheet|judge|vote|decide|ranking|papers` on both backends: an agency
reads its sheet and may not fill it, the office fills, judges and enters the vote, the
chairman decides, the ranking and the minutes come out; bad input exits 2 in Vietnamese.

Ground (by hand): the v1 plan of Xã An Bình, active, Phòng Kinh tế leading the income
target (recorded at 95 of a goal of 90 for Q3/2026: vượt) and the investment task
(finished 20/09/2026, due 30/09): as of 25/10/2026, 1/1 targets and 1/1 tasks on time."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from tests.cli.test_register_cli import theodoi
from tests.services.progress_setup import active_v1
from theodoi.services.accounts import users as accounts
from theodoi.services.emulation import members, movements
from theodoi.services.progress import records
from theodoi.services.register import agencies, units
from theodoi.storage.db import session_factory

A = "Xã An Bình"


def _ground(url: str) -> tuple[int, int, int]:
    """(movement, participant Phòng Kinh tế, its judged criterion)."""
    with session_factory(url)() as s:
        r = active_v1(s)
        records.record_progress(s, r.income, "Q3/2026", "95", by="vanphong")
        records.update_task(s, r.invest, "hoan_thanh", on=date(2026, 9, 20), by="vanphong")
        for name, role, agency in (("vanphong", "van_phong", None),
                                   ("kinhte", "don_vi", "Phòng Kinh tế"),
                                   ("chutich", "lanh_dao", None)):
            accounts.create_user(s, name, "mat-khau-du-dai-123")
            accounts.grant(s, name, A, role, agency)
        office = accounts.principal_for(s, "vanphong")
        unit = units.find(s, A)
        m = movements.create(s, office, unit.id, "Thi đua năm 2026")
        criteria = []
        for text, kind, threshold in (("Chỉ tiêu đạt", "targets_met_share", "100"),
                                      ("Không vi phạm kỷ luật", "judged", None)):
            version = movements.get(s, office, m["id"])["version"]
            criteria.append(members.add_criterion(s, office, m["id"], version, {
                "text": text, "kind": kind, "threshold": threshold})["id"])
        version = movements.get(s, office, m["id"])["version"]
        kt = agencies.resolve(s, unit, "Phòng Kinh tế").id  # type: ignore[union-attr]
        part = members.add_participant(s, office, m["id"], version,
                                       {"kind": "agency", "agency_id": kt})
        s.commit()
        return m["id"], part["id"], criteria[1]


def _json(capsys: Any, *args: str) -> Any:
    code, out, err = theodoi(capsys, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_sheet_vote_decide_ranking_papers(settings_env: str, capsys: Any,
                                          tmp_path: Path) -> None:
    movement, part, judged = _ground(settings_env)
    day = ("--as-of", "25/10/2026")
    code, out, err = theodoi(capsys, "emulation", "sheet", str(part), *day, "--as", "kinhte")
    assert code == 0, err
    assert "bản xem trước, chưa lưu" in out
    assert "Chỉ tiêu đạt (Tỷ lệ chỉ tiêu đạt, vượt): 1/1 = 100% → Đạt" in out
    code, _, err = theodoi(capsys, "emulation", "sheet", str(part), *day, "--fill", "--as",
                           "kinhte")
    assert code == 2 and "không được rà soát kế hoạch" in err
    view = _json(capsys, "emulation", "sheet", str(part), *day, "--fill", "--as", "vanphong")
    assert view["stored"] and view["verdict"] is None
    view = _json(capsys, "emulation", "judge", str(view["sheet_id"]), "--criterion",
                 str(judged), "--met", "--version", str(view["version"]), "--as", "vanphong")
    assert view["verdict_label"] == "Đạt tiêu chuẩn"
    code, _, err = theodoi(capsys, "emulation", "vote", str(view["sheet_id"]), "--agree", "10",
                           "--total", "9", "--version", str(view["version"]), "--as",
                           "vanphong")
    assert code == 2 and "số phiếu đồng ý phải từ 0 đến 9" in err
    view = _json(capsys, "emulation", "vote", str(view["sheet_id"]), "--agree", "7",
                 "--total", "9", "--on", "28/10/2026", "--form", "giay_khen", "--version",
                 str(view["version"]), "--as", "vanphong")
    view = _json(capsys, "emulation", "decide", str(view["sheet_id"]), "--approve",
                 "--number", "12/QĐ-UBND", "--on", "02/11/2026", "--version",
                 str(view["council"]["version"]), "--as", "chutich")
    assert (view["council"]["decision"], view["council"]["approved_form"]) == (
        "approved", "giay_khen")
    code, out, err = theodoi(capsys, "emulation", "ranking", str(movement), *day, "--as",
                             "chutich")
    assert code == 0, err
    assert "1. Phòng Kinh tế: chỉ tiêu 1/1 (100%), nhiệm vụ đúng hạn 1/1 (100%), điểm 100" \
        in out
    target = tmp_path / "bien-ban.docx"
    code, out, err = theodoi(capsys, "emulation", "papers", str(movement), "--kind",
                             "bien-ban", "--out", str(target), "--as", "chutich")
    assert code == 0, err
    assert target.read_bytes()[:2] == b"PK"
    code, _, err = theodoi(capsys, "emulation", "papers", str(movement), "--kind",
                           "danh-sach", "--as-of", "31/02/2026", "--as", "chutich")
    assert code == 2 and "không hợp lệ" in err
