"""The annotated corpus for the tests: paths, names, and each document parsed once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import zhengce
from zhengce.models import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"
RAW = Path("/work/shared/corpus/raw")


def corpus_names() -> list[str]:
    """Every corpus document that has a gold file, in name order."""
    return sorted(p.name[: -len(".gold.json")] for p in CORPUS.glob("*.gold.json"))


@cache
def parsed(name: str) -> Document:
    """``corpus/NAME.txt`` parsed once per session."""
    return zhengce.parse_file(CORPUS / f"{name}.txt")


def corpus_text(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
