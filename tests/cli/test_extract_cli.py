"""The `theodoi extract` command: formats, exit codes, batch with a bad file in it."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

SEED = sorted(SAMPLES.glob("*.txt"))[0]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script exactly as a user would."""
    exe = Path(sys.executable).with_name("theodoi")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def test_json_output_follows_the_contract() -> None:
    proc = run("extract", str(SEED), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema"] == "theodoi.extraction/1.1"
    assert data["source"]["name"] == SEED.name
    nfc_text = unicodedata.normalize("NFC", SEED.read_text(encoding="utf-8"))
    assert data["source"]["chars"] == len(nfc_text)
    assert set(data) >= {"document", "outline", "targets", "tasks", "warnings"}
    assert proc.returncode == (1 if data["warnings"] else 0)


def test_text_prints_exactly_the_text_spans_point_into() -> None:
    proc = run("extract", str(SEED), "--text")
    data = json.loads(run("extract", str(SEED)).stdout)
    assert len(proc.stdout) == data["source"]["chars"]
    for item in data["targets"] + data["tasks"]:
        start, end = item["span"]
        assert " ".join(proc.stdout[start:end].split()) == " ".join(item["text"].split())


def test_summary_is_for_people() -> None:
    proc = run("extract", str(SEED), "--format", "summary")
    assert proc.returncode in (0, 1)
    assert "chỉ tiêu" in proc.stdout and "nhiệm vụ" in proc.stdout
    assert not proc.stdout.lstrip().startswith("{")


def test_summary_names_the_movement_a_plan_launches() -> None:
    proc = run("extract", str(SEED.parent / "002_d2b9d9a47977116e.txt"), "--format", "summary")
    assert proc.returncode in (0, 1)
    # sample 002: 2 criteria for collectives and 5 for individuals; giấy khen of the town's
    # chairman, giấy khen and chiến sĩ thi đua cơ sở proposed to the district; 4 papers
    assert ("Phát động: Phong trào thi đua thực hiện nhiệm vụ công tác Cải cách hành chính "
            "thị trấn Cổ Lễ năm 2024 — 7 tiêu chuẩn, 3 hình thức khen thưởng, 4 loại hồ sơ; "
            "hồ sơ gửi UBND thị trấn trước 10/11/2024") in " ".join(proc.stdout.split())


def test_missing_file_is_exit_2_with_one_vietnamese_line(tmp_path: Path) -> None:
    proc = run("extract", str(tmp_path / "khong-co.docx"))
    assert proc.returncode == 2
    assert "không tìm thấy tệp" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_folder_without_out_is_bad_input(tmp_path: Path) -> None:
    proc = run("extract", str(tmp_path))
    assert proc.returncode == 2
    assert "--out" in proc.stderr


def test_batch_goes_on_past_a_bad_file_and_summarises(tmp_path: Path) -> None:
    docs = tmp_path / "in"
    docs.mkdir()
    for seed in sorted(SAMPLES.glob("*.txt"))[:2]:
        (docs / seed.name).write_bytes(seed.read_bytes())
    (docs / "hong.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    out = tmp_path / "out"
    proc = run("extract", str(docs), "--out", str(out))
    assert proc.returncode == 2, "a failed file makes the batch exit 2"
    assert sorted(p.name for p in out.glob("*.json")) == sorted(
        p.stem + ".json" for p in docs.glob("*.txt"))
    assert "hong.pdf" in proc.stdout and "1 lỗi" in proc.stdout
    assert "tệp ảnh" in proc.stdout


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_results_do_not_depend_on_worker_count(tmp_path: Path, workers: str) -> None:
    import os

    out = tmp_path / "out"
    env = {**os.environ, "THEODOI_WORKERS": workers}
    exe = Path(sys.executable).with_name("theodoi")
    proc = subprocess.run([str(exe), "extract", str(SAMPLES), "--out", str(out)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    for seed in SAMPLES.glob("*.txt"):
        single = json.loads(run("extract", str(seed)).stdout)
        batch = json.loads((out / f"{seed.stem}.json").read_text(encoding="utf-8"))
        assert batch == single
