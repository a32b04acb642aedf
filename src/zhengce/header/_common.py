"""What the header modules share: the vocabulary, the line context, small helpers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex as re

from ..models import Diagnostic
from ..source import Line
from ..vocab import load_toml

D = "[0-9０-９]"
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Vocab:
    doc_types: tuple[str, ...]
    aliases: dict[str, str]
    body_type: tuple[re.Pattern[str], ...]
    body_notice: tuple[re.Pattern[str], ...]
    org_suffixes: frozenset[str]
    metadata_labels: frozenset[str]
    metadata: re.Pattern[str]
    noise: re.Pattern[str]


@cache
def vocab() -> Vocab:
    """The header vocabulary of ``data/header.toml``, compiled once."""
    data = load_toml("header.toml")
    kinds = [*data["doc_types"], *data["doc_type_aliases"]]
    return Vocab(
        doc_types=tuple(sorted(kinds, key=len, reverse=True)),
        aliases=dict(data["doc_type_aliases"]),
        body_type=tuple(re.compile(p) for p in data["body_type"]["patterns"]),
        body_notice=tuple(re.compile(p) for p in data["body_type"]["notice_patterns"]),
        org_suffixes=frozenset(data["org_suffixes"]),
        metadata_labels=frozenset(data["metadata_labels"]),
        metadata=re.compile(
            r"^\s*(?:"
            + "|".join(re.escape(w) for w in sorted(data["metadata_labels"], key=len, reverse=True))
            + r")\s*[：:]"
        ),
        noise=re.compile("|".join(f"(?:{p})" for p in data["noise_line_patterns"])),
    )


@dataclass
class Ctx:
    text: str
    lines: list[Line]  # non-empty, non-noise lines
    diagnostics: list[Diagnostic]


def is_org(name: str) -> bool:
    name = name.strip()
    return len(name) >= 2 and name[-1] in vocab().org_suffixes


def flat(
    fields: dict[str, object], name: str, raw: str, start: int, *, value: object = None
) -> None:
    fields[name] = raw if value is None else value
    fields[f"{name}_raw"] = raw
    fields[f"{name}_span"] = (start, start + len(raw))


def to_int(digits: str) -> int:
    return int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def spaced_out(text: str) -> bool:
    """Whether ``text`` is letter-spaced ("国 务 院 关 于"): mostly one-character tokens."""
    tokens = text.split()
    return len(tokens) >= 2 and sum(len(t) == 1 for t in tokens) >= 0.6 * len(tokens)
