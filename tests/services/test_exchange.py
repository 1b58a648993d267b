"""Packages between installations (issue 22 item 5): a commune's period exported from its
own database and imported into the province's (a second database on the same backend);
every refusal leaves the province's register as it was; the same package twice changes
nothing; a newer one updates; a tampered one is refused."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from tests.conftest import fresh_database
from tests.services.progress_setup import active_v1
from theodoi.domain.errors import BadInput
from theodoi.services import uow
from theodoi.services.exchange import export, identity, importing, keys, package
from theodoi.services.progress import records
from theodoi.services.register import units
from theodoi.settings import Settings
from theodoi.storage import db
from theodoi.storage.models import (
    Attachment,
    ExchangeImport,
    FigureSubmission,
    Installation,
    OutgoingDocument,
    PeriodLock,
    Plan,
    ProgressRecord,
    Target,
    Task,
)

A = "Xã An Bình"
CODE = "xa-an-binh"
LIMIT = 10 << 20
FIRST = datetime(2026, 7, 5, 8, 0)
LATER = datetime(2026, 7, 20, 9, 30)


@pytest.fixture
def commune(db_url: str, tmp_path: Path) -> Settings:
    """The commune's own installation: its v1 plan active, two figures of 2026 accepted,
    a quarterly report numbered and sent, and its exchange key."""
    settings = Settings(database_url=db_url, data_dir=tmp_path / "xa")
    with uow.transaction(settings) as s:
        units.create(s, "Tỉnh Mẫu", level="tinh", code="tinh-mau")
        units.create(s, A, parent="tinh-mau", code=CODE)
        refs = active_v1(s, A)
        records.record_progress(s, refs.income, "2026", "70")
        income = s.get(Target, int(refs.income[1:]))
        income.period_start, income.period_end = 2026, 2030  # years, not days
        records.record_progress(s, refs.poor, "Q2/2026", "1,5")
        _report(s, units.find(s, A).id)
        keys.register(s, None, units.find(s, A).id, "ab" * 32)
    return settings


def _report(s: Any, unit_id: int) -> None:
    docx = Attachment(sha256="1" * 64, name="bc.docx", size=9, content=b"PK-docx-1")
    s.add(docx)
    s.flush()
    s.add(OutgoingDocument(unit_id=unit_id, year=2026, symbol="BC-UBND", number=7,
                           issued_on=date(2026, 7, 2), report_kind="6_thang",
                           period_key="2026-H1", title="Báo cáo 6 tháng đầu năm 2026",
                           state="da_gui", docx_id=docx.id, sent_on=date(2026, 7, 3)))


@pytest.fixture
def province(backend: str, tmp_path: Path) -> Iterator[Settings]:
    """The province's installation, in a second database: the province, the commune
    registered under it with the commune's key."""
    with fresh_database(backend, tmp_path / "tinh.db") as url:
        db.upgrade(url)
        settings = Settings(database_url=url, data_dir=tmp_path / "tinh")
        with uow.transaction(settings) as s:
            units.create(s, "Tỉnh Mẫu", level="tinh", code="tinh-mau")
            units.create(s, A, parent="tinh-mau", code=CODE)
            keys.register(s, None, units.find(s, A).id, "ab" * 32)
        yield settings


def _export(settings: Settings, period: str = "2026", now: datetime = FIRST) -> bytes:
    with uow.transaction(settings) as s:
        return export.export(s, None, units.find(s, A).id, period, now)[1]


def _import(settings: Settings, data: bytes) -> dict[str, Any]:
    with uow.transaction(settings) as s:
        return importing.import_package(s, None, units.find(s, "tinh-mau").id, data,
                                        max_bytes=LIMIT, now=LATER)


def _counts(settings: Settings) -> dict[str, int]:
    with uow.transaction(settings) as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m)) for m in
                (Plan, Target, Task, ProgressRecord, OutgoingDocument, ExchangeImport)}


def _current(settings: Settings) -> dict[str, float]:
    with uow.transaction(settings) as s:
        rows = s.execute(select(Target.indicator, ProgressRecord.value, ProgressRecord.period_key,
                                ProgressRecord.recorded_by)
                         .join(Target, Target.id == ProgressRecord.target_id)
                         .where(ProgressRecord.superseded.is_(False))).all()
    assert {r.recorded_by for r in rows} == {f"gói trao đổi từ {CODE}"}
    return {" ".join(r.indicator.split()[:3]) + f"|{r.period_key}": r.value for r in rows}


