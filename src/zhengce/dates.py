"""Calendar dates as printed in documents: ``2012年3月19日``, ``二〇一二年三月十九日``.

Both widths of digits, spaces between the parts (PDF extraction leaves
``2012 年 2 月 1 日``), and the look-alikes of 〇 that real documents use
(○, O, Ｏ, 零, 0) are accepted.
"""

from __future__ import annotations

import datetime as dt

import regex as re

_DIGIT = "[0-9０-９]"
_CN_DIGIT = "〇○OＯo零0一二三四五六七八九"
_CN_SMALL = (
    "(?:三十一?|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
)

DATE = re.compile(
    rf"""
    (?:
        (?P<y>[12１２]{_DIGIT}{{3}})\s*年\s*(?P<m>{_DIGIT}{{1,2}})\s*月\s*(?P<d>{_DIGIT}{{1,2}})\s*日
      | (?P<cy>[一二][{_CN_DIGIT}]{{3}})\s*年\s*(?P<cm>十[一二]?|[一二三四五六七八九])\s*月
        \s*(?P<cd>{_CN_SMALL})\s*日
    )
    """,
    re.VERBOSE,
)
"""A full date, Arabic or Chinese numerals."""

_CN_VALUE = {ch: i for i, ch in enumerate("零一二三四五六七八九")}
_CN_VALUE.update({"〇": 0, "○": 0, "O": 0, "Ｏ": 0, "o": 0, "0": 0})


def cn_small_int(text: str) -> int:
    """``十九`` → 19, ``二十`` → 20, ``三十一`` → 31, ``七`` → 7 (numbers below 100).

    >>> cn_small_int("二十三"), cn_small_int("十"), cn_small_int("九")
    (23, 10, 9)
    """
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[units] if units else 0)
    return _CN_VALUE[text]


def _arabic(text: str) -> int:
    return int(text.translate(_FULLWIDTH))


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def date_from_match(match: re.Match[str]) -> dt.date | None:
    """The date a :data:`DATE` match names, or None if it is not a real calendar day.

    >>> date_from_match(DATE.search("二〇一二年三月十九日"))
    datetime.date(2012, 3, 19)
    >>> date_from_match(DATE.search("2012 年 2 月 30 日")) is None
    True
    """
    if match.group("y"):
        year, month, day = (_arabic(match.group(k)) for k in ("y", "m", "d"))
    else:
        year = int("".join(str(_CN_VALUE[ch]) for ch in match.group("cy")))
        month = cn_small_int(match.group("cm"))
        day = cn_small_int(match.group("cd"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
