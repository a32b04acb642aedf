"""Deadline expressions -> dates: 到2015年, 2023年6月底前, “十二五”期间, 2021—2025年, 三年内.

Each match says whether it *carries*: a deadline stated with 到/至/截至, with 底/末/前,
as a plan period or a year range heads everything after it in its paragraph (and
the list or 目标 section it opens); a bare year ("2016年启动…") only dates its own
sentence.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ..models import Period
from ..numerals import parse_number
from .lexicon import compile_re, lexicon

__all__ = ["Deadline", "Deadlines", "deadlines_of", "find_deadlines"]

_Y = r"[12１２][0-9０-９]{3}"
_M = r"(?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])"
_N = r"(?:[0-9０-９]{1,2}|[一二两三四五六七八九十]{1,2})"
_TO = r"(?:[-－—–~～〜]{1,2}|至|到)"


@dataclass(frozen=True)
class Deadline:
    start: int
    end: int
    raw: str
    date: dt.date | None
    carries: bool
    period: Period | None = None


@cache
def _pattern() -> regex.Pattern[str]:
    plans = "|".join(sorted(lexicon().periods, key=len, reverse=True))
    plan_firsts = "".join(sorted({p[0] for p in lexicon().periods}))
    # Every alternative starts with one of these characters: tried first, the one
    # check makes the scan of a text without deadlines several times quicker.
    first = rf"[\s“\"「0-9０-９{plan_firsts}今本年明后用在截直到至于一二两三四五六七八九十]"
    # Compiled with ``regex``, whose scan skips to the characters of the lookahead
    # (the stdlib ``re`` tries every position, and is slower here).
    return regex.compile(
        rf"""
        (?={first})
        (?P<plan>[“"「]?(?P<plan_name>{plans})[”"」]?(?:规划)?
            (?:期间|时期|期末|末期|末|规划期内|规划期|内))
      | (?P<range>(?P<y1>{_Y})\s*年?\s*{_TO}\s*(?P<y2>{_Y})\s*年(?![0-9０-９]{{0,2}}\s*月))
      | (?P<date>(?P<pre>截止到|截至到|截至|截止|直至|到|至|于|在)?\s*
            (?P<y>[0-9０-９]{{4}})\s*年\s*(?:(?P<m>{_M})\s*月\s*(?:(?P<d>{_N})\s*日)?)?\s*
            (?P<post>年?底前|年?末前|年底|年末|底|末|前|以前|之前|上半年|下半年)?
            (?!度|[0-9０-９]|\s*[起以]|\s*开始|\s*至今))
      | (?P<rel>(?P<rel_word>今年年?底前?|今年|本年度?底?前?|年底前|年内|明年底?|后年)
            | (?:用|在)?(?P<n>{_N}|[0-9０-９]\s*[-－—~～至到]\s*[0-9０-９])\s*年
              (?:内|之内|以内|左右时间|的?时间|后)
            | (?P<mm>{_M})\s*月(?:底|末|中旬|上旬|下旬)?(?:前|以前|之前))
        """,
        regex.VERBOSE,
    )


def _end_of(year: int, month: int | None = None, day: int | None = None) -> dt.date:
    if month is None:
        return dt.date(year, 12, 31)
    month = max(1, min(12, month))
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day, last) if day else last)


def _int(raw: str) -> int:
    return int(parse_number(raw))


def _plus_years(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def find_deadlines(text: str, start: int, end: int, *, date: dt.date | None) -> list[Deadline]:
    """Every deadline expression in ``text[start:end]``, in order.

    The whole text is scanned once (and kept for the last few texts), so a stage
    that asks about many windows of one document pays for one pass.
    """
    return deadlines_of(text, date=date).between(start, end)


class Deadlines:
    """The deadline expressions of one text, for a caller that asks about many windows."""

    def __init__(self, found: list[Deadline]) -> None:
        self.found = found
        self._starts = [d.start for d in found]

    def between(self, start: int, end: int) -> list[Deadline]:
        """The deadlines that lie wholly in ``[start, end)``, in order."""
        found = self.found
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(found) and found[i].start < end:
            if found[i].end <= end:
                out.append(found[i])
            i += 1
        return out

    def starting(self, lo: int, hi: int, end: int) -> list[Deadline]:
        """The deadlines that start in ``[lo, hi)`` and end by ``end``, in order."""
        found = self.found
        i = bisect.bisect_left(self._starts, lo)
        out = []
        while i < len(found) and found[i].start < hi:
            if found[i].end <= end:
                out.append(found[i])
            i += 1
        return out


def deadlines_of(text: str, *, date: dt.date | None) -> Deadlines:
    """The deadlines of ``text``, resolved against ``date`` (scanned once per text and date)."""
    return _document_deadlines(text, date)


@lru_cache(maxsize=8)
def _document_deadlines(text: str, date: dt.date | None) -> Deadlines:
    return Deadlines(_scan(text, date=date))


@cache
def _anchor() -> re.Pattern[str]:
    """What every deadline holds: 年 (dates, ranges, 年内…), 月 (6月底前) or a plan name.

    Compiled with the stdlib ``re``: every alternative begins with a literal, so the
    scan skips to the characters that can begin one.
    """
    plans = "|".join(sorted(lexicon().periods, key=len, reverse=True))
    return re.compile(rf"年|月|{plans}")


def _anchor_starts(text: str) -> Iterator[int]:
    """Every position an anchor begins at, in order, those inside another anchor too
    (六五 inside 十六五): the starts of an overlapped scan."""
    anchor = _anchor()
    for m in anchor.finditer(text):
        start, end = m.span()
        yield start
        for inside in range(start + 1, end):
            if anchor.match(text, inside) is not None:
                yield inside


# What a deadline can hold before its first anchor, alternative by alternative of
# ``_pattern``: spaces (``\s``), the digits of years and counts, the numerals of
# 三年内 and 十二月, the opening quote of “十四五”, the words before a year
# (截止到 直至 于 在 用) or before 年 (今 本 明 后), and the dashes and 至/到 of a
# year range written 2021—2025年.
_BEFORE_ANCHOR = frozenset(
    '0123456789０１２３４５６７８９一二两三四五六七八九十“"「截止到至直于在用今本明后-－—–~～〜'
)


@lru_cache(maxsize=8)
def _matches(text: str) -> list[regex.Match[str]]:
    r"""The deadline expressions of a text, whatever the date they resolve against.

    The same matches as ``_pattern().finditer(text)``, found by trying only near an
    anchor. Every character of a match before its first anchor is one of
    ``_BEFORE_ANCHOR`` or a space, so no match starts before the run of such
    characters that ends at an anchor: a match is tried only at the positions of
    those runs (and of the anchors), leftmost first, as ``finditer`` would.
    A run is walked back no further than the anchor before it, so the walk is
    linear in the text.
    """
    pattern = _pattern()
    out: list[regex.Match[str]] = []
    pos = 0  # where the last match ended: matches never overlap
    floor = 0  # positions before this were tried already
    for a in _anchor_starts(text):
        if a < pos or a < floor:
            continue
        lo = a
        while lo > floor and lo > pos:
            c = text[lo - 1]
            if c not in _BEFORE_ANCHOR and not c.isspace():  # isspace: every \s of ``regex``
                break
            lo -= 1
        for i in range(max(lo, pos), a + 1):
            if i < pos:
                continue
            m = pattern.match(text, i)
            if m is not None:
                out.append(m)
                pos = m.end()
        floor = a + 1
    return out


def _scan(text: str, *, date: dt.date | None) -> list[Deadline]:
    return [
        found if isinstance(found, Deadline) else _relative(*found, date)
        for found in _resolved(text)
    ]


@lru_cache(maxsize=8)
def _resolved(text: str) -> list[Deadline | tuple[regex.Match[str], int, int, str]]:
    """The deadlines of a text, those relative to the 成文日期 (年底前, 三年内) left as
    ``(match, start, end, raw)``: the one scan serves every date a text is read with."""
    out: list[Deadline | tuple[regex.Match[str], int, int, str]] = []
    periods = lexicon().periods
    for m in _matches(text):
        if _in_citation(text, m.start()):
            continue  # 《…规划（2018—2035年）》 names a text, it sets no deadline
        if _BASELINE_BEFORE.search(text, max(0, m.start() - 3), m.start()):
            continue  # 比2020年下降13.5%: a baseline, not a deadline
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        s, e = m.start() + lead, m.end()
        raw = text[s:e]
        if m.group("plan"):
            name = m.group("plan_name")
            out.append(Deadline(s, e, raw, _end_of(periods[name][1]), True, _plan_period(name)))
        elif m.group("range"):
            y1, y2 = _int(m.group("y1")), _int(m.group("y2"))
            if not y1 < y2 <= y1 + 50:
                continue
            period = Period(name=raw, start=y1, end=y2)
            out.append(Deadline(s, e, raw, _end_of(y2), True, period))
        elif m.group("date"):
            pre, post = m.group("pre") or "", m.group("post") or ""
            if m.group("d") and not post:
                continue  # a calendar date (成文日期, 会议日期), not a deadline
            year = _int(m.group("y"))
            if not 1000 <= year < 3000 and pre not in _TO_WORDS:
                continue  # only 到/至 make an unusual four-digit number a year
            month = _int(m.group("m")) if m.group("m") else None
            if post == "上半年":
                month = 6
            day = _int(m.group("d")) if m.group("d") else None
            carries = (
                pre in _TO_WORDS
                or any(c in post for c in "底末前")
                or (not pre and not post and _GOALS_AFTER.match(text, e) is not None)
            )
            if pre in {"于", "在"}:
                s += len(pre) if text[s : s + len(pre)] == pre else 0
            out.append(Deadline(s, e, text[s:e], _end_of(year, month, day), carries))
        else:
            out.append((m, s, e, text[s:e]))
    return out


@cache
def _plan_period(name: str) -> Period:
    first, last = lexicon().periods[name]
    return Period(name=name, start=first, end=last)


# "2025年济南市经济社会发展主要预期目标是：": a year opening the sentence that
# announces the goals dates the list (annual plans, 政府工作报告).
_GOALS_AFTER = compile_re(r"[^。；;！？!?：:\n]{0,30}?目标(?:任务)?(?:是|为|如下)?\s*[:：]")
_RANGE_SPLIT = compile_re(r"\s*[-－—~～至到]\s*")
_TO_WORDS = frozenset({"到", "至", "截至", "截止", "截至到", "截止到", "直至"})
_BASELINE_BEFORE = compile_re(r"(?:比|较|相比|是)[“\"「]?$")


def _in_citation(text: str, pos: int) -> bool:
    opened = text.rfind("《", max(0, pos - 120), pos)
    return opened >= 0 and text.rfind("》", opened, pos) < 0


def _relative(m: regex.Match[str], s: int, e: int, raw: str, date: dt.date | None) -> Deadline:
    if date is None:
        return Deadline(s, e, raw, None, True)
    word = m.group("rel_word")
    if word:
        if word.startswith("明年"):
            return Deadline(s, e, raw, _end_of(date.year + 1), True)
        if word.startswith("后年"):
            return Deadline(s, e, raw, _end_of(date.year + 2), True)
        return Deadline(s, e, raw, _end_of(date.year), True)
    if m.group("n"):
        n_raw = _RANGE_SPLIT.split(m.group("n"))[-1]
        return Deadline(s, e, raw, _plus_years(date, _int(n_raw)), True)
    month = _int(m.group("mm"))
    year = date.year if month >= date.month else date.year + 1
    return Deadline(s, e, raw, _end_of(year, month), True)
