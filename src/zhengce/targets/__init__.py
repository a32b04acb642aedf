"""Quantities -> Target records (the quantitative-targets stage).

>>> t = extract_targets("到2015年，实现科技服务业总收入超过150亿元，年均增长18%以上。")
>>> [(x.indicator, x.value, x.unit, x.comparator, str(x.deadline), x.kind) for x in t]
... # doctest: +NORMALIZE_WHITESPACE
[('科技服务业总收入', Decimal('15000000000'), '元', '>', '2015-12-31', 'level'),
 ('科技服务业总收入', Decimal('18'), '%', '>=', '2015-12-31', 'growth_rate')]

How a paragraph is read, in order:

0. ``tables`` reads the rows of indicator tables (指标 | 单位 | 2020年 | 2025年 |
   属性) by their columns; the sentence reader leaves those rows alone.
1. ``lexicon.quantity`` finds every number with a unit (no match: done, and the
   segmenter is never loaded).
2. ``layout`` gives paragraphs, sentences, clauses and the headings above them.
3. ``deadlines`` finds the dates; a carrying one heads the rest of its
   paragraph, the list its paragraph opens (``…：``), or its 目标 section.
4. ``reading`` reads each clause: comparator, kind, indicator, and whether the
   quantity is a commitment at all (past facts, subsidies, thresholds and
   counts of the document's own parts are not).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..models import Diagnostic, Section, Target
from .reading import read_document

__all__ = ["extract_targets", "find_targets"]


def find_targets(
    text: str, *, sections: Sequence[Section] = (), date: dt.date | None = None
) -> tuple[list[Target], list[Diagnostic]]:
    """Find the quantitative targets stated in ``text``.

    ``sections`` is the section tree (may be empty) and ``date`` the 成文日期
    that relative deadlines (年底前, 三年内) resolve against.
    """
    return read_document(text, sections=sections, date=date)


def extract_targets(text: str, *, date: dt.date | None = None) -> list[Target]:
    """The targets stated in a single paragraph or sentence."""
    return find_targets(text, date=date)[0]
