"""The header patterns compiled with the stdlib ``re`` match exactly as ``regex`` would.

``compile_re`` compiles the noise and metadata patterns of ``data/header.toml`` for
the stdlib engine; each is checked beside the same text compiled with ``regex``,
pattern by pattern and combined, on every line of the corpus and fixtures and on
generated lines made of the characters the patterns look at.
"""

from __future__ import annotations

import re._constants as sre
import re._parser as sre_parse
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from _corpus import CORPUS, RAW, ROOT
from zhengce._re import compile_re
from zhengce.header._common import is_noise, vocab
from zhengce.targets import lexicon
from zhengce.vocab import load_toml

DATA = load_toml("header.toml")
NOISE = list(DATA["noise_line_patterns"])


def _metadata_text() -> str:
    labels = sorted(DATA["metadata_labels"], key=len, reverse=True)
    return r"^\s*(?:" + "|".join(regex.escape(w) for w in labels) + r")\s*[：:]"


# (id, pattern text) for every pattern compiled with ``compile_re`` in the header stage
PATTERNS = [
    *((f"noise[{i}]", p) for i, p in enumerate(NOISE)),
    ("noise", "|".join(f"(?:{p})" for p in NOISE)),
    ("metadata", _metadata_text()),
]


def _lines() -> list[str]:
    files = [*sorted(CORPUS.glob("*.txt")), *sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))]
    if RAW.is_dir():
        files += sorted(RAW.glob("*.txt"))
    lines: list[str] = []
    for path in files:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        for line in text.splitlines():
            lines += [line, line.strip()]
    return lines


LINES = _lines()

# Generated lines: the characters the patterns name, every kind of space (the
# stdlib's \s also takes \x1c-\x1f, regex's does not), and a few others.
ALPHABET = sorted(
    {c for _, p in PATTERNS for c in p if not c.isascii() or c in "-<>!:[]"}
    | set("\t\n\x0b\x0c\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u200b\u2028\u3000")
    | set("0123456789ab.-")
)


def _results(pattern: Any, text: str) -> list[object]:
    out: list[object] = []
    for start in range(len(text) + 1):
        s = pattern.search(text, start)
        m = pattern.match(text, start)
        out.append((s and (s.span(), s.groups()), m and (m.span(), m.groups())))
    return out


@pytest.mark.parametrize(("name", "text"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_same_matches_as_regex_on_corpus_lines(name: str, text: str) -> None:
    std, rx = compile_re(text), regex.compile(text)
    for line in LINES:
        s, r = std.search(line), rx.search(line)
        assert (s and (s.span(), s.groups())) == (r and (r.span(), r.groups())), (name, line)


@pytest.mark.parametrize(("name", "text"), PATTERNS, ids=[name for name, _ in PATTERNS])
@settings(max_examples=300, deadline=None)
@given(line=st.text(alphabet=ALPHABET, max_size=30))
def test_same_matches_as_regex_on_generated_lines(name: str, text: str, line: str) -> None:
    assert _results(compile_re(text), line) == _results(regex.compile(text), line)


@pytest.mark.parametrize(
    "line",
    [
        "朗读",
        "【字体：大 中 小】",
        "分享到：微信",
        "【法宝引证码】CLI.4.123",
        "原文链接：http://www.gov.cn",
        "首页 > 政策",
        "当前位置：\u3000首页 \u203a",
        "作者：办公厅 来源：省政府 浏览：12",
        "发表于 2021-3-15",
        "页：[1]",
        "<!-- 正文 -->",
    ],
)
def test_noise_examples_match_in_both_engines(line: str) -> None:
    text = dict(PATTERNS)["noise"]
    assert compile_re(text).search(line) is not None
    assert regex.compile(text).search(line) is not None


REGEX_NOISE = regex.compile(dict(PATTERNS)["noise"])


def test_is_noise_is_a_search_of_the_noise_patterns_on_corpus_lines() -> None:
    for line in LINES:
        assert is_noise(line) == (REGEX_NOISE.search(line) is not None), line


@settings(max_examples=2000, deadline=None)
@given(line=st.text(alphabet=ALPHABET, max_size=40))
def test_is_noise_is_a_search_of_the_noise_patterns_on_generated_lines(line: str) -> None:
    for start in (0, 1, 3):
        assert is_noise(line[start:]) == (REGEX_NOISE.search(line[start:]) is not None)


@pytest.mark.parametrize("text", [p for p in NOISE if p.startswith("^")])
def test_noise_patterns_beginning_with_a_caret_are_anchored_as_a_whole(text: str) -> None:
    """No top-level | in a pattern that ``is_noise`` tries at the start of a line only."""
    parsed = sre_parse.parse(text)
    assert parsed[0] == (sre.AT, sre.AT_BEGINNING)


def test_the_stage_compiles_these_texts() -> None:
    """The compiled metadata pattern of the stage is the text checked above, for ``re``."""
    assert vocab().metadata.pattern == compile_re(dict(PATTERNS)["metadata"]).pattern


def test_compile_re_stays_importable_from_the_lexicon() -> None:
    assert lexicon.compile_re is compile_re
