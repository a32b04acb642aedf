"""Integrity of the target vocabulary in src/zhengce/data/, and jieba staying unloaded."""

from __future__ import annotations

import itertools
import subprocess
import sys
import tomllib
from importlib import resources

import pytest

from zhengce.targets.lexicon import lexicon, load_data

COMPARATORS = {"=", ">", ">=", "<", "<=", "~"}


@pytest.mark.parametrize(
    "name", ["units.toml", "comparators.toml", "vocabulary.toml", "periods.toml"]
)
def test_data_file_says_where_entries_come_from(name: str) -> None:
    text = resources.files("zhengce").joinpath("data", name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name} must open with a comment naming its sources"
    tomllib.loads(text)


def test_units_are_unique_and_not_magnitudes() -> None:
    data = load_data("units.toml")
    seen: dict[str, str] = {}
    for kind, table in data.items():
        if kind == "guards":
            continue
        assert isinstance(table, dict)
        for unit in table["units"]:
            assert unit not in seen, f"{unit} in both {seen.get(unit)} and {kind}"
            assert unit not in {"万", "亿", "万亿", "千万", "百万"}
            assert unit.strip() == unit and unit
            seen[unit] = kind
    for unit in ("%", "个百分点", "元", "千瓦", "平方米", "家", "吨标准煤"):
        assert unit in seen


def test_comparators_map_to_the_six_relations() -> None:
    lex = lexicon()
    tables = (lex.pre_comparators, lex.post_comparators, lex.infix_comparators)
    for table in (*tables, lex.sign_comparators):
        assert set(table.values()) <= COMPARATORS
    assert lex.post_comparators["以上"] == ">="  # PRC usage: 以上 includes the number
    assert lex.post_comparators["以内"] == "<="


def test_plan_periods_are_five_years_and_contiguous() -> None:
    periods = sorted(lexicon().periods.values())
    for (start, end), (next_start, _) in itertools.pairwise(periods):
        assert end - start == 4
        assert next_start == end + 1
    assert lexicon().periods["十四五"] == (2021, 2025)


def test_vocabulary_lists_are_non_empty_without_duplicates() -> None:
    data = load_data("vocabulary.toml")
    for name, table in data.items():
        assert isinstance(table, dict)
        words = table["words"]
        assert words, name
        assert all(isinstance(w, str) and w.strip() == w and w for w in words), name


def test_words_fit_the_look_back_window() -> None:
    """reading.py searches only a window before a position for a word ending there."""
    from zhengce.targets.reading import WORD_LIMIT

    lex = lexicon()
    every = [w for ws in lex.words.values() for w in ws]
    every += [*lex.pre_comparators, *lex.post_comparators, *lex.periods]
    too_long = [w for w in every if len(w) >= WORD_LIMIT]
    assert not too_long


def _run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.strip()


def test_import_does_not_load_jieba() -> None:
    assert _run("import sys, zhengce; print('jieba' in sys.modules)") == "False"


def test_document_without_quantities_does_not_load_jieba() -> None:
    code = (
        "import sys, zhengce\n"
        "doc = zhengce.parse('国务院办公厅关于加强工作的通知\\n一、总体要求\\n统一思想，提高认识。\\n')\n"
        "print(len(doc.targets), 'jieba' in sys.modules)"
    )
    assert _run(code) == "0 False"
