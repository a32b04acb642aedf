"""Chinese and Arabic numerals -> exact :class:`~decimal.Decimal`.

The one place numerals are converted. Arabic digits may be full-width, carry
thousands separators (``1,000``, ``1，000``) and a decimal point (``.`` or
``．``); Chinese numerals may be positional (``一万五千``, ``二十万亿``,
``十二点五``) or digit-by-digit (``二〇一二``); the two mix (``150亿``,
``1.2万亿``, ``3万4000``).

>>> parse_number("1.2万亿")
Decimal('1200000000000')
>>> parse_number("一万五千亿")
Decimal('1500000000000')
>>> parse_number("十二点五")
Decimal('12.5')
>>> parse_number("统一")
Traceback (most recent call last):
...
zhengce.errors.NumeralError: not a numeral: '统一'

No floats are involved anywhere, so ``13.5`` stays ``13.5``. Words that merely
contain numeral characters (统一, 一带一路, 一是, 万众创新) are rejected here
and, more importantly, never reach this function: the target grammar only
passes it a numeral that is followed by a unit.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from .errors import NumeralError

__all__ = ["MAGNITUDES", "parse_number", "parse_percent_words", "split_magnitude"]

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
MAGNITUDES = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "十亿": Decimal(10) ** 9,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "十万": Decimal(10) ** 5,
    "万": Decimal(10) ** 4,
}
"""Magnitude words folded into a value (``150亿元`` → 15000000000 元)."""

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")

# An Arabic run: digits with optional thousands separators and decimal part.
_ARABIC = re.compile(r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?")
# Tokens of a numeral: an Arabic run, or one Chinese numeral character.
_TOKEN = re.compile(
    r"(?P<arabic>[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?)"
    r"|(?P<point>点)"
    r"|(?P<char>[零〇○Ｏ一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿])"
)
_MAGNITUDE_SUFFIX = re.compile(r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)$")


def _arabic(raw: str) -> Decimal:
    return Decimal(raw.translate(_FULL_WIDTH).replace(",", "").replace("，", ""))


def _tidy(value: Decimal) -> Decimal:
    """Drop exponent and trailing zeros: ``Decimal('1.20E+4')`` → ``Decimal('12000')``."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def parse_number(raw: str) -> Decimal:
    """Convert a numeral (Arabic, Chinese or mixed, with 万/亿 magnitudes) exactly.

    >>> parse_number("1，000")
    Decimal('1000')
    >>> parse_number("3万4000"), parse_number("两千"), parse_number("二〇一二")
    (Decimal('34000'), Decimal('2000'), Decimal('2012'))

    Raises :class:`~zhengce.errors.NumeralError` for anything else.
    """
    return _parse_number(raw)


@lru_cache(maxsize=4096)
def _parse_number(raw: str) -> Decimal:
    """``parse_number``, kept for the numerals a document repeats (years, 10%)."""
    text = raw.strip()
    if not text:
        raise NumeralError(f"not a numeral: {raw!r}")
    if _ARABIC.fullmatch(text):
        return _tidy(_arabic(text))
    tokens = list(_TOKEN.finditer(text))
    if not tokens or sum(t.end() - t.start() for t in tokens) != len(text):
        raise NumeralError(f"not a numeral: {raw!r}")
    if all(t.group("char") in CN_DIGITS for t in tokens if t.group("char")) and not any(
        t.group("arabic") or t.group("point") for t in tokens
    ):
        if len(tokens) > 1:  # digit by digit: 二〇一二
            return Decimal("".join(str(CN_DIGITS[t.group("char")]) for t in tokens))
    return _tidy(_positional(tokens, raw))


def _positional(tokens: list[re.Match[str]], raw: str) -> Decimal:
    total = Decimal(0)  # everything already multiplied by 亿
    wan = Decimal(0)  # the part between 亿 and 万
    section = Decimal(0)  # below 万
    number: Decimal | None = None
    fraction: str | None = None
    for token in tokens:
        if fraction is not None:
            char = token.group("char")
            if char is None or char not in CN_DIGITS:
                raise NumeralError(f"not a numeral: {raw!r}")
            fraction += str(CN_DIGITS[char])
            continue
        if token.group("arabic"):
            if number is not None:
                raise NumeralError(f"not a numeral: {raw!r}")
            number = _arabic(token.group("arabic"))
        elif token.group("point"):
            fraction = ""
        else:
            char = token.group("char")
            if char in CN_DIGITS:
                if number is not None and number != 0:
                    raise NumeralError(f"not a numeral: {raw!r}")
                number = Decimal(CN_DIGITS[char])
            elif char in CN_SMALL_UNITS:
                if number is None:  # 十二, and a bare 百/千 as in 超百亿
                    number = Decimal(1)
                section += number * CN_SMALL_UNITS[char]
                number = None
            elif char == "万":
                wan = (wan + section + (number or 0)) * 10000 or Decimal(10000)
                section, number = Decimal(0), None
            else:  # 亿
                total = (total + wan + section + (number or 0)) * 10**8 or Decimal(10**8)
                wan, section, number = Decimal(0), Decimal(0), None
    if fraction is not None:
        if not fraction:
            raise NumeralError(f"not a numeral: {raw!r}")
        number = (number or 0) + Decimal("0." + fraction)
    return total + wan + section + (number or 0)


def split_magnitude(raw: str) -> tuple[str, Decimal]:
    """Split a trailing magnitude word off a numeral.

    >>> split_magnitude("150亿")
    ('150', Decimal('100000000'))
    >>> split_magnitude("12")
    ('12', Decimal('1'))
    """
    match = _MAGNITUDE_SUFFIX.search(raw)
    if match is None or match.start() == 0:
        return raw, Decimal(1)
    return raw[: match.start()], MAGNITUDES[match.group()]


def parse_percent_words(raw: str) -> Decimal:
    """``百分之十二`` → 12, ``千分之五`` → 5 (the unit says which).

    >>> parse_percent_words("百分之十二点五")
    Decimal('12.5')
    """
    for prefix in ("百分之", "千分之"):
        if raw.startswith(prefix):
            return parse_number(raw[len(prefix) :])
    raise NumeralError(f"not a percentage: {raw!r}")
