"""Reading clauses: quantity -> value/unit, comparator, kind, indicator, deadline, and the
decision whether the quantity is a commitment at all.

Clause grammar (the indicator is what the quantity measures):

* ``[indicator][comparator][N unit][post]`` — 科技服务业总收入超过150亿元
* ``[verb][N unit][post][indicator]``       — 建设50所高水平高等职业学校
* ``[verb][indicator][N unit][post]``       — 培育科技服务业集聚区10家
* ``[scope][N unit][post][indicator]``      — 全市80%以上工程项目采用数字化建造模式
* ``[A、B]分别[comparator][N、N]``           — 数控化率、普及率分别超过75%、90%
* ``[growth verb][N%]`` alone                — 年均增长18%以上 (indicator of the target before)
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

import regex

from .. import errors
from .._re import SPACES
from ..models import Diagnostic, Section, Target
from ..numerals import parse_number, parse_percent_words
from .deadlines import Deadline, Deadlines, deadlines_of, find_deadlines
from .layout import (
    Block,
    Heading,
    blocks_of,
    clause_bounds,
    headings_at,
    headings_for,
    section_path,
    sentence_bounds,
)
from .lexicon import compile_re, lexicon
from .tables import find_table_rows

__all__ = ["read_document"]

_BRACKETS = compile_re(
    r"（[^（）\n]{0,120}）|\([^()\n]{0,120}\)|《[^》\n]{0,120}》|〔[^〕\n]{0,20}〕|【[^】\n]{0,60}】|\[[^\]\n]{0,60}\]"
)
_CONNECTOR_START = compile_re(r"(?:[\s、，,和及与或并且]|以及|其中|（[^（）]*）|\([^()]*\))+")
# 近视率每年降低1个百分点: a frequency after the name is not part of it
_CONNECTOR_END = compile_re(r"(?:[\s、，,。；;：:和及与或并]|以及|等|每年)+$")
_BASELINE_END = compile_re(
    r"(?:比|较|相比|相较|是|为)(?:(?P<year>[12１２][0-9０-９]{3})\s*年|[“\"]?(?P<plan>十[一二三四五]五)[”\"]?)"
    r"(?:底|末|期末)?(?:水平)?(?:相比)?的?\s*$"
)
_RESPECTIVELY_END = compile_re(r"分别\s*$")
_SUMMARY_END = compile_re(r"等\s*$")
_YEAR = compile_re(r"(?<![0-9０-９])(?P<y>[12１２][0-9０-９]{3})\s*年(?!度)")
_LISTED_BEFORE = compile_re(
    r"(?:[^、，,。；\s]{1,8}、){2,}[^、，,。；\s]{1,8}(?:等|共|合计)?\s*$"
)
_PERFECTIVE = compile_re(r"(?<![为除罢])了(?!解)")
_BULLET = compile_re(r"[\s\u3000]*(?:——|—|－－|--|[●•·◆■▲□◇]|[一二三四五六七八九十]是)")
_RECURRING = compile_re(r"每(?:年|季度|月|半年|[0-9０-９一二两三四五]年)")
_CN_DIGITS_ONLY = compile_re(r"^[零〇一二两三四五六七八九十]+$")
_NOUNISH_START = regex.compile(r"[\p{Han}A-Za-z“\"]")
_RATE_UNITS = frozenset({"%", "％", "‰", "个百分点", "百分点", "倍"})


_SEPARATOR_ONLY = compile_re(r"^(?:[\s、，,和及与或]|以及)*$")
_SPLIT_LIST_STRICT = compile_re(r"、")
_SPLIT_LIST = compile_re(r"、|和|与")
_YEAR_ROLE = compile_re(r"(?<![0-9０-９])(?P<y>[12１２][0-9０-９]{3})\s*年(?=是|为)")
_DATE_LIST_SEP = compile_re(r"\s*(?:、|和|与|及)\s*")
_RESPECTIVELY_START = compile_re(r"\s*分别")
_ATTRIBUTE_AFTER = regex.compile(r"\p{Han}{0,3}的")

# A target's text is its clause; past this length (punctuation lost) only the
# target's own pieces and CLAUSE_CONTEXT characters on either side.
CLAUSE_TEXT_MAX = 200
CLAUSE_CONTEXT = 40

# Look-back bound. Every word of data/ is shorter than WORD_LIMIT (a test keeps it so),
# so a word or list ending at a position starts less than _WINDOW characters before it:
# the "…at the end" patterns search only that window, never from the clause start.
WORD_LIMIT = 24
_WINDOW = 2 * WORD_LIMIT + 16


def _at_end(
    pattern: re.Pattern[str], text: str, start: int, end: int, *, window: bool = True
) -> re.Match[str] | None:
    """``pattern`` (anchored with ``$``) matched against the end of ``text[start:end]``:
    its last ``_WINDOW`` characters, or all of it with ``window=False`` (a pattern
    whose match has no length bound)."""
    lo = end - _WINDOW if window else start
    if lo < start:
        lo = start
    gate = _end_chars().get(id(pattern))
    if gate is not None and gate[0] is pattern:
        last = gate[1]
        # The match ends on one of a few characters (then spaces): a look at the
        # last character spares the search of the window in most cases.
        p = end - 1
        while p >= lo and text[p] in SPACES:
            p -= 1
        if p < lo or text[p] not in last:
            return None
    return pattern.search(text, lo, end)


def _connector_end(text: str, s: int, e: int) -> re.Match[str] | None:
    """The connectors and spaces that end ``text[s:e]`` (、 和 以及 等 每年 …), if any."""
    if e <= s or text[e - 1] not in _CONNECTOR_LAST:
        return None  # the last character ends no connector
    return _CONNECTOR_END.search(text, s, e)


# The characters a match of _CONNECTOR_END can end on.
_CONNECTOR_LAST = SPACES | frozenset("、，,。；;：:和及与或并等年")


@cache
def _end_chars() -> dict[int, tuple[re.Pattern[str], frozenset[str]]]:
    """For the word-then-spaces patterns ``_at_end`` is asked, the characters a match
    can end on before its trailing spaces, by the pattern's ``id`` (the pattern is
    kept beside them, so that the ``id`` stays its own)."""
    lex = lexicon()

    def last(words: Iterable[str], extra: str = "") -> frozenset[str]:
        return frozenset(w[-1] for w in words) | frozenset(extra)

    table = [
        (lex.pre_comparator_at_end, last(lex.pre_comparators)),
        (lex.verb_at_end, last(lex.words["verbs"])),
        (lex.growth_at_end, last(lex.words["growth"], "了")),
        (lex.reduction_at_end, last(lex.words["reduction"], "了")),
        # …年 / …十三五 / “十三五” then 底 末 期末, 水平, 相比, 的
        (_BASELINE_END, frozenset("年五”\"底末平比的")),
        (_RESPECTIVELY_END, frozenset("别")),
        (_SUMMARY_END, frozenset("等")),
        (_TRAILING_BRACKET, frozenset("）)")),
    ]
    return {id(pattern): (pattern, chars) for pattern, chars in table}


class _Occurs:
    """Whether a word pattern occurs in ``text[start:end]`` for one start and many ends.

    The leftmost match up to ``limit`` (the sentence or clause end) is found once per
    start; an end then costs a search of the last ``_WINDOW`` characters only (a match
    ending before ``end`` either ends no later than that leftmost one or starts within
    a word's length of ``end``). Patterns here are word alternations whose only
    lookarounds are negative lookaheads, which truncation can only make more lenient.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._first: dict[tuple[int, int, int], int] = {}

    def __call__(
        self, pattern: re.Pattern[str] | regex.Pattern[str], start: int, end: int, limit: int
    ) -> bool:
        key = (id(pattern), start, limit)
        first = self._first.get(key)
        if first is None:
            m = pattern.search(self.text, start, limit)
            first = m.end() if m else -1
            self._first[key] = first
        if 0 <= first <= end:
            return True
        if first < 0 and _truncation_safe(pattern):
            return False  # no match up to the limit: none up to ``end`` either
        lo = end - _WINDOW
        return pattern.search(self.text, lo if lo > start else start, end) is not None


# What lets a search of a truncated text match where the whole text does not: a
# lookaround or an anchor can read past the end of the match.
_CONTEXT_SYNTAX = ("(?=", "(?!", "(?<", "$", "\\b", "\\B", "\\Z", "\\z")


@cache
def _truncation_safe(pattern: re.Pattern[str] | regex.Pattern[str]) -> bool:
    """Whether ``pattern`` matches in a prefix of a text only where it matches in the text.

    A pattern that reads only the characters it consumes (no lookaround, no anchor)
    matches ``text[start:end]`` only where it matches ``text[start:limit]``.
    """
    return not any(c in pattern.pattern for c in _CONTEXT_SYNTAX)


@dataclass
class _Reading:
    match: re.Match[str]
    start: int
    end: int  # end of the quantity itself
    value: Decimal
    value_max: Decimal | None
    unit: str
    comparator: str
    comparator_span: tuple[int, int] | None
    kind: str
    indicator: tuple[int, int] | None
    inherit_indicator: bool
    baseline_year: int | None
    left_has_verb: bool
    right_indicator: bool
    pre_comparator: bool
    summary: bool = False  # "A、B等5类": the count of a list just given
    cut: bool = False  # the indicator runs on past the object: cut it at the predicate
    adds: bool = False  # an adding word (培育, 新增, 建设…) stands before the number


def _strip_spans(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u3000\xa0\n\r":
        start += 1
    while end > start and text[end - 1] in " \t\u3000\xa0\n\r":
        end -= 1
    return start, end


def _quantity_value(m: re.Match[str]) -> tuple[Decimal, Decimal | None, str]:
    if m.group("pct"):
        value = parse_percent_words(m.group("pct"))
        return value, None, "%" if m.group("pct_kind") == "百分之" else "‰"
    if m.group("half"):
        return Decimal(50), None, "%"
    if m.group("fan"):
        n = int(parse_number(m.group("fan_n")))
        return Decimal(2) ** n, None, "倍"
    if m.group("cheng"):
        return parse_number(m.group("cheng_n")) * 10, None, "%"
    unit = m.group("unit")
    value = parse_number(m.group("num"))
    value_max = parse_number(m.group("num2")) if m.group("num2") else None
    # A magnitude before a per-unit slash belongs to the denominator only after it:
    # 万吨/年 is folded (10^4 吨/年); 人/万人 keeps its 万.
    if unit in {"％"}:
        unit = "%"
    return value, value_max, unit


def read_document(
    text: str, *, sections: Sequence[Section] = (), date: dt.date | None = None
) -> tuple[list[Target], list[Diagnostic]]:
    lex = lexicon()
    # Rows of indicator tables are read by their columns, and only so.
    table_targets, rows = find_table_rows(text, sections=sections)
    if lex.quantity.search(text) is None:
        return table_targets, []
    diagnostics: list[Diagnostic] = []
    brackets = [(m.start(), m.end()) for m in _BRACKETS.finditer(text)]
    bracket_starts = [b[0] for b in brackets]
    row_spans = [(r.start - 1, r.end) for r in rows]
    row_starts = [r[0] for r in row_spans]
    # One pass for the quantities of the whole text; blocks take their share by offset.
    all_quantities = [
        m
        for m in lex.quantity.finditer(text)
        if not _inside(bracket_starts, brackets, m.start())
        and not (rows and _inside(row_starts, row_spans, m.start()))
    ]
    q_starts = [m.start() for m in all_quantities]
    blocks = blocks_of(text)
    # Headings from the section tree are looked up only for the blocks that need them.
    heads = None if sections else headings_for(text, blocks, sections)
    level_starts: dict[int, list[int]] = {}
    targets: list[Target] = []
    list_head: tuple[Deadline, list[str]] | None = None
    pending: tuple[Deadline, list[str]] | None = None
    # Past facts are told by the 成文日期, else by the plan period the title names
    # (山东省“十三五”科技创新规划: figures of 2015 and of “十二五” are facts).
    as_of = date or _title_start(text)
    title_period: Deadline | None = None
    title_read = False  # the title lines are read when first needed
    document_deadlines = deadlines_of(text, date=date)
    for bi, block in enumerate(blocks):
        deadlines = document_deadlines.between(block.start, block.end)
        qi = bisect.bisect_left(q_starts, block.start)
        qj = bisect.bisect_left(q_starts, block.end, qi)
        if (
            qi == qj
            and list_head is None
            and pending is None
            and not any(d.carries for d in deadlines)
        ):
            continue  # nothing to read, nothing heading what follows
        above = (
            heads[bi]
            if heads is not None
            else headings_at(sections, block.start, starts_of=level_starts)
        )
        above_keys = [h.marker + h.heading for h in above]
        if list_head is not None and above_keys[: len(list_head[1])] != list_head[1]:
            list_head = None
        # A deadline heads the list that follows: "到2015年，主要目标是：" or a
        # paragraph whose last sentence opens with it, followed by ——/一是 items.
        if pending is not None and _BULLET.match(text, block.start, block.end):
            list_head = pending
        pending = None
        quantities = all_quantities[qi:qj]
        annual = None
        if list_head is None and not any(d.carries for d in deadlines):
            annual = _annual_goals(text, block, date)
        if quantities:
            section_deadline = _section_deadline(text, above, block, document_deadlines)
            outer = list_head[0] if list_head is not None else section_deadline
            outer = outer or annual
            headings = [h.heading for h in above]
            if block.heading is not None:
                headings.append(block.heading)
            in_target_section = any(_heading_kind(h)[0] for h in headings)
            if outer is None and in_target_section:
                if not title_read:
                    title_period, title_read = _title_period(text, date), True
                outer = title_period
            in_past_section = any(_heading_kind(h)[1] for h in headings)
            targets.extend(
                _read_block(
                    text,
                    block,
                    quantities,
                    deadlines,
                    outer,
                    as_of,
                    sections,
                    in_target_section=in_target_section or list_head is not None,
                    in_past_section=in_past_section,
                    diagnostics=diagnostics,
                )
            )
        carrying = [d for d in deadlines if d.carries]
        if annual is not None and text[block.start : block.end].rstrip().endswith(("：", ":")):
            list_head = (annual, above_keys)
        if carrying:
            tail = text[block.start : block.end].rstrip()
            opening = _opening_deadline(text, block, carrying[0])
            if tail.endswith(("：", ":")):
                list_head = (carrying[-1], above_keys)
            elif opening is not None and len(carrying) == 1:
                # "到2027年，…。" opening a paragraph heads the paragraphs after it
                # (run-in headings, PDF-wrapped) up to the next deadline or section.
                list_head = (opening, above_keys)
            else:
                last_ss = sentence_bounds(text, block.start, block.end)[-1][0]
                lead = [d for d in carrying if last_ss <= d.start <= last_ss + 6]
                if lead:
                    pending = (lead[-1], above_keys)
    if table_targets:
        targets = sorted([*targets, *table_targets], key=lambda t: t.span[0])
    return targets, diagnostics


# "全市经济社会发展主要预期目标是:" with no year of its own, in a text that names
# its year ("2025年是“十四五”规划收官之年"): an annual plan or 政府工作报告, whose
# goals are due by the end of that year.
_GOALS_OPENER = compile_re(r"目标(?:任务)?(?:是|为|如下)?\s*[:：]")


def _annual_goals(text: str, block: Block, date: dt.date | None) -> Deadline | None:
    """The year a text names as its own, for a goals list that states none."""
    if _GOALS_OPENER.search(text, block.start, block.end) is None:
        return None
    role = _YEAR_ROLE.search(text)
    if role is None:
        return None
    year = int(parse_number(role.group("y")))
    if date is not None and year != date.year:
        return None
    s, e = role.span()
    return Deadline(s, e, text[s:e], dt.date(year, 12, 31), True)


_OPENING = compile_re(
    r"[\s\u3000]*(?:——|—|[●•·◆■▲]|[一二三四五六七八九十]是)?[\s\u3000]*"
    r"(?:力争|争取|预计|计划|确保)?[\s\u3000]*(?:到|至)"
)


def _opening_deadline(text: str, block: Block, d: Deadline) -> Deadline | None:
    """The deadline a paragraph opens with ("到2027年，…"), when it has no marker."""
    if block.marker is not None or not d.raw.startswith(("到", "至")):
        return None
    m = _OPENING.match(text, block.start, d.start + 1)
    if m is None or m.end() != d.start + 1:
        return None
    return d


def _title_start(text: str) -> dt.date | None:
    lex = lexicon()
    head = text[:300]
    for line in [ln for ln in head.splitlines() if ln.strip()][:3]:
        m = lex.plan_name.search(line)
        if m:
            return dt.date(lex.periods[m.group()][0], 1, 1)
        m = _YEAR_RANGE.search(line)
        if m:
            return dt.date(int(parse_number(m.group("y1"))), 1, 1)
    return None


_YEAR_RANGE = compile_re(r"(?P<y1>[12][0-9]{3})\s*年?\s*[-－—–~～至到]{1,2}\s*[12][0-9]{3}\s*年")


def _title_period(text: str, date: dt.date | None) -> Deadline | None:
    """A plan period in the title lines (行动计划（2024-2025年）) ends its 目标 targets."""
    seen = 0
    pos = 0
    while seen < 3 and pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        if text[pos:end].strip():
            seen += 1
            for d in find_deadlines(text, pos, end, date=date):
                if d.period is not None:
                    return d
        pos = end + 1
    return None


def _inside(starts: list[int], spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]


@lru_cache(maxsize=1024)
def _heading_kind(heading: str) -> tuple[bool, bool]:
    """Whether a heading names targets (目标, 指标…) and whether it names past results."""
    lex = lexicon()
    return (
        lex.target_heading.search(heading) is not None,
        lex.past_heading.search(heading) is not None,
    )


def _section_deadline(
    text: str, above: list[Heading], block: Block, deadlines: Deadlines
) -> Deadline | None:
    """A deadline in a heading above (总体目标（2013-2025年）) or heading a 目标 section."""
    lex = lexicon()
    for h in reversed(above):
        if h.span[0] <= block.start < h.span[1] and h.span[0] == block.start:
            continue  # the block is the heading itself: its deadlines are read in place
        line_end = text.find("\n", h.span[0], h.span[1])
        line_end = h.span[1] if line_end < 0 else line_end
        own = [d for d in deadlines.between(h.span[0], line_end) if d.carries]
        if own and not own[0].raw.startswith(("截至", "截止")):
            head_line = text[h.span[0] : line_end]
            if len(head_line.strip()) <= 60 or lex.target_heading.search(h.heading):
                return own[0]
        if lex.target_heading.search(h.heading):
            lead = [d for d in deadlines.between(h.span[0], h.span[1]) if d.carries]
            if lead:
                return lead[0]
    return None


def _read_block(
    text: str,
    block: Block,
    quantities: list[re.Match[str]],
    deadlines: list[Deadline],
    outer: Deadline | None,
    date: dt.date | None,
    sections: Sequence[Section],
    *,
    in_target_section: bool,
    in_past_section: bool,
    diagnostics: list[Diagnostic],
) -> list[Target]:
    out: list[Target] = []
    carry: Deadline | None = None
    previous: Target | None = None
    occurs = _Occurs(text)
    d_starts = [d.start for d in deadlines]
    qi = 0
    for ss, se in sentence_bounds(text, block.start, block.end):
        sentence_qs = []
        while qi < len(quantities) and quantities[qi].start() < se:
            if quantities[qi].start() >= ss:
                sentence_qs.append(quantities[qi])
            qi += 1
        di = bisect.bisect_left(d_starts, ss)
        dj = bisect.bisect_left(d_starts, se, di)
        if sentence_qs:
            sentence = _Sentence(text, ss, se, deadlines[di:dj], date)
            cqi = 0
            for cs, ce in clause_bounds(text, ss, se):
                while cqi < len(sentence_qs) and sentence_qs[cqi].start() < cs:
                    cqi += 1
                cqj = cqi
                while cqj < len(sentence_qs) and sentence_qs[cqj].start() < ce:
                    cqj += 1
                clause_qs = sentence_qs[cqi:cqj]
                cqi = cqj
                if not clause_qs:
                    continue
                if _rejects_clause(
                    text,
                    sentence,
                    cs,
                    ce,
                    occurs,
                    undated=carry is None and outer is None,
                    in_target_section=in_target_section,
                    in_past_section=in_past_section,
                ):
                    _numeral_diagnostics(clause_qs, diagnostics)
                    continue
                readings = _read_clause(text, cs, ce, clause_qs, diagnostics, occurs)
                cdi = bisect.bisect_left(d_starts, cs)
                cdj = bisect.bisect_left(d_starts, ce, cdi)
                by_item = _respective_deadlines(text, deadlines[cdi:cdj])
                for k, r in enumerate(readings):
                    own, own_carrying = sentence.own(r.start)
                    if by_item and k < len(by_item) and r.start >= by_item[-1].end:
                        own = by_item[k]  # 2024年、2025年分别突破N、M: one year per item
                        own_carrying = own if own.carries else None
                    deadline = own or carry or outer
                    if own is None and carry is not None and occurs(_RECURRING, cs, r.start, ce):
                        deadline = outer  # 每年培育600家: a rate per year, not a stock by a date
                    if not _is_commitment(
                        text,
                        r,
                        sentence,
                        cs,
                        ce,
                        deadline,
                        own_carrying,
                        occurs,
                        in_target_section=in_target_section,
                        in_past_section=in_past_section,
                    ):
                        continue
                    if r.cut and r.indicator is not None:
                        r.indicator = (r.indicator[0], _cut_at_predicate(text, *r.indicator))
                    if r.inherit_indicator and previous is not None:
                        indicator_span = previous.indicator_span
                    else:
                        indicator_span = r.indicator
                    target = _build(
                        text, r, cs, ce, sentence, deadline, sections, indicator_span, occurs
                    )
                    out.append(target)
                    previous = target
        for k in range(di, dj):
            if deadlines[k].carries:
                carry = deadlines[k]
    return out


def _rejects_clause(
    text: str,
    sentence: _Sentence,
    cs: int,
    ce: int,
    occurs: _Occurs,
    *,
    undated: bool,
    in_target_section: bool,
    in_past_section: bool,
) -> bool:
    """Whether ``_is_commitment`` rejects every quantity of the clause, whatever its reading.

    Only tests ``_is_commitment`` makes for the whole clause or sentence are asked
    here, so a clause skipped is one whose readings would all be dropped.
    """
    lex = lexicon()
    ss, se = sentence.start, sentence.end
    # definitions and norms, grants, eligibility conditions: any quantity of the clause
    if occurs(lex.norm, ss, ce, se) or occurs(lex.grant, cs, ce, ce):
        return True
    if sentence.eligibility:
        return True
    # past facts: no carrying deadline in the sentence to make them plans
    if not any(d.carries for d in sentence.deadlines) and (
        in_past_section or occurs(_PERFECTIVE, cs, ce, ce)
    ):
        return True
    # no evidence at all: no deadline anywhere to date it, not a 目标 section, no
    # evidence word in the clause, no modal or aspiration in the sentence before its end
    return (
        undated
        and not sentence.deadlines
        and not in_target_section
        and lex.evidence.search(text, cs, ce) is None
        and not occurs(lex.modal, ss, ce, se)
        and not occurs(lex.aspirational, ss, ce, se)
    )


def _numeral_diagnostics(qs: list[re.Match[str]], diagnostics: list[Diagnostic]) -> None:
    """The diagnostics ``_read_clause`` reports for quantities it cannot convert."""
    for m in qs:
        try:
            _quantity_value(m)
        except errors.NumeralError as exc:
            diagnostics.append(
                Diagnostic(
                    code=errors.NUMERAL_NOT_CONVERTIBLE, message=str(exc), span=(m.start(), m.end())
                )
            )


class _Sentence:
    """A sentence with its deadlines, for questions asked once per quantity in it."""

    def __init__(
        self, text: str, start: int, end: int, deadlines: list[Deadline], date: dt.date | None
    ) -> None:
        self.start, self.end, self.date = start, end, date
        self.deadlines = deadlines
        # eligibility conditions: 对年营业收入超过1000万元的企业…
        self.eligibility = (
            lexicon().eligibility_at_start.match(_strip_marker(text[start : start + 12]))
            is not None
        )
        self._ends = [d.end for d in deadlines]  # in order: deadlines do not overlap
        self._last_carrying: list[int] = []
        last = -1
        for i, d in enumerate(deadlines):
            last = i if d.carries else last
            self._last_carrying.append(last)
        # years before the document's own year: figures dated by them are facts
        self._past_years: list[tuple[int, int]] = []
        if date is not None:
            for y in _YEAR.finditer(text, start, end):
                if int(parse_number(y.group("y"))) < date.year:
                    self._past_years.append((y.start(), y.end()))
        self._past_starts = [y[0] for y in self._past_years]

    def own(self, pos: int) -> tuple[Deadline | None, Deadline | None]:
        """The last deadline of the sentence ending before ``pos``, and the last carrying one."""
        i = bisect.bisect_right(self._ends, pos)
        if i == 0:
            return None, None
        j = self._last_carrying[i - 1]
        return self.deadlines[i - 1], (self.deadlines[j] if j >= 0 else None)

    def past_year_between(self, lo: int, pos: int) -> bool:
        """Whether a year before the document's own stands in ``[lo, pos)``."""
        i = bisect.bisect_left(self._past_starts, lo)
        return i < len(self._past_years) and self._past_years[i][1] <= pos


def _respective_deadlines(text: str, ds: list[Deadline]) -> list[Deadline]:
    """The dates of "2024年、2025年分别…": two or more joined by 、/和 and then 分别."""
    i = 0
    while i < len(ds):
        run = [ds[i]]
        while len(run) < len(ds) - i and _DATE_LIST_SEP.fullmatch(
            text, run[-1].end, ds[i + len(run)].start
        ):
            run.append(ds[i + len(run)])
        if len(run) > 1 and _RESPECTIVELY_START.match(text, run[-1].end):
            return run
        i += len(run)  # a run starting inside this one ends where it ends
    return []


def _read_clause(
    text: str,
    cs: int,
    ce: int,
    qs: list[re.Match[str]],
    diagnostics: list[Diagnostic],
    occurs: _Occurs,
) -> list[_Reading]:
    lex = lexicon()
    # The clause proper, without its closing punctuation.
    body_end = ce
    while body_end > cs and text[body_end - 1] in "。！？；!?;：:，,":
        body_end -= 1
    readings: list[_Reading] = []
    left_start = cs
    skip_until = -1
    cmp_until = -1
    respectively: list[tuple[int, int]] = []
    respectively_cmp: tuple[str, tuple[int, int]] | None = None
    respectively_kind: str | None = None
    for i, m in enumerate(qs):
        try:
            value, value_max, unit = _quantity_value(m)
        except errors.NumeralError as exc:
            diagnostics.append(
                Diagnostic(
                    code=errors.NUMERAL_NOT_CONVERTIBLE, message=str(exc), span=(m.start(), m.end())
                )
            )
            continue
        q_start, q_end = m.start(), m.end()
        next_start = qs[i + 1].start() if i + 1 < len(qs) else body_end
        if _is_modifier(text, m, next_start, i + 1 < len(qs), cs):
            continue  # 5米远场识别率超过92%: 5米 is part of the next quantity's indicator
        # post comparator (以上, 左右) right after the unit
        comparator, comparator_span = "=", None
        pre_found = False
        post = lex.post_comparator_at_start.match(text, q_end, body_end)
        consumed = q_end
        if post:
            ws = post.start("word")
            comparator = lex.post_comparators[post.group("word")]
            comparator_span = (ws, post.end("word"))
            consumed = post.end()
        elif m.group("infix"):
            comparator = lex.infix_comparators[m.group("infix")]
            comparator_span = (m.start("infix"), m.end("infix"))
        # the left context, from the clause start or the previous quantity
        ls = max(left_start, cs)
        le = q_start
        kind: str | None = None
        pre = _at_end(lex.pre_comparator_at_end, text, ls, le)
        if pre:
            pre_found = True
            if comparator_span is None:
                comparator = lex.pre_comparators[pre.group("word")]
                comparator_span = (pre.start("word"), pre.end("word"))
            le = pre.start()
        elif comparator_span is None:
            # 至少配备1名: an adverbial comparator before the verb that takes the count
            v = _at_end(lex.verb_at_end, text, ls, le)
            adv = _at_end(lex.pre_comparator_at_end, text, ls, v.start()) if v else None
            if adv and adv.group("word") not in lex.words["verbs"]:
                comparator = lex.pre_comparators[adv.group("word")]
                comparator_span = (adv.start("word"), adv.end("word"))
        shift = _at_end(lex.reduction_at_end, text, ls, le)
        if shift:
            kind = "reduction"
            le = shift.start()
        else:
            shift = _at_end(lex.growth_at_end, text, ls, le)
            if shift:
                kind = "growth_rate" if unit in _RATE_UNITS else "increment"
                le = shift.start()
        baseline_year = None
        base = _at_end(_BASELINE_END, text, ls, le)
        if base:
            if base.group("year"):
                baseline_year = int(parse_number(base.group("year")))
            else:
                baseline_year = lex.periods[base.group("plan")][1]
            le = base.start()
        resp = _at_end(_RESPECTIVELY_END, text, ls, le)
        if resp:
            le = resp.start()
            if pre:  # 分别超过: pre comparator may stand before 分别 too
                pass
        else:
            pre2 = _at_end(lex.pre_comparator_at_end, text, ls, le)
            if pre2 and not pre:
                pre_found = True
        summary = _at_end(_SUMMARY_END, text, ls, le) is not None
        core_s, core_e = _core(text, ls, le)
        left_has_verb = (
            lex.verb_at_start.match(text, core_s, core_e) is not None
            or _at_end(lex.verb_at_end, text, core_s, core_e) is not None
        )
        indicator: tuple[int, int] | None = None
        right_indicator = False
        cut = False
        if i <= cmp_until and comparator_span is None and respectively_cmp is not None:
            comparator, comparator_span = respectively_cmp  # 分别突破N、M: 突破 for both
        if resp and comparator_span is not None:
            j = i
            while j + 1 < len(qs) and _SEPARATOR_ONLY.match(
                text[_post_end(text, qs[j], body_end) : qs[j + 1].start()]
            ):
                j += 1
            respectively_cmp, cmp_until = (comparator, comparator_span), j
        if i <= skip_until and respectively:
            indicator = respectively[i - (skip_until - len(respectively) + 1)]
            if kind is None and respectively_kind is not None:
                kind = respectively_kind
        elif resp and core_e > core_s:
            group = [i]
            j = i
            while j + 1 < len(qs) and _SEPARATOR_ONLY.match(
                text[_post_end(text, qs[j], body_end) : qs[j + 1].start()]
            ):
                j += 1
                group.append(j)
            parts = _split_parts(text, core_s, core_e, len(group))
            if len(group) > 1 and len(parts) != len(group):
                # 城乡居民人均可支配收入分别增长5.5%左右和6%左右: one name (its
                # parts unnamed) measured twice, each value with the verb's kind
                parts = [(core_s, core_e)] * len(group)
                respectively_kind = kind
            else:
                respectively_kind = None
            if len(parts) == len(group) and len(group) > 1:
                respectively = parts
                respectively_cmp = (comparator, comparator_span) if comparator_span else None
                skip_until = j
                indicator = parts[0]
            else:
                indicator = (core_s, core_e)
        elif (
            core_e > core_s
            and _at_end(lex.verb_at_end, text, core_s, core_e) is None
            and not text.startswith("的", _strip_spans(text, core_s, le)[1] - 1)
        ):
            indicator = _left_indicator(
                text, core_s, core_e, keep_verb=pre_found and unit in _RATE_UNITS
            )
            if indicator[0] >= indicator[1]:
                indicator = None
        if summary and left_has_verb:
            indicator = None  # 突破A、B等5类关键技术: the object after the unit is measured
        if indicator is None or indicator[0] >= indicator[1]:
            rs = consumed
            if text.startswith("的", rs):
                rs += 1
            re_ = next_start
            rs, re_ = _trim_right(text, rs, re_)
            if re_ > rs:
                # a long object is cut where its predicate starts, once it is known
                # to be a target (jieba is asked only then)
                cut = left_has_verb and re_ - rs > 6
                indicator = (rs, re_)
                right_indicator = True
                consumed = max(consumed, next_start if i + 1 < len(qs) else re_)
            else:
                indicator = None
        if (
            right_indicator
            and pre is not None
            and comparator_span == (pre.start("word"), pre.end("word"))
            and pre.group("word") in lex.verb_comparators
        ):
            # 突破50项关键技术: the verb counts its object (=); 规模突破600亿元 stays >
            comparator = lex.verb_comparators[pre.group("word")]
            left_has_verb = True
        # an adding word before the number (培育, 新增…) is evidence of a plan
        adds = occurs(lex.increment, cs, q_start, ce)
        if kind is None:
            # [indicator][达到/超过][N]: the subject reaches a level unless a word says
            # "new" or "in all" (新增企业达到100家); [verb][N][object]: the verb adds
            subject = pre_found and not right_indicator
            if unit in _RATE_UNITS and unit != "倍":
                kind = "share"
            elif adds and (not subject or occurs(lex.strong_increment, cs, q_start, ce)):
                kind = "increment"
            else:
                kind = "level"
        reading = _Reading(
            match=m,
            start=q_start,
            end=q_end,
            value=value,
            value_max=value_max,
            unit=unit,
            comparator=comparator,
            comparator_span=comparator_span,
            kind=kind,
            indicator=indicator,
            inherit_indicator=indicator is None,
            baseline_year=baseline_year,
            left_has_verb=left_has_verb,
            right_indicator=right_indicator,
            pre_comparator=pre_found,
            summary=summary,
            cut=cut,
            adds=adds,
        )
        readings.append(reading)
        left_start = consumed
    return _drop_modifiers(text, readings, body_end)


def _post_end(text: str, m: re.Match[str], limit: int) -> int:
    post = lexicon().post_comparator_at_start.match(text, m.end(), limit)
    return int(post.end()) if post else int(m.end())


def _split_parts(text: str, s: int, e: int, n: int) -> list[tuple[int, int]]:
    """Split ``A、B和C`` into ``n`` indicators: at 、 first, then also at 和/与."""
    for pattern in (_SPLIT_LIST_STRICT, _SPLIT_LIST):
        parts: list[tuple[int, int]] = []
        pos = s
        for sep in pattern.finditer(text, s, e):
            parts.append((pos, sep.start()))
            pos = sep.end()
        parts.append((pos, e))
        parts = [p for p in parts if p[1] > p[0]]
        if len(parts) == n:
            return parts
    return [(s, e)]


def _core(text: str, s: int, e: int) -> tuple[int, int]:
    """Strip scope, aspiration, deadlines and connectors from the left of an indicator."""
    lex = lexicon()
    deadlines = deadlines_of(text, date=None)
    s, e = _strip_spans(text, s, e)
    while True:
        before = s
        m = lex.lead_at_start.match(text, s, e)
        if m and m.end() > s:
            s = m.end()
        m = _CONNECTOR_START.match(text, s, e)
        if m and m.end() > s:
            s = m.end()
        for d in deadlines.starting(s, s + 3, e):  # 到2025年, 在2025年: at most 2 characters in
            if text[s : d.start] in {"", "在", "于", "到", "至"}:
                s = d.end
                break
        m = _CONNECTOR_START.match(text, s, e)
        if m and m.end() > s:
            s = m.end()
        if s < e and text[s] == "的":
            s += 1
        if s == before:
            break
    m = _connector_end(text, s, e)
    if m and m.start() >= s:
        e = m.start()
    if e > s and text[e - 1] == "的":
        e -= 1
    return _strip_spans(text, s, e)


@cache
def _recurring_verb() -> re.Pattern[str]:
    """每年实施, 每季度开展: a frequency and the verb it counts (built on first use)."""
    verbs = "|".join(sorted(lexicon().words["verbs"], key=len, reverse=True))
    return compile_re(rf"每(?:年|季度|月|半年)(?:{verbs})")


# The first characters of lexicon().linking_verb (its lookahead consumes nothing).
_LINKING_FIRST = compile_re(r"[实使推促确力争带]")


def _left_indicator(text: str, s: int, e: int, *, keep_verb: bool = False) -> tuple[int, int]:
    lex = lexicon()
    pivot = False
    while not keep_verb:
        v = lex.verb_at_start.match(text, s, e)
        if v and v.end() < e:
            pivot = pivot or lex.pivot_at_start.match(text, s, e) is not None
            s = v.end()
            sep = _VERB_SEP.match(text, s, e)  # 遴选、推介
            if sep and lex.verb_at_start.match(text, sep.end(), e):
                s = sep.end()
            continue
        break
    recurring = list(_recurring_verb().finditer(text, s, e)) if text.find("每", s, e) >= 0 else []
    if recurring and recurring[-1].end() < e - 1:
        s = recurring[-1].end()  # 依托省级科技计划每年实施[信息技术创新重大项目]
    if pivot:
        # 推进[制造业创新中心]攻克[产业基础技术]: after a causative verb the
        # measured thing is the object of the second verb.
        inner = lex.verb_anywhere.search(text, s + 2, e)
        if inner and inner.end() < e - 1:
            s = inner.end()
    last_bracket = _at_end(_TRAILING_BRACKET, text, s, e, window=False)
    if last_bracket and last_bracket.start() > s:
        e = last_bracket.start()  # 人工智能算力规模(FP16)
    last = None
    if _LINKING_FIRST.search(text, s, e):
        for m in lex.linking_verb.finditer(text, s, e):
            last = m
    if last is not None and last.end() < e - 1:
        s = last.end()
    s2, e2 = _core(text, s, e)
    return (s2, e2) if e2 > s2 else (s, e)


def _trim_right(text: str, s: int, e: int) -> tuple[int, int]:
    s, e = _strip_spans(text, s, e)
    m = _connector_end(text, s, e)
    if m and m.start() >= s:
        e = m.start()
    return _strip_spans(text, s, e)


_PUNCT = compile_re(r"[，,、；;。]")
_NOUN_JOINERS = frozenset({"与", "和", "及", "同", "及其"})
_VERB_SEP = compile_re(r"[、和及与]")
_TRAILING_BRACKET = compile_re(r"(?:（[^（）]*）|\([^()]*\))\s*$")


def _is_modifier(text: str, m: re.Match[str], next_start: int, has_next: bool, cs: int) -> bool:
    """A quantity that qualifies the indicator of the next one (5米远场识别率超过92%)."""
    lex = lexicon()
    if not has_next or m.group("infix") or m.group("unit") in _RATE_UNITS:
        return False
    between = text[m.end() : next_start]
    if (
        not between
        or lex.post_comparator_at_start.match(between)
        or _CONNECTOR_START.match(between)
    ):
        return False
    if _PUNCT.search(between):
        return False
    if _at_end(lex.verb_at_end, text, cs, m.start()) or _at_end(
        lex.pre_comparator_at_end, text, cs, m.start()
    ):
        return False
    return bool(
        lex.pre_comparator_at_end.search(between)
        or lex.growth_at_end.search(between)
        or lex.reduction_at_end.search(between)
    )


def _cut_at_predicate(text: str, s: int, e: int) -> int:
    """End an object noun phrase where a predicate starts (jieba decides the boundary)."""
    from .. import segmenter

    last_de = text.rfind("的", s, e)
    floor = (last_de + 1 if last_de >= 0 else s) - s
    chunk = text[s:e]
    lex = lexicon()
    # A phrase ending in a head noun (…园区, …基地) is one object: verbs inside it
    # (集聚, 培养) modify the head; only an adverb or preposition starts a predicate.
    headed = lex.head_noun_at_end.search(chunk) is not None
    for w in segmenter.iter_words(chunk):  # stops at the first word that cuts
        if w.start < max(floor, 2):
            continue
        if w.word in _NOUN_JOINERS:
            continue  # 智能物流与仓储装备: 与 joins nouns (jieba tags it p)
        if w.pos in {"d", "p"} or w.word in lex.words["clause_links"]:
            return s + w.start
        if not headed and w.word in lex.words["verbs"]:
            return s + w.start
    return e


def _drop_modifiers(text: str, readings: list[_Reading], body_end: int) -> list[_Reading]:
    """5米远场识别率超过92%: the first quantity qualifies the indicator of the second."""
    lex = lexicon()
    out: list[_Reading] = []
    for i, r in enumerate(readings):
        if i + 1 < len(readings) and not r.pre_comparator and r.comparator_span is None:
            nxt = readings[i + 1]
            between = text[r.end : nxt.start]
            if (
                between
                and not _CONNECTOR_START.match(between)
                and (
                    lex.pre_comparator_at_end.search(between)
                    or lex.growth_at_end.search(between)
                    or lex.reduction_at_end.search(between)
                )
            ):
                if nxt.indicator is not None and not nxt.right_indicator:
                    start = r.start
                    nxt.indicator = (start, nxt.indicator[1])
                continue
        out.append(r)
    return out


def _is_commitment(
    text: str,
    r: _Reading,
    sentence: _Sentence,
    cs: int,
    ce: int,
    deadline: Deadline | None,
    own_carrying: Deadline | None,
    occurs: _Occurs,
    *,
    in_target_section: bool,
    in_past_section: bool,
) -> bool:
    """Whether reading ``r`` states a commitment, for a clause ``_rejects_clause`` let through."""
    lex = lexicon()
    m = r.match
    unit_kind = lex.units.get(r.unit.split("/")[0], "rate" if r.unit in _RATE_UNITS else "")
    ss, se, date = sentence.start, sentence.end, sentence.date
    # counts of the document's own parts: 从以下三个方面, 等6个方面
    # ... unless a verb takes the count as its object: 突破A、B等5类关键技术
    if r.summary and not r.left_has_verb:
        return False
    meta = lex.meta_noun_at_start.match(text, r.end, ce)
    if meta and not (meta.group().strip() == "目标" and r.left_has_verb):
        return False  # …but 实现入库企业3万家目标: the verb reaches the count as a goal
    if text.startswith(("的方面", "方面"), r.end, ce):
        return False
    # small Chinese numerals only with a limit word: 至少一所 yes; 一批, 两个文件, 三项制度 no
    num = m.group("num")
    if num and _CN_DIGITS_ONLY.match(num) and r.value < 10:
        if r.comparator not in {">=", "<=", "~"} or r.unit == "批":
            return False
    # a frequency: 每3年修订1次
    if r.unit == "次" and occurs(_RECURRING, cs, r.start, ce):
        return False
    # a count of the items just listed: 北京、吉林、…、贵州10个省
    listed = _at_end(_LISTED_BEFORE, text, cs, r.start)
    if listed and not r.pre_comparator and not (r.summary and r.left_has_verb):
        return False
    # past facts
    if own_carrying is None and (
        in_past_section or occurs(lex.past, ss, r.start, se) or occurs(_PERFECTIVE, cs, ce, ce)
    ):
        return False
    # a year before the document's own, not inside or before a carrying deadline
    if sentence.past_year_between(own_carrying.end if own_carrying else ss, r.start):
        return False
    if date is not None and deadline is not None and deadline.date is not None:
        if deadline.date.year < date.year:
            return False  # 比“十一五”末提高…, 2015年实现产值… in a 2016 plan: facts
    # quotas on submissions: 推荐项目不超过5个, 每个单位限报2项
    if unit_kind == "count" and _is_quota(r, cs, ce, occurs):
        return False
    # counts of the document's own indicator kinds: 将三级指标归纳为26个控制项
    if occurs(lex.classifying, cs, r.start, ce):
        return False
    # (definitions and norms, grants and eligibility conditions: ruled out for the whole
    # clause by _rejects_clause before any of its quantities is read)
    # a duty time or a grade, not a target: 必须24小时值班, 10EB级数据
    if unit_kind == "time" and r.comparator == "=" and r.kind == "level" and deadline is None:
        return False
    if text.startswith("级", r.end):
        return False
    # 超过1000人规模的学校: a comparator opening the clause qualifies a noun after 的
    if (
        r.pre_comparator
        and r.comparator_span is not None
        and r.comparator_span[1] <= r.start
        and _only(text, cs, r.comparator_span[0], " \t\u3000，,、")
        and _ATTRIBUTE_AFTER.match(text, _post(text, r, ce), ce)
    ):
        return False
    # subsidies and rewards
    if unit_kind == "money" and occurs(lex.subsidy, cs, ce, ce):
        return False
    if unit_kind == "money" and text.startswith("的", _post(text, r, ce)):
        return False
    # attribute thresholds: 生产能力120万吨/年以上大型煤矿
    post_end = _post(text, r, ce)
    if (
        r.comparator in {">=", "<="}
        and r.comparator_span is not None
        and r.comparator_span[0] >= r.end
        and not r.right_indicator
        and r.indicator is not None
        and not r.pre_comparator
        and unit_kind != "rate"
        and _NOUNISH_START.match(text, post_end, ce)
        and not text.startswith("的", post_end)
    ):
        return False
    # evidence of a commitment
    return bool(
        deadline is not None
        or (r.pre_comparator and unit_kind == "rate")
        or occurs(lex.modal, ss, r.start, se)
        or occurs(lex.aspirational, ss, r.start, se)
        or r.left_has_verb
        or (r.adds and r.kind != "share")
        or r.kind in {"increment", "growth_rate", "reduction"}
        or in_target_section
    )


def _only(text: str, start: int, end: int, chars: str) -> bool:
    """Whether ``text[start:end]`` holds nothing but ``chars`` (read up to the first other)."""
    for i in range(start, end):
        if text[i] not in chars:
            return False
    return True


def _is_quota(r: _Reading, cs: int, ce: int, occurs: _Occurs) -> bool:
    """A cap on what is put forward for selection: 推荐…不超过N个, 限报N项."""
    lex = lexicon()
    if r.comparator in {"<=", "<"}:
        return occurs(lex.application, cs, r.start, ce)
    return occurs(lex.quota, cs, r.start, ce)


def _post(text: str, r: _Reading, ce: int) -> int:
    if r.comparator_span is not None and r.comparator_span[0] >= r.end:
        return r.comparator_span[1]
    return r.end


_MARKER_PREFIX = compile_re(
    r"^[\s\u3000]*(?:[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、]|[一二三四五六七八九十]+、)?"
)


def _strip_marker(s: str) -> str:
    return str(_MARKER_PREFIX.sub("", s, count=1))


def _build(
    text: str,
    r: _Reading,
    cs: int,
    ce: int,
    sentence: _Sentence,
    deadline: Deadline | None,
    sections: Sequence[Section],
    indicator_span: tuple[int, int] | None,
    occurs: _Occurs,
) -> Target:
    lex = lexicon()
    s, e = cs, ce
    while e > s and text[e - 1] in "。！？；!?;：:，, \t\u3000\n":
        e -= 1
    s, e = _strip_spans(text, s, e)
    s = min(s, r.start)
    e = max(e, r.end)
    if e - s > CLAUSE_TEXT_MAX:
        # Text that lost its punctuation (a PDF's, a page's) is one "clause" of any length:
        # the evidence is then the target's own pieces with a little text around them,
        # so that every target does not carry a copy of the whole run.
        pieces = [(r.start, r.end)]
        if r.comparator_span is not None:
            pieces.append(r.comparator_span)
        if indicator_span is not None and s <= indicator_span[0] and indicator_span[1] <= e:
            pieces.append(indicator_span)
        lo = min(p[0] for p in pieces) - CLAUSE_CONTEXT
        hi = max(p[1] for p in pieces) + CLAUSE_CONTEXT
        s, e = _strip_spans(text, max(s, lo), min(e, hi))
    aspirational = occurs(lex.aspirational, sentence.start, r.start, sentence.end) or (
        deadline is not None
        and bool(lex.aspirational.search(text, max(0, deadline.start - 4), deadline.start))
    )
    cmp_raw = text[r.comparator_span[0] : r.comparator_span[1]] if r.comparator_span else None
    dl_ok = deadline is not None and deadline.date is not None
    return Target(
        text=text[s:e],
        span=(s, e),
        indicator=text[indicator_span[0] : indicator_span[1]] if indicator_span else None,
        indicator_span=indicator_span,
        value=r.value,
        value_max=r.value_max,
        unit=r.unit,
        quantity_raw=text[r.start : r.end],
        quantity_span=(r.start, r.end),
        comparator=r.comparator,  # type: ignore[arg-type]
        comparator_raw=cmp_raw,
        comparator_span=r.comparator_span,
        aspirational=aspirational,
        deadline=deadline.date if dl_ok and deadline else None,
        deadline_raw=deadline.raw if dl_ok and deadline else None,
        deadline_span=(deadline.start, deadline.end) if dl_ok and deadline else None,
        period=deadline.period if dl_ok and deadline else None,
        kind=r.kind,  # type: ignore[arg-type]
        baseline_year=r.baseline_year,
        section_path=section_path(sections, r.start),
    )