def test_a_package_imports_into_a_second_installation(commune: Settings,
                                                      province: Settings) -> None:
    result = _import(province, _export(commune))
    assert result["state"] == "da_nhap"
    assert result["changes"] == {"figure_added": 2, "plan_added": 1, "report_added": 1,
                                 "target_added": 3, "task_added": 3}
    assert _current(province) == {"Thu nhập bình|2026": 70.0, "Tỷ lệ hộ|2026-Q2": 1.5}
    with uow.transaction(province) as s:
        plan = s.scalars(select(Plan)).one()
        assert (plan.number, plan.status, plan.issued_on) == ("12/KH-UBND", "active",
                                                             date(2026, 1, 15))
        assert plan.source_name == f"gói trao đổi từ {CODE}"
        assert plan.unit.code == CODE
        income = s.scalars(select(Target).where(Target.indicator.like("Thu nhập%"))).one()
        assert (income.period_start, income.period_end, income.value) == (2026, 2030, 90.0)
        doc = s.scalars(select(OutgoingDocument)).one()
        assert (doc.number, doc.state, doc.to_unit_id) == (7, "da_gui",
                                                           units.find(s, "tinh-mau").id)
        assert s.get(Attachment, doc.docx_id).content == b"PK-docx-1"


def test_the_same_package_twice_changes_nothing(commune: Settings, province: Settings) -> None:
    data = _export(commune)
    _import(province, data)
    before = _counts(province)
    again = _import(province, data)
    assert again["state"] == "da_nhap_truoc"
    assert again["changes"] == {}
    assert _counts(province) == before


def test_a_newer_package_of_the_period_updates_and_an_older_one_is_refused(
        commune: Settings, province: Settings) -> None:
    first = _export(commune)
    _import(province, first)
    with uow.transaction(commune) as s:
        income = s.scalars(select(Target).where(Target.indicator.like("Thu nhập%"))).one()
        records.record_progress(s, f"t{income.id}", "2026", "75")
    newer = _export(commune, now=LATER)
    result = _import(province, newer)
    assert result["changes"] == {"figure_updated": 1}
    assert _current(province) == {"Thu nhập bình|2026": 75.0, "Tỷ lệ hộ|2026-Q2": 1.5}
    assert _counts(province)["Plan"] == 1
    between = _export(commune, now=datetime(2026, 7, 10, 14, 0))  # made before `newer`
    with pytest.raises(BadInput, match="lập lúc 14:00 10/07/2026, cũ hơn gói cùng kỳ đã "
                                       "nhập \\(lập lúc 09:30 20/07/2026\\)"):
        _import(province, between)
    assert _import(province, first)["state"] == "da_nhap_truoc"  # itself: nothing to do
    assert _current(province)["Thu nhập bình|2026"] == 75.0


