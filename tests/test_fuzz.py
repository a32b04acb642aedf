"""A few hundred inputs of benchmarks/fuzz.py: each ends as a Document or a ZhengceError."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import fuzz


def test_fuzz_sample() -> None:
    failures = fuzz.run(300, seed=20240601)
    assert not failures, failures[0]
