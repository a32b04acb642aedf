"""Rewrites of the target stage's patterns and scans for speed give what the plain versions
give: each plain version is kept here, and compared over the corpus and generated text."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.targets import lexicon as lexicon_module
from zhengce.targets.lexicon import lexicon, load_data

ROOT = Path(__file__).resolve().parents[1]
RAW = Path("/work/shared/corpus/raw")


@cache
def corpus_texts() -> list[str]:
    paths = sorted((ROOT / "corpus").glob("*.txt")) + sorted(RAW.glob("*.txt"))
    paths += sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    texts = []
    for path in paths:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # fixtures in other encodings: the corpus covers the patterns
    return texts


# ---- lexicon().quantity -------------------------------------------------------------------
# The pattern as first written: units as one flat alternation, the plain AR_NUM and NUM.
_PLAIN_SEC = (
    r"(?:[一二两三四五六七八九]千(?:零?[一二两三四五六七八九]百)?(?:零?[一二两三四五六七八九]十)?"
    r"(?:零?[一二两三四五六七八九])?"
    r"|[一二两三四五六七八九]百(?:零?[一二两三四五六七八九]十)?(?:零?[一二两三四五六七八九])?"
    r"|[一二两三四五六七八九]?十[一二两三四五六七八九]?"
    r"|[一二两三四五六七八九])"
)
_PLAIN_CN_CORE = rf"(?:{_PLAIN_SEC}(?:点[零〇一二三四五六七八九]+)?(?:(?:万亿|亿|万){_PLAIN_SEC}?)*)"
_PLAIN_CN_NUM = rf"(?<![第统唯之同单其逐进某任周星初每万]){_PLAIN_CN_CORE}"


@cache
def plain_quantity() -> re.Pattern[str]:
    ar, mag = lexicon_module.AR, lexicon_module.MAG
    ar_num = rf"{ar}(?:{mag}(?:{ar}(?![0-9０-９]))?)?"
    num = rf"(?:{ar_num}|{_PLAIN_CN_NUM}|{lexicon_module.BARE})"
    units_data = load_data("units.toml")
    guards = {str(k): str(v) for k, v in dict(units_data.pop("guards", {})).items()}  # type: ignore[call-overload]
    units = [str(u) for table in units_data.values() for u in table["units"]]  # type: ignore[index]
    infix = [str(w) for w in load_data("comparators.toml")["infix"]]  # type: ignore[union-attr]
    unit_alt = "|".join(
        regex.escape(u) + (f"(?!{guards[u]})" if u in guards else "")
        for u in sorted(units, key=lambda w: (-len(w), w))
    )
    unit = rf"(?:{unit_alt})(?:/(?:万|千|百|亿)?(?:{unit_alt}|年|日|天|月|人口))?(?![A-Za-z0-9])"
    infix_alt = "|".join(regex.escape(w) for w in sorted(set(infix), key=lambda w: (-len(w), w)))
    return re.compile(
        rf"""
        (?=[0-9０-９一二两三四五六七八九十百千万亿翻])
        (?<![0-9０-９.．A-Za-z第/“"])
        (?:
            (?P<pct>(?P<pct_kind>百分之|千分之)(?P<pct_num>{ar}|{_PLAIN_CN_CORE}))
          | (?P<half>一半)
          | (?P<fan>翻(?P<fan_n>[一两二三四])番)
          | (?P<cheng>(?P<cheng_n>[一二三四五六七八九])成)(?=以上|以下|左右|[，。；、,]|$)
          | (?P<num>{num})
            (?:(?P<unit1>[%％])?[ \u3000]?{lexicon_module.RANGE_SEP}[ \u3000]?
               (?P<num2>{ar_num}|{_PLAIN_CN_NUM}))?
            (?P<infix>{infix_alt})?
            [ \u3000]?
            (?P<unit>{unit})
        )
        """,
        re.VERBOSE,
    )


def _found(matches: Any) -> list[tuple[Any, ...]]:
    return [(m.regs, tuple(sorted(m.groupdict().items()))) for m in matches]


def test_quantity_pattern_finds_what_the_plain_pattern_finds_in_the_corpus() -> None:
    quantity, plain = lexicon().quantity, plain_quantity()
    for text in corpus_texts():
        assert _found(quantity.finditer(text)) == _found(plain.finditer(text))


def _quantity_pieces() -> list[str]:
    units = sorted(lexicon().units)
    return [
        *units, *units[::7], *"0123456789０５.．,，%％ 　一二两三四五六七八九十百千万亿零〇点翻番成半",
        *"第统每之/“\"-—~至到余多来以上下左右，。；、年月日人口AaZz示全会代党",
        "百分之", "千分之", "一半", "个百分点", "万亿", "1,000", "1，000", "3万4000", "十二点五",
        "两千五百", "一百零五", "达到", "超过", "突破", "逾", "近", "上", "万吨/年", "人/万人",
    ]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_quantity_pieces()), st.text(max_size=2)), max_size=24))
def test_quantity_pattern_finds_what_the_plain_pattern_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _found(lexicon().quantity.finditer(text)) == _found(plain_quantity().finditer(text))


@pytest.mark.parametrize(
    "text",
    ["2021年", "150亿元", "3万4000人", "1,000,00吨", "12.5%", "十二点五亿元", "两千五百万人次",
     "一百零五个", "十一个百分点", "百分之十二", "达到万家", "3-5个", "10余家", "5G", "20多TB"],
)  # fmt: skip
def test_quantity_pattern_examples_match_the_plain_pattern(text: str) -> None:
    assert _found(lexicon().quantity.finditer(text)) == _found(plain_quantity().finditer(text))
