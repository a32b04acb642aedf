"""发文字号: standard (通政发〔2012〕26号), 令号 (国务院令第707号) and 公告号 (2021年第32号)."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from .. import errors
from ..dates import DATE
from ..models import Diagnostic, DocNumber
from ..numerals import parse_number
from ._common import Ctx, D, to_int

_OPEN = r"[〔\[［【(（﹝]"


_CLOSE = r"[〕\]］】)）﹞]"


_CN_NUM = "[〇零一二三四五六七八九十百千]"


DOC_NUMBER = re.compile(
    rf"""
    # 机关代字 + 〔年份〕 + 序号 + 号: 通政发〔2012〕26号, 国办发明电[2018]15号,
    # 京政发（2021）27 号, 粤府字〔2012〕第5号
    (?P<code>[\p{{Han}}A-Za-z]{{1,20}})\s*{_OPEN}\s*(?P<year>[12１２]{D}{{3}})\s*{_CLOSE}
        \s*(?:字\s*)?(?:第\s*)?(?P<serial>{D}{{1,5}})\s*[号號]
  | # 令号: 国务院令第707号, 中华人民共和国国务院令 第374号, 广州市人民政府令（第61号）
    (?P<dcode>[\p{{Han}}]{{1,30}}令)\s*[（(]?\s*第\s*(?P<dserial>{D}{{1,5}}|{_CN_NUM}{{1,8}})\s*号[）)]?
  | # 公告号: 国家税务总局公告2021年第32号
    (?P<acode>[\p{{Han}}]{{2,30}}公告)?\s*(?P<ayear>[12１２]{D}{{3}})\s*年\s*第\s*(?P<aserial>{D}{{1,5}})\s*号
    """,
    re.VERBOSE,
)


_NUMBER_LINE_REST = re.compile(
    r"""
    [\s\p{P}\p{S}A-Za-z0-9０-９]
  | 发文字号 | 文号 | 字号 | 索引号 | 发布日期 | 成文日期 | 发布 | 公布 | 印发
    """,
    re.VERBOSE,
)


def parse_doc_number(text: str) -> DocNumber:
    """Parse a 发文字号 that makes up the whole of ``text``.

    >>> n = parse_doc_number("通政发〔2012〕26号")
    >>> n.issuer_code, n.year, n.serial
    ('通政发', 2012, 26)
    >>> parse_doc_number("国务院令第707号").serial
    707
    """
    match = DOC_NUMBER.fullmatch(text.strip())
    if match is None:
        raise errors.DocNumberError(f"not a document number: {text!r}")
    offset = len(text) - len(text.lstrip())
    return _doc_number(match, offset)


def _doc_number(match: re.Match[str], offset: int = 0) -> DocNumber:
    span = (match.start() + offset, match.end() + offset)
    if match.group("code"):
        return DocNumber(
            text=match.group(),
            issuer_code=match.group("code"),
            year=to_int(match.group("year")),
            serial=to_int(match.group("serial")),
            span=span,
        )
    if match.group("dcode"):
        serial = match.group("dserial")
        return DocNumber(
            text=match.group(),
            issuer_code=match.group("dcode"),
            year=None,
            serial=to_int(serial)
            if serial[0] in "0123456789０１２３４５６７８９"
            else _cn_int(serial),
            family="decree",
            span=span,
        )
    text = match.group().lstrip()
    start = span[0] + (len(match.group()) - len(text))
    return DocNumber(
        text=text,
        issuer_code=match.group("acode"),
        year=to_int(match.group("ayear")),
        serial=to_int(match.group("aserial")),
        family="announcement",
        span=(start, span[1]),
    )


def _cn_int(text: str) -> int:
    return int(parse_number(text))


def find_doc_number(ctx: Ctx, top: list[int]) -> tuple[DocNumber | None, int | None]:
    """The first 发文字号 standing on a line of its own, at the top or else at the end."""
    n = len(ctx.lines)
    order = [*top, *range(max(len(top), n - 30), n)]
    in_top = set(top)
    for i in order:
        line = ctx.lines[i]
        # A 令号 may break after 令 ("中华人民共和国国务院令" / "第707号"): join two lines.
        window_end = (
            ctx.lines[i + 1].end if i + 1 < n and line.stripped.endswith("令") else line.end
        )
        window = ctx.text[line.start : window_end]
        if len(window) > 160 or ("号" not in window and "號" not in window):
            continue  # a 发文字号 stands on a short line of its own
        for match in _doc_numbers(window):
            if match.start() >= len(line.text):
                break
            rest = window[: match.start()] + window[match.end() :]
            rest = DATE.sub("", rest)
            title_suffix = i in in_top and bool(  # 关于…的通知(岳办发〔2017〕2号)
                SUFFIX_OPEN.search(window, 0, match.start())
                and SUFFIX_CLOSE.fullmatch(window, match.end(), len(line.text))
            )
            if len(_NUMBER_LINE_REST.sub("", rest)) > 12 and not title_suffix:
                continue
            number = _doc_number(match, line.start)
            if number.family == "standard":
                serial = _SERIAL_DIGITS.search(match.group())
                if serial and serial.group()[0] in "0０" and len(serial.group()) > 1:
                    ctx.diagnostics.append(
                        Diagnostic(
                            code=errors.SERIAL_ZERO_PADDED,
                            message=f"serial number printed with leading zeros: {match.group()}",
                            span=number.span,
                        )
                    )
            return number, i
    return None, None


def _doc_numbers(text: str) -> Iterable[re.Match[str]]:
    """DOC_NUMBER matches whose 机关代字 does not swallow a preceding date's 日."""
    dates = [m.end() for m in DATE.finditer(text)]
    for match in DOC_NUMBER.finditer(text):
        cut = next((end for end in dates if match.start() < end < match.end()), None)
        if cut is not None:
            while cut < len(text) and text[cut].isspace():
                cut += 1
            retry = DOC_NUMBER.match(text, cut)
            if retry is None:
                continue
            match = retry
        yield match


SUFFIX_OPEN = re.compile(r"[（(]\s*$")
SUFFIX_CLOSE = re.compile(r"\s*[）)]\s*")


_SERIAL_DIGITS = re.compile(rf"{D}+(?=\s*[号號]$)")
