"""成文日期: the date standing on a line of its own (not an 印发 date, not a 施行 date)."""

from __future__ import annotations

import regex as re

from ..dates import DATE, date_from_match
from ..models import DocNumber
from ._common import Ctx, is_org

_ADOPTION = re.compile(r"^[^。，,；;]{0,40}?(?:通过|发布|公布|批准|签发|颁布)$")


_PRINTED = re.compile(r"印[发發]$")


def date_line(ctx: Ctx, i: int, number: DocNumber | None) -> tuple[re.Match[str], str] | None:
    """The date a line stands for, with its role: 'date', 'adopted' or 'printed'."""
    line = ctx.lines[i]
    s = line.text
    if "日" not in s or "年" not in s:
        return None  # every DATE spells out 年 and 日
    match = DATE.search(s)
    if match is None:
        return None
    head = s[: match.start()].strip()
    tail = s[match.end() :].strip()
    if number is not None and line.start <= number.span[0] < line.end:
        head = head.replace(number.text.strip(), "").strip()
        tail = tail.replace(number.text.strip(), "").strip()
    head = head.strip("（(〔[ 　")
    tail = tail.strip("）)〕] 　，,；;")
    if _PRINTED.search(tail) and len(tail) <= 4:
        return match, "printed"
    if tail and not _ADOPTION.match(tail):
        return None
    if head and not (len(head) <= 30 and is_org(head)):
        return None
    return match, "adopted" if tail else "date"


def find_date(ctx: Ctx, fields: dict[str, object], number: DocNumber | None) -> int | None:
    """成文日期: the first date standing alone on its line (not an 印发 date)."""
    for i in range(len(ctx.lines)):
        found = date_line(ctx, i, number)
        if found is None or found[1] == "printed":
            continue
        match, _ = found
        day = date_from_match(match)
        if day is None:
            continue
        line = ctx.lines[i]
        fields["date"] = day
        fields["date_raw"] = match.group()
        fields["date_span"] = (line.start + match.start(), line.start + match.end())
        return i
    return None
