"""Indicator tables in plain text: one target per row, the target-year column read.

A 规划 states its main indicators as a table (指标 | 单位 | 2020年 | 2025年 | 属性).
Extracted to plain text, a row is one line of cells split by tabs or spaces, or
flattened to one cell per line. Both are recognised by the row's last cell, the
属性 of the indicator (约束性 or 预期性), and read against the header above them
(the cells up to 属性): the column of the latest year is the target, the others
are base values and never targets.

Row reading:

* indicator — the 指标 cell, without a trailing unit in brackets (``森林覆盖率（%）``)
* value     — the target-year cell: ``65``, ``>7``, ``〔13.5〕``, ``5.5以下``; text
  (``保持在合理区间``) or a dash gives no target
* unit      — the 单位 cell, else the bracketed unit of the indicator; 万/亿 folded
* deadline  — the end of the target year named in the header
* kind      — from the indicator's words (下降 → reduction, 增长 → growth_rate,
  率/比重/占比 with % → share, else level)
* binding   — 约束性 True, 预期性 False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import regex

from ..models import Section, Target
from ..numerals import MAGNITUDES, parse_number
from .layout import section_path
from .lexicon import AR, lexicon

__all__ = ["TableRow", "find_table_rows"]

# The 属性 cell that closes a row.
_BINDING = {"约束性": True, "预期性": False}
_HEADER_WORDS = ("属性", "指标", "单位", "序号", "名称", "类别", "领域", "基期", "目标", "年")


def _words(words: dict[str, str]) -> str:
    return "(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class _Grammar:
    property: regex.Pattern[str]  # the 属性 cell that closes a row
    cell: regex.Pattern[str]
    loose_cell: regex.Pattern[str]
    year: regex.Pattern[str]
    not_header: regex.Pattern[str]
    dash: regex.Pattern[str]
    serial: regex.Pattern[str]
    value: regex.Pattern[str]
    bracket_unit: regex.Pattern[str]
    magnitude_unit: regex.Pattern[str]


@cache
def _grammar() -> _Grammar:
    """The table patterns, compiled on the first text that holds a 属性 word (few do)."""
    lex = lexicon()
    return _Grammar(
        property=regex.compile(r"(?:^|(?<=[\t \u3000]))(?P<p>约束性|预期性)[\t \u3000]*$", regex.M),
        cell=regex.compile(r"[^\t \u3000]+(?:[ ](?![ \t\u3000])[^\t \u3000]+)*"),
        loose_cell=regex.compile(r"[^\t \u3000]+"),
        year=regex.compile(r"(?P<y>[12１２][0-9０-９]{3})\s*年"),
        not_header=regex.compile(r"[：:。，,；;]|专栏|^表"),
        dash=regex.compile(r"^[—–\-－─]+$"),
        serial=regex.compile(r"^[0-9０-９]{1,2}[.．、]?$"),
        # A value cell: optional comparator, a number, optional post comparator; 〔〕
        # marks a cumulative figure over the period and is kept out of the number.
        value=regex.compile(
            rf"""^[〔\[［【(（]?\s*
                (?P<cmp>{_words({**lex.sign_comparators, **lex.pre_comparators})})?\s*
                (?P<num>{AR})\s*
                (?P<mag>万亿|亿|千万|百万|万)?
                (?P<post>{_words(lex.post_comparators)})?\s*
                [〕\]］】)）]?\s*[*\uFF0A]?$""",  # 60.6* marks an estimate
            regex.VERBOSE,
        ),
        bracket_unit=regex.compile(r"[（(](?P<u>[^（）()]{1,12})[）)]\s*$"),
        magnitude_unit=regex.compile(r"^(?P<mag>万亿|亿|千万|百万|万)(?P<unit>.+)$"),
    )


@dataclass(frozen=True)
class _Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TableRow:
    """The span of a row read as a target, so the sentence reader leaves it alone."""

    start: int
    end: int


def _cells(text: str, start: int, end: int) -> list[_Cell]:
    line = text[start:end]
    # Cells are split at a tab or at two or more spaces; when the line uses single
    # spaces only, at every space.
    grammar = _grammar()
    pattern = (
        grammar.cell if ("\t" in line or "  " in line or "\u3000" in line) else grammar.loose_cell
    )
    return [_Cell(start + m.start(), start + m.end(), m.group()) for m in pattern.finditer(line)]


def _lines_before(text: str, pos: int, stop: int, limit: int) -> list[tuple[int, int]]:
    """Up to ``limit`` non-empty lines between ``stop`` and ``pos`` (stripped), nearest first."""
    out: list[tuple[int, int]] = []
    end = text.rfind("\n", 0, pos)
    while end >= stop and len(out) < limit:
        start = text.rfind("\n", 0, end) + 1
        s, e = start, end
        while s < e and text[s] in " \t\u3000\r":
            s += 1
        while e > s and text[e - 1] in " \t\u3000\r":
            e -= 1
        if e > s:
            out.append((s, e))
        end = start - 1
    return out


def _is_header_cell(cell: str) -> bool:
    return (
        len(cell) <= 16
        and any(w in cell for w in _HEADER_WORDS)
        and _grammar().not_header.search(cell) is None
        and cell not in _BINDING
    )


def _header(text: str, pos: int, stop: int) -> list[_Cell] | None:
    """The header row between ``stop`` and ``pos``: a line of cells ending in 属性, or one
    cell a line up to a line 属性."""
    lines = _lines_before(text, pos, stop, 200)
    for i, (s, e) in enumerate(lines):
        cells = _cells(text, s, e)
        if len(cells) >= 3 and cells[-1].text == "属性":
            return cells
        if text[s:e] == "属性":
            header = [_Cell(s, e, "属性")]
            for s2, e2 in lines[i + 1 :]:
                if not _is_header_cell(text[s2:e2]):
                    break
                header.insert(0, _Cell(s2, e2, text[s2:e2]))
            return header if len(header) >= 3 else None
    return None


@dataclass(frozen=True)
class _Layout:
    width: int
    target: int  # column indexes counted from the right, as rows are aligned (-1 is 属性)
    year: int
    year_span: tuple[int, int]
    unit: int | None
    indicator: int | None


def _layout(text: str, header: list[_Cell]) -> _Layout | None:
    year = _grammar().year
    dated = [(i, m) for i, c in enumerate(header) if (m := year.search(c.text)) is not None]
    if not dated:
        return None
    ti, tm = max(dated, key=lambda x: int(parse_number(x[1].group("y"))))
    n = len(header)
    unit = next((i - n for i, c in enumerate(header) if "单位" in c.text), None)
    indicator = next(
        (i - n for i, c in enumerate(header) if ("指标" in c.text or "名称" in c.text) and i != ti),
        None,
    )
    span = (header[ti].start + tm.start(), header[ti].start + tm.end())
    return _Layout(
        width=n,
        target=ti - n,
        year=int(parse_number(tm.group("y"))),
        year_span=span,
        unit=unit,
        indicator=indicator,
    )


def _row_cells(text: str, line_start: int, prop: tuple[int, int], width: int) -> list[_Cell]:
    """The cells of the row that the 属性 cell at ``prop`` closes."""
    cells = _cells(text, line_start, prop[1])
    if len(cells) >= 3:
        return cells
    # one cell a line: the lines above, back to the previous row or the header
    out = [_Cell(prop[0], prop[1], text[prop[0] : prop[1]])]
    for s, e in _lines_before(text, line_start, 0, width - 1):
        cell = text[s:e]
        if cell in _BINDING or cell == "属性" or _cells(text, s, e)[-1].text in _BINDING:
            break
        out.insert(0, _Cell(s, e, cell))
    return out


def find_table_rows(
    text: str, *, sections: Sequence[Section] = ()
) -> tuple[list[Target], list[TableRow]]:
    """Targets read from the rows of indicator tables, and the spans of all rows read."""
    if "约束性" not in text and "预期性" not in text:
        return [], []
    targets: list[Target] = []
    rows: list[TableRow] = []
    layout: _Layout | None = None
    searched = 0  # the header is looked for above each row, back to the row before
    for pm in _grammar().property.finditer(text):
        line_start = text.rfind("\n", 0, pm.start()) + 1
        header = _header(text, line_start, searched)
        if header is not None:
            layout = _layout(text, header)
        searched = pm.end()
        if layout is None:
            continue
        cells = _row_cells(text, line_start, (pm.start("p"), pm.end("p")), layout.width)
        if len(cells) < 3 or len(cells) > layout.width:
            continue
        rows.append(TableRow(cells[0].start, cells[-1].end))
        target = _read_row(text, cells, layout, sections)
        if target is not None:
            targets.append(target)
    return targets, rows


def _cell_at(cells: list[_Cell], index: int | None) -> _Cell | None:
    if index is None or -index > len(cells):
        return None
    return cells[index]


def _tidy(value: Decimal) -> Decimal:
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


_CUMULATIVE = ("〔", "[", "［", "【")
_RATE = frozenset({"%", "‰", "个百分点"})


def _kind(indicator: str, unit: str, *, cumulative: bool) -> str:
    """The kind told by the indicator's own words (the row has no verb).

    单位GDP能源消耗降低 → reduction, 研发经费投入增长 → growth_rate (the word closes the
    name); 增加值占GDP比重, 森林覆盖率 → share; 新增城镇就业 or a 〔累计〕 figure →
    increment.
    """
    lex = lexicon()
    if lex.reduction_at_end.search(indicator):
        return "reduction"
    if lex.growth_at_end.search(indicator) and unit in _RATE:
        return "growth_rate"
    if lex.share_word.search(indicator) and unit in _RATE:
        return "share"
    if cumulative or lex.increment_at_start.match(indicator):
        return "increment"
    return "level"


def _read_row(
    text: str, cells: list[_Cell], layout: _Layout, sections: Sequence[Section]
) -> Target | None:
    lex = lexicon()
    value_cell = _cell_at(cells, layout.target)
    if value_cell is not None and _grammar().dash.match(value_cell.text) and layout.target < -2:
        # 单位GDP能源消耗降低 — — 〔13.5〕: a figure for the whole period stands in
        # the column after the target year (年均/累计)
        value_cell = cells[layout.target + 1]
    indicator_cell = _cell_at(cells, layout.indicator)
    if indicator_cell is None:
        serial = _grammar().serial
        named = [c for c in cells[: len(cells) + layout.target] if not serial.match(c.text)]
        indicator_cell = named[-1] if named else None
    if indicator_cell is None or value_cell is None or indicator_cell is value_cell:
        return None
    vm = _grammar().value.match(value_cell.text)
    if vm is None:
        return None  # 保持在合理区间, a dash: no number to reach
    # the unit: the 单位 column, else a bracket closing the indicator (森林覆盖率（%）)
    ind_s, ind_e = indicator_cell.start, indicator_cell.end
    unit_raw: str | None = None
    bm = _grammar().bracket_unit.search(indicator_cell.text)
    if bm and bm.start() > 0:
        unit_raw = bm.group("u").strip()
        ind_e = ind_s + bm.start()
    unit_cell = _cell_at(cells, layout.unit)
    if unit_cell is not None and unit_cell not in (value_cell, indicator_cell):
        unit_raw = unit_cell.text
    if not unit_raw:
        return None
    unit, factor = ("%", Decimal(1)) if unit_raw == "％" else (unit_raw, Decimal(1))
    mu = _grammar().magnitude_unit.match(unit_raw)
    if mu and mu.group("unit") in lex.units:
        unit, factor = mu.group("unit"), MAGNITUDES[mu.group("mag")]
    value = _tidy(parse_number(vm.group("num") + (vm.group("mag") or "")) * factor)
    comparator, cmp_span = "=", None
    before = {**lex.sign_comparators, **lex.pre_comparators}
    for group, table in (("cmp", before), ("post", lex.post_comparators)):
        if vm.group(group):
            comparator = table[vm.group(group)]
            cmp_span = (value_cell.start + vm.start(group), value_cell.start + vm.end(group))
            break
    indicator = text[ind_s:ind_e]
    kind = _kind(indicator, unit, cumulative=value_cell.text.startswith(_CUMULATIVE))
    q_span = (value_cell.start + vm.start("num"), value_cell.start + vm.end("num"))
    span = (cells[0].start, cells[-1].end)
    return Target(
        text=text[span[0] : span[1]],
        span=span,
        indicator=indicator,
        indicator_span=(ind_s, ind_e),
        value=value,
        unit=unit,
        quantity_raw=text[q_span[0] : q_span[1]],
        quantity_span=q_span,
        comparator=comparator,  # type: ignore[arg-type]
        comparator_raw=text[cmp_span[0] : cmp_span[1]] if cmp_span else None,
        comparator_span=cmp_span,
        deadline=dt.date(layout.year, 12, 31),
        deadline_raw=text[layout.year_span[0] : layout.year_span[1]],
        deadline_span=layout.year_span,
        kind=kind,  # type: ignore[arg-type]
        binding=_BINDING[cells[-1].text],
        section_path=section_path(sections, span[0]),
    )
