"""Vocabulary files under ``zhengce/data``, loaded once on first use."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Parse ``zhengce/data/NAME`` (cached: each file is read once per process)."""
    data = resources.files("zhengce").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(data)
