"""The demo's units below the commune (issue 22 item 4 done-when): Thị trấn Cổ Lễ's tổ dân
phố get its "Có 4/9 tổ dân phố đạt nông thôn mới kiểu mẫu" split into their own targets,
two are met, and the commune's roll-up says 2 of 5; a second run makes nothing twice."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.cli.test_register_cli import theodoi
from theodoi.services.demo.sample_below import TDPS


def test_the_demo_splits_a_commune_target_into_its_tdps(settings_env: str,
                                                        capsys: Any) -> None:
    code, out, err = theodoi(capsys, "demo", "--as-of", "2026-07-15")
    assert code == 0, err
    found = re.search(r"Cấp dưới xã mẫu: chỉ tiêu (t\d+) giao cho 5 tổ dân phố \(5 vừa tạo\), "
                      r"2 tổ đã đạt", out)
    assert found, out
    code, out, _ = theodoi(capsys, "links", "rollup", found.group(1), "--as-of",
                           "2026-07-15", "--format", "json")
    group = json.loads(out)
    assert sorted(r["unit"] for r in group["rows"]) == sorted(TDPS)
    # Trần Phú and Việt Cường recorded "đạt" for Q2/2026 (the last quarter ended)
    assert (group["method"], group["aggregate"]["counted"], group["aggregate"]["of"]) == (
        "count", 2, 5)
    assert {r["unit"]: r["value"] for r in group["rows"]}["Tổ dân phố Trần Phú"] == 1.0
    assert group["upper"]["unit"] == "Thị trấn Cổ Lễ"
    code, out, _ = theodoi(capsys, "demo", "--as-of", "2026-07-20")
    assert code == 0 and "Cấp dưới xã mẫu" not in out  # nothing split twice
    code, out, _ = theodoi(capsys, "links", "rollup", found.group(1), "--format", "json")
    assert len(json.loads(out)["rows"]) == 5
