"""The header stage: 发文字号, 标题, 文种, 主送机关, 成文日期, 发文机关, and the 版记.

GB/T 9704-2012 puts the header elements in a fixed order — 份号, 密级, 紧急程度,
发文机关标志 ("X文件"), 发文字号, 签发人, then 标题 and 主送机关 — and closes the
notice with the signature (发文机关署名) above the 成文日期, then 附注 and the
版记 (抄送, 印发机关和印发日期). Real texts lose some of these and add web-page
noise, so each element is looked for where the standard puts it, and a value
found only in a sentence of the body (a citation, a 施行 date) is never taken.
"""

from __future__ import annotations

import regex as re

from ..models import Diagnostic, Header
from ..source import Line
from ._common import Ctx, is_noise, vocab
from .footer import find_minor
from .numbers import DOC_NUMBER, find_doc_number, parse_doc_number
from .parties import find_addressees, find_issuer
from .signing import find_date
from .title import find_doc_type, find_title

__all__ = ["DOC_NUMBER", "parse_doc_number", "parse_header"]

_MARKER_LINE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、．.]|第[一二三四五六七八九十百零〇]+[章条节编]|"
    r"[（(][一二三四五六七八九十]{1,3}[）)])"
)


def parse_header(text: str, lines: list[Line]) -> tuple[Header, list[Diagnostic]]:
    """Find the header elements of a document."""
    content = [
        line for line in lines if (s := line.text.strip()) and not (len(s) <= 120 and is_noise(s))
    ]
    ctx = Ctx(text, content, [])
    fields: dict[str, object] = {}

    top = _top_zone(content)
    number, number_line = find_doc_number(ctx, top)
    if number is not None:
        fields["doc_number"] = number
    date_index = find_date(ctx, fields, number)
    title_lines = find_title(ctx, top, fields, number, date_index)
    find_doc_type(ctx, fields, number, number_line, title_lines)
    find_addressees(ctx, top, fields)
    find_issuer(ctx, top, fields, number, date_index)
    find_minor(ctx, top, fields)
    return Header.model_validate(fields), ctx.diagnostics


def _top_zone(lines: list[Line]) -> list[int]:
    """Indexes of the lines before the body starts (prose, a heading or 主送机关).

    A web page's metadata block (索引号:, 发布机构:, 文号:) stands in the zone
    without ending it or counting toward its length.
    """
    metadata = vocab().metadata
    zone: list[int] = []
    counted = 0
    for i, line in enumerate(lines[:60]):
        s = line.stripped
        if metadata.match(s):
            zone.append(i)
            continue
        counted += 1
        if counted > 15 or _MARKER_LINE.match(s) or "。" in s or len(s) > 80:
            break
        zone.append(i)
        if s.endswith(("：", ":")):
            break
    return zone
