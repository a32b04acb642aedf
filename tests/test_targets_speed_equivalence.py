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


# ---- layout -------------------------------------------------------------------------------
def plain_blocks_of(text: str) -> list[tuple[Any, ...]]:
    """``blocks_of`` as first written: a line at a time, every line tried against MARKER."""
    from zhengce.targets import layout

    blocks: list[list[Any]] = []
    pos, n = 0, len(text)
    current: list[Any] | None = None
    while pos < n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        line = text[pos:line_end]
        if line and not line.isspace():
            m = layout.MARKER.match(line)
            marker = m.group("marker") if m else None
            starts_new = (
                current is None
                or marker is not None
                or text[current[0] : current[1]].rstrip()[-1:] in layout._STOPS
                or (current[2] is not None and current[4] is not None and current[1] - current[0] <= 40)
            )
            if starts_new:
                heading = None
                if m is not None:
                    after = line[m.end() :]
                    stop = layout._HEADING_END.search(after)
                    head = (after[: stop.start()] if stop else after).strip()
                    heading = head if 0 < len(head) <= 50 else None
                kind = layout._kind(marker) if marker else None
                current = [pos, line_end, marker, kind, heading]
                blocks.append(current)
            else:
                assert current is not None
                current[1] = line_end
        elif current is not None:
            current = None
        pos = line_end + 1
    return [tuple(b) for b in blocks]


def plain_split(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``_split`` as first written: brackets counted between ends with ``str.count``."""
    out: list[tuple[int, int]] = []
    s = counted = start
    open_ = 0
    for m in pattern.finditer(text, start, end):
        open_ += text.count("（", counted, m.start()) + text.count("(", counted, m.start())
        open_ -= text.count("）", counted, m.start()) + text.count(")", counted, m.start())
        counted = m.start()
        if open_ > 0:
            continue
        out.append((s, m.end()))
        s = counted = m.end()
        open_ = 0
    if s < end:
        out.append((s, end))
    return out


def _blocks(text: str) -> list[tuple[Any, ...]]:
    from zhengce.targets.layout import blocks_of

    return [(b.start, b.end, b.marker, b.kind, b.heading) for b in blocks_of(text)]


def _check_splits(text: str, start: int, end: int) -> None:
    from zhengce.targets import layout

    assert layout.sentence_bounds(text, start, end) == plain_split(layout.SENTENCE_END, text, start, end)
    assert layout.clause_bounds(text, start, end) == plain_split(layout.CLAUSE_END, text, start, end)


def test_layout_gives_what_the_plain_scans_give_in_the_corpus() -> None:
    for text in corpus_texts():
        assert _blocks(text) == plain_blocks_of(text)
        for start, end, *_ in plain_blocks_of(text):
            _check_splits(text, start, end)


LAYOUT_PIECES = [
    *"\n\n\n \t\u3000\xa0\r。！？；：:;!?，,（）()一二十第章条是、．.1２①⑳", "一、", "（一）", "(2)", "1.",
    "1.2", "３、", "第一章", "二是", "①", "总则", "目标：", "到2025年", "达到12%", "\r\n", "  \n",
]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(LAYOUT_PIECES), st.text(max_size=3)), max_size=40),
    st.integers(0, 200),
    st.integers(0, 200),
)
def test_layout_gives_what_the_plain_scans_give(pieces: list[str], a: int, b: int) -> None:
    text = "".join(pieces)
    assert _blocks(text) == plain_blocks_of(text)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    _check_splits(text, start, end)


# ---- deadlines ----------------------------------------------------------------------------
def plain_anchor_starts(text: str) -> list[int]:
    """The anchors as first scanned: ``regex``'s overlapped search."""
    from zhengce.targets.lexicon import lexicon

    plans = "|".join(sorted(lexicon().periods, key=len, reverse=True))
    return [m.start() for m in regex.finditer(rf"[年月]|{plans}", text, overlapped=True)]


ANCHOR_PIECES = [*"年月十一二三四五六七八九", "十六五", "十五五", "十四五", "六五", "2025年", "\n"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(ANCHOR_PIECES), st.text(max_size=2)), max_size=20))
def test_anchor_starts_are_those_of_an_overlapped_scan(pieces: list[str]) -> None:
    from zhengce.targets.deadlines import _anchor_starts

    text = "".join(pieces)
    assert list(_anchor_starts(text)) == plain_anchor_starts(text)


def test_deadlines_of_one_text_do_not_depend_on_the_date_read_before() -> None:
    """The date-free part of a scan is shared between dates: each date still gets its own
    relative deadlines, whichever date a text was read with first."""
    import datetime as dt

    from zhengce.targets import deadlines

    date = dt.date(2021, 3, 5)
    for text in corpus_texts():
        assert list(deadlines._anchor_starts(text)) == plain_anchor_starts(text)
        deadlines._resolved.cache_clear()
        with_date, without = deadlines._scan(text, date=date), deadlines._scan(text, date=None)
        deadlines._resolved.cache_clear()
        assert deadlines._scan(text, date=None) == without
        assert deadlines._scan(text, date=date) == with_date
        for a, b in zip(with_date, without, strict=True):
            assert (a.start, a.end, a.raw, a.carries, a.period) == (b.start, b.end, b.raw, b.carries, b.period)
            assert a.date == b.date or b.date is None


# ---- models -------------------------------------------------------------------------------
def _plain_slices_match(doc: Any) -> bool:
    from zhengce.models import _leaves

    size = len(doc.text)
    return all(0 <= s <= e <= size and doc.text[s:e] == raw for raw, (s, e), _ in _leaves(doc))


def test_fast_slice_check_agrees_with_the_walk_of_every_leaf() -> None:
    """The validator's fast path skips models that claim no slices (Period, Diagnostic,
    Source): on the corpus, and on documents with one slice shifted, it says what the
    walk of every leaf says."""
    import zhengce
    from zhengce.models import Document, _all_slices_match

    for text in corpus_texts()[:40]:
        doc = zhengce.parse(text)
        assert _all_slices_match(doc, doc.text) and _plain_slices_match(doc)
        for shifted in (text[1:], " " + text, text.replace("。", "，", 1)):
            other = Document.model_construct(**{**doc.__dict__, "text": shifted})
            assert _all_slices_match(other, shifted) == _plain_slices_match(other)