def _rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    """The package with some members' bytes replaced (the manifest and signature kept
    unless replaced too)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in source.namelist():
            z.writestr(name, change.get(name, source.read(name)))
    return out.getvalue()


def _manifest(data: bytes) -> dict[str, Any]:
    return dict(json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json")))


def _figures_changed(data: bytes) -> bytes:
    figures = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("figures.json"))
    figures[0]["value"] = 99
    return _rezip(data, {"figures.json": json.dumps(figures).encode()})


def _resigned(data: bytes, **manifest: Any) -> bytes:
    """The package with manifest fields changed and signed again with the right key."""
    new = json.dumps({**_manifest(data), **manifest}).encode()
    signature = json.dumps({"value": package.sign(new, "ab" * 32)}).encode()
    return _rezip(data, {"manifest.json": new, "signature.json": signature})


def _added(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in source.namelist():
            z.writestr(name, source.read(name))
        z.writestr("them.json", b"[]")
    return out.getvalue()


REFUSALS = [
    ("not a zip", lambda d: b"PK\x03\x04 hong", "không phải gói trao đổi"),
    ("tampered part", _figures_changed, "phần 'figures.json' của gói không khớp"),
    ("tampered manifest", lambda d: _rezip(d, {"manifest.json": json.dumps(
        {**_manifest(d), "period": {"key": "2025"}}).encode()}), "chữ ký của gói không đúng"),
    ("a part added", _added,
     "phần 'them.json' của gói không khớp"),
    ("wrong schema", lambda d: _resigned(d, schema="theodoi.exchange/9"),
     "mẫu 'theodoi.exchange/9' không dùng được"),
    ("unknown unit", lambda d: _resigned(d, unit={"code": "xa-la", "name": "Xã Lạ"}),
     "gói của đơn vị 'Xã Lạ' \\(mã xa-la\\) không thuộc"),
]


@pytest.mark.parametrize(("case", "spoil", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_spoiled_package_is_refused_and_nothing_is_written(
        commune: Settings, province: Settings, case: str, spoil: Any, message: str) -> None:
    before = _counts(province)
    with pytest.raises(BadInput, match=message):
        _import(province, spoil(_export(commune)))
    assert _counts(province) == before


def test_a_package_signed_with_another_key_is_refused(commune: Settings,
                                                      province: Settings) -> None:
    with uow.transaction(province) as s:
        keys.register(s, None, units.find(s, A).id, "cd" * 32)
    with pytest.raises(BadInput, match="chữ ký của gói không đúng"):
        _import(province, _export(commune))
    assert _counts(province)["ExchangeImport"] == 0


def test_a_commune_whose_key_the_province_has_not_registered_is_refused(
        commune: Settings, province: Settings) -> None:
    with uow.transaction(province) as s:
        units.create(s, "Xã Bình Minh", parent="tinh-mau", code="xa-binh-minh")
    data = _resigned(_export(commune), unit={"code": "xa-binh-minh", "name": "Xã Bình Minh"})
    with pytest.raises(BadInput, match="chưa đăng ký khóa trao đổi của Xã Bình Minh"):
        _import(province, data)


def test_a_unit_not_under_the_importing_unit_is_refused(commune: Settings,
                                                        province: Settings) -> None:
    with uow.transaction(province) as s:
        units.create(s, "Tỉnh Khác", level="tinh", code="tinh-khac")
        province_id = units.find(s, "tinh-khac").id
    data = _export(commune)
    with pytest.raises(BadInput, match="không thuộc các đơn vị đã đăng ký dưới Tỉnh Khác"), \
            uow.transaction(province) as s:
        importing.import_package(s, None, province_id, data, max_bytes=LIMIT, now=LATER)


def test_a_package_failing_half_way_leaves_nothing(commune: Settings,
                                                   province: Settings) -> None:
    """Signed and listed right, but a figure names a target the package does not hold:
    the plan and targets already added in the transaction go with the refusal."""
    data = _export(commune)
    figures = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("figures.json"))
    figures.append({**figures[0], "id": 999, "target": 424242})
    part = json.dumps(figures).encode()
    parts = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))["parts"]
    spoiled = _resigned(_rezip(data, {"figures.json": part}),
                        parts={**parts, "figures.json": hashlib.sha256(part).hexdigest()})
    before = _counts(province)
    with pytest.raises(BadInput, match="nội dung gói không đúng mẫu"):
        _import(province, spoiled)
    assert _counts(province) == before


def test_a_commune_without_a_key_cannot_export(commune: Settings) -> None:
    with uow.transaction(commune) as s:
        units.create(s, "Xã Bình Minh", parent="tinh-mau")
        with pytest.raises(BadInput, match="Xã Bình Minh chưa có khóa trao đổi"):
            export.export(s, None, units.find(s, "Xã Bình Minh").id, "2026", FIRST)


def test_a_key_must_be_64_hex_digits(commune: Settings) -> None:
    with uow.transaction(commune) as s, \
            pytest.raises(BadInput, match="64 chữ số thập lục phân"):
        keys.register(s, None, units.find(s, A).id, "khóa bí mật")


def test_the_manifest_counts_and_lists_each_part(commune: Settings) -> None:
    data = _export(commune)
    manifest = _manifest(data)
    assert manifest["schema"] == "theodoi.exchange/1"
    assert manifest["unit"] == {"code": CODE, "name": A, "level": "xa"}
    assert manifest["period"]["key"] == "2026"
    assert manifest["counts"] == {"plans": 1, "targets": 3, "tasks": 3, "figures": 2,
                                  "reports": 1}
    z = zipfile.ZipFile(io.BytesIO(data))
    listed = {n for n in z.namelist() if n not in ("manifest.json", "signature.json")}
    assert set(manifest["parts"]) == listed
    assert all(hashlib.sha256(z.read(n)).hexdigest() == manifest["parts"][n] for n in listed)


def test_a_period_takes_only_its_figures(commune: Settings, province: Settings) -> None:
    result = _import(province, _export(commune, "Q2/2026"))
    assert result["changes"]["figure_added"] == 1
    assert _current(province) == {"Tỷ lệ hộ|2026-Q2": 1.5}


def test_a_package_brought_back_to_the_installation_that_made_it_is_refused(
        commune: Settings) -> None:
    """The commune's own installation also holds its province: importing its package
    there would double the plan it already has; refused, nothing written."""
    data = _export(commune)
    with uow.transaction(commune) as s:
        assert _manifest(data)["installation"] == identity.installation_id(s)
    before = {"Plan": 1, "Target": 3, "Task": 3, "ProgressRecord": 2, "OutgoingDocument": 1,
              "ExchangeImport": 0}
    assert _counts(commune) == before
    with pytest.raises(BadInput, match="do chính hệ thống theodoi này xuất"):
        _import(commune, data)
    assert _counts(commune) == before


def test_a_package_from_a_copy_of_the_same_database_is_taken_in(
        commune: Settings, province: Settings) -> None:
    """The province's database was copied from the commune's (the same installation id):
    the commune's plans are not in it, so its package is no plan brought back."""
    with uow.transaction(commune) as s:
        mine = identity.installation_id(s)
    with uow.transaction(province) as s:
        identity.installation_id(s)
        s.execute(update(Installation).values(installation_id=mine))
    assert _import(province, _export(commune))["state"] == "da_nhap"
    assert _counts(province)["Plan"] == 1
    # the same package once more is the same package, whatever the ids
    assert _import(province, _export(commune))["state"] == "da_nhap_truoc"


