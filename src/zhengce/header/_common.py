"""What the header modules share: the vocabulary, the line context, small helpers."""

from __future__ import annotations

import re as std_re
from dataclasses import dataclass
from functools import cache, cached_property

import regex as re

from .._re import compile_re
from ..models import Diagnostic
from ..source import Line
from ..vocab import load_toml

D = "[0-9０-９]"
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Vocab:
    doc_types: tuple[str, ...]
    aliases: dict[str, str]
    body_type_patterns: tuple[str, ...]
    body_notice_patterns: tuple[str, ...]
    org_suffixes: frozenset[str]
    metadata_labels: frozenset[str]
    # The patterns asked of every line need nothing of ``regex``: compiled with the
    # stdlib ``re`` (same matches, a test compares them with ``regex``'s).
    metadata: std_re.Pattern[str]
    # The noise lines: the patterns anchored with ^ are tried at the start of a line
    # only, the others searched for (re skips to their literal first characters):
    # 0.46 µs a line, where the one alternation took 1.1 µs with ``regex``.
    noise_at_start: std_re.Pattern[str]
    noise_anywhere: std_re.Pattern[str] | None

    # Asked only of a text whose title names no kind: compiled on first use.
    @cached_property
    def body_type(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.body_type_patterns)

    @cached_property
    def body_notice(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.body_notice_patterns)


@cache
def vocab() -> Vocab:
    """The header vocabulary of ``data/header.toml``, compiled once."""
    data = load_toml("header.toml")
    kinds = [*data["doc_types"], *data["doc_type_aliases"]]
    # A pattern that begins with ^ holds no top-level | (a test checks it), so it
    # can match only at the start of a line.
    noise = list(data["noise_line_patterns"])
    anywhere = [p for p in noise if not p.startswith("^")]
    return Vocab(
        doc_types=tuple(sorted(kinds, key=len, reverse=True)),
        aliases=dict(data["doc_type_aliases"]),
        body_type_patterns=tuple(data["body_type"]["patterns"]),
        body_notice_patterns=tuple(data["body_type"]["notice_patterns"]),
        org_suffixes=frozenset(data["org_suffixes"]),
        metadata_labels=frozenset(data["metadata_labels"]),
        metadata=compile_re(
            r"^\s*(?:"
            + "|".join(re.escape(w) for w in sorted(data["metadata_labels"], key=len, reverse=True))
            + r")\s*[：:]"
        ),
        noise_at_start=compile_re("|".join(f"(?:{p})" for p in noise if p.startswith("^"))),
        noise_anywhere=(
            compile_re("|".join(f"(?:{p})" for p in anywhere)) if anywhere else None
        ),
    )


def is_noise(line: str) -> bool:
    """Whether ``line`` matches one of the ``noise_line_patterns`` of ``data/header.toml``."""
    words = vocab()
    if words.noise_at_start.match(line):
        return True
    return words.noise_anywhere is not None and words.noise_anywhere.search(line) is not None


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
