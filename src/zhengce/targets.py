"""Quantities -> Target records (the quantitative-targets stage)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .models import Diagnostic, Section, Target


def find_targets(
    text: str, *, sections: Sequence[Section] = (), date: dt.date | None = None
) -> tuple[list[Target], list[Diagnostic]]:
    """Find the quantitative targets stated in ``text`` (not yet implemented: none)."""
    return [], []


def extract_targets(text: str, *, date: dt.date | None = None) -> list[Target]:
    """The targets stated in a single paragraph or sentence."""
    return find_targets(text, date=date)[0]