def test_each_installation_keeps_one_id(commune: Settings, province: Settings) -> None:
    with uow.transaction(commune) as s:
        mine = identity.installation_id(s)
    with uow.transaction(commune) as s:
        assert identity.installation_id(s) == mine
    with uow.transaction(province) as s:
        assert identity.installation_id(s) != mine
    assert _manifest(_export(commune))["installation"] == mine


def test_an_updated_package_updates_the_same_plan_and_targets(commune: Settings,
                                                              province: Settings) -> None:
    """The commune corrects its plan's title and a target's goal, then sends the period
    again: the province's copy is updated in place, nothing is added twice."""
    _import(province, _export(commune))
    before = _counts(province)
    with uow.transaction(commune) as s:
        plan = s.scalars(select(Plan)).one()
        plan.title = "Kế hoạch phát triển kinh tế - xã hội năm 2026 (điều chỉnh)"
        income = s.scalars(select(Target).where(Target.indicator.like("Thu nhập%"))).one()
        income.value = 95.0
    result = _import(province, _export(commune, now=LATER))
    assert result["changes"] == {"plan_updated": 1, "target_updated": 1}
    assert _counts(province) == {**before, "ExchangeImport": before["ExchangeImport"] + 1}
    with uow.transaction(province) as s:
        assert s.scalars(select(Plan)).one().title.endswith("(điều chỉnh)")
        income = s.scalars(select(Target).where(Target.indicator.like("Thu nhập%"))).one()
        assert income.value == 95.0


def test_a_figure_of_a_period_locked_here_is_held_for_the_office(
        commune: Settings, province: Settings) -> None:
    """The province locked Xã An Bình's year 2026 after the first package; the commune
    then corrects its 2026 income 70 → 75. The newer package writes nothing of 2026: the
    75 waits in the unit's "Số liệu chờ xác nhận"; the same package again adds nothing."""
    _import(province, _export(commune))
    with uow.transaction(province) as s:
        s.add(PeriodLock(unit_id=units.find(s, A).id, period_key="2026", state="locked",
                         on=date(2026, 7, 15), by="vptinh", reason="báo cáo năm"))
    with uow.transaction(commune) as s:
        income = s.scalars(select(Target).where(Target.indicator.like("Thu nhập%"))).one()
        records.record_progress(s, f"t{income.id}", "2026", "75")
    newer = _export(commune, now=LATER)
    result = _import(province, newer)
    assert result["changes"] == {"figure_held": 1}
    assert result["summary"] == "đã nhập: 1 số liệu của kỳ đã chốt, chờ xác nhận"
    assert _current(province) == {"Thu nhập bình|2026": 70.0, "Tỷ lệ hộ|2026-Q2": 1.5}
    with uow.transaction(province) as s:
        held = s.scalars(select(FigureSubmission)).one()
        assert (held.period_key, held.value, held.value_text, held.state, held.sent_by) == (
            "2026", 75.0, "75", "cho_xac_nhan", f"gói trao đổi từ {CODE}")
    assert _import(province, newer)["state"] == "da_nhap_truoc"
    later = _export(commune, now=datetime(2026, 7, 25, 8, 0))  # the same figures again
    assert _import(province, later)["changes"] == {}
    with uow.transaction(province) as s:
        assert s.scalar(select(func.count()).select_from(FigureSubmission)) == 1


def test_a_figure_breaking_the_rules_of_a_figure_typed_here_is_refused(
        commune: Settings, province: Settings) -> None:
    """A whole (x/y) for a target that is a plain number: refused in words, nothing in."""
    data = _export(commune)
    figures = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("figures.json"))
    figures[0]["value_of"] = 4.0
    part = json.dumps(figures).encode()
    parts = _manifest(data)["parts"]
    spoiled = _resigned(_rezip(data, {"figures.json": part}),
                        parts={**parts, "figures.json": hashlib.sha256(part).hexdigest()})
    before = _counts(province)
    with pytest.raises(BadInput, match=r"không hợp lệ ở đây: .*x/y"):
        _import(province, spoiled)
    assert _counts(province) == before
