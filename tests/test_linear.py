"""Worst-case inputs finish: every case of benchmarks/linear.py, a 1,000,000-character line and
ten thousand numbered items, parsed in a subprocess with a generous timeout (a hang detector;
benchmarks/linear.py measures the growth)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Cases whose time grows faster than linearly today (benchmarks/linear.py prints the ratios;
# growth is measured there, never in a timed test); they run at a size where even quadratic
# time ends quickly.
KNOWN_SUPER_LINEAR: set[str] = set()

SCRIPT = """
import sys, time
sys.path.insert(0, {bench!r})
import zhengce
from linear import CASES, _items
size, small = int(sys.argv[1]), int(sys.argv[2])
known = set(sys.argv[3].split("|"))
for name, make in CASES.items():
    doc = zhengce.parse(make(small if name in known else size))
    print(name, len(doc.sections), len(doc.targets), flush=True)
line = ("科技服务业" + "1234567890" + "〔〔〔、、、第第第" + "一、（一）") * (1_000_000 // 25)
assert len(line) >= 1_000_000 and "\\n" not in line
zhengce.parse(line)
print("1,000,000-character line", flush=True)
items = "".join(f"{{i}}. 第{{i}}项任务，完成{{i}}%。\\n" for i in range(1, 10_001))
doc = zhengce.parse(items)
print("10,000 numbered items", len(doc.walk_sections()), flush=True)
"""


def test_worst_cases_finish() -> None:
    script = SCRIPT.format(bench=str(ROOT / "benchmarks"))
    try:
        result = subprocess.run(
            [sys.executable, "-c", script, "200000", "5000", "|".join(KNOWN_SUPER_LINEAR)],
            capture_output=True, text=True, timeout=240,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"parse hung on a worst case; finished: {exc.stdout!r}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "10,000 numbered items" in result.stdout
