"""Numerals -> exact Decimal: Arabic, Chinese, mixed; words that only look numeric raise."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhengce.errors import NumeralError
from zhengce.numerals import parse_number, parse_percent_words, split_magnitude

NUMERALS = [
    ("1,000", "1000"), ("1，000", "1000"), ("１５０", "150"), ("13.5", "13.5"), ("0.005", "0.005"),
    ("２．５", "2.5"), ("150亿", "15000000000"), ("1.2万亿", "1200000000000"), ("3万4000", "34000"),
    ("2.06万", "20600"), ("339.74亿", "33974000000"), ("五百万", "5000000"), ("两千", "2000"),
    ("十二点五", "12.5"), ("二十万亿", "20000000000000"), ("一万五千亿", "1500000000000"),
    ("十", "10"), ("十二", "12"), ("一百零五", "105"), ("两千五百", "2500"), ("二〇一二", "2012"),
    ("一九九六", "1996"), ("万", "10000"), ("百亿", "10000000000"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "expected"), NUMERALS, ids=[r for r, _ in NUMERALS])
def test_parse_number(raw: str, expected: str) -> None:
    value = parse_number(raw)
    assert value == Decimal(expected)
    assert str(value) == expected  # exact, no float noise, no exponent


NOT_NUMERALS = [
    "统一",
    "一带一路",
    "一是",
    "一批",
    "万众创新",
    "十四五规划",
    "",
    "1.2.3",
    "点五五点",
]


@pytest.mark.parametrize("raw", NOT_NUMERALS)
def test_not_a_numeral(raw: str) -> None:
    with pytest.raises(NumeralError) as info:
        parse_number(raw)
    assert info.value.code == "numeral"


def test_percent_words() -> None:
    assert parse_percent_words("百分之十二") == Decimal(12)
    assert parse_percent_words("千分之五") == Decimal(5)
    with pytest.raises(NumeralError):
        parse_percent_words("十二")


def test_split_magnitude() -> None:
    assert split_magnitude("150亿") == ("150", Decimal(10) ** 8)
    assert split_magnitude("1.2万亿") == ("1.2", Decimal(10) ** 12)
    assert split_magnitude("万") == ("万", Decimal(1))
