"""The header stage: 发文字号, 标题, 文种, 主送机关, 成文日期, 发文机关, and the 版记.

GB/T 9704-2012 puts the header elements in a fixed order — 份号, 密级, 紧急程度,
发文机关标志 ("X文件"), 发文字号, 签发人, then 标题 and 主送机关 — and closes the
notice with the signature (发文机关署名) above the 成文日期, then 附注 and the
版记 (抄送, 印发机关和印发日期). Real texts lose some of these and add web-page
noise, so each element is looked for where the standard puts it, and a value
found only in a sentence of the body (a citation, a 施行 date) is never taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import regex as re

from . import errors
from .dates import DATE, date_from_match
from .models import Attachment, Diagnostic, DocNumber, EmbeddedDocument, Header, Span
from .source import Line
from .vocab import load_toml

# ---------------------------------------------------------------------------
# Grammar: the patterns of the header elements, in the order the standard lays them out.
# ---------------------------------------------------------------------------

_D = "[0-9０-９]"
_OPEN = r"[〔\[［【(（﹝]"
_CLOSE = r"[〕\]］】)）﹞]"
_CN_NUM = "[〇零一二三四五六七八九十百千]"

DOC_NUMBER = re.compile(
    rf"""
    # 机关代字 + 〔年份〕 + 序号 + 号: 通政发〔2012〕26号, 国办发明电[2018]15号,
    # 京政发（2021）27 号, 粤府字〔2012〕第5号
    (?P<code>[\p{{Han}}A-Za-z]{{1,20}})\s*{_OPEN}\s*(?P<year>[12１２]{_D}{{3}})\s*{_CLOSE}
        \s*(?:字\s*)?(?:第\s*)?(?P<serial>{_D}{{1,5}})\s*[号號]
  | # 令号: 国务院令第707号, 中华人民共和国国务院令 第374号, 广州市人民政府令（第61号）
    (?P<dcode>[\p{{Han}}]{{1,30}}令)\s*[（(]?\s*第\s*(?P<dserial>{_D}{{1,5}}|{_CN_NUM}{{1,8}})\s*号[）)]?
  | # 公告号: 国家税务总局公告2021年第32号
    (?P<acode>[\p{{Han}}]{{2,30}}公告)?\s*(?P<ayear>[12１２]{_D}{{3}})\s*年\s*第\s*(?P<aserial>{_D}{{1,5}})\s*号
    """,
    re.VERBOSE,
)

# What may stand beside a document number on its own line: labels of web pages
# and databases (文号, 索引号 N001-2011-000627), brackets, a date, 发布/公布.
_NUMBER_LINE_REST = re.compile(
    r"""
    [\s\p{P}\p{S}A-Za-z0-9０-９]
  | 发文字号 | 文号 | 字号 | 索引号 | 发布日期 | 成文日期 | 发布 | 公布 | 印发
    """,
    re.VERBOSE,
)

# The line a date stands on: alone (maybe in brackets), after a signature, or with
# an adoption clause ("1989年5月5日 国务院第40次常务会议通过").
_ADOPTION = re.compile(r"^[^。，,；;]{0,40}?(?:通过|发布|公布|批准|签发|颁布)$")
_PRINTED = re.compile(r"印发$")

_MARKER_LINE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、．.]|第[一二三四五六七八九十百零〇]+[章条节编]|"
    r"[（(][一二三四五六七八九十]{1,3}[）)])"
)
_AGENCY_MARK = re.compile(r"^(?P<org>[\p{Han}\s]{2,60}?)\s*文\s*件$")
_MARKDOWN_TITLE = re.compile(r"^#{1,3}\s+")
_TITLE_VERSION = re.compile(
    r"^[（(]\s*(?:[0-9０-９]{4}\s*[-—–~～至]\s*[0-9０-９]{4}\s*年?|[0-9０-９]{4}\s*年?\s*(?:版|修订版?)"
    r"|试行|暂行|征求意见稿|修订稿|送审稿|草案)\s*[）)]$"
)
_TITLE_SUFFIX = re.compile(r"(?:\s*[（(][^（）()]{1,24}[）)])+$")
_ISSUER_BEFORE = re.compile(
    r"^(?P<org>[\p{Han}、\s]{2,60}?)\s*(?=关\s*于|转\s*发|批\s*转|印\s*发|对)"
)
_WRAPPER_WITHOUT_KIND = re.compile(r"^(?:关于)?(?P<verb>转发|印发|批转)\s*《[^》]+》$")
_ISSUING = re.compile(r"(?:印发|转发|批转|颁发|发布)\s*(?P<doc>《[^》]{2,80}》|[^《》]{2,80}?)\s*的\s*通\s*知$")
_COLON = re.compile(r"[：:]")
_ADDRESSEE_SPLIT = re.compile(r"[，,；;]")
_ADDRESSEE_VERBS = re.compile(r"如下|以下|现将|现就|特此|为了|为进一步|根据|按照|经研究|。")
_CLASSIFICATION = re.compile(r"^(?P<level>绝密|机密|秘密)(?:\s*★\s*(?P<period>[^\s]{1,10}))?$")
_URGENCY = re.compile(r"^(?P<u>特\s*急|加\s*急|特\s*提|平\s*急)$")
_SIGNER = re.compile(r"签\s*发\s*人\s*[：:]\s*(?P<names>[\p{Han}·]{2,5}(?:[\s、，,]+[\p{Han}·]{2,5})*)")
_ATTACHMENT_HEAD = re.compile(r"^附\s*件\s*[：:]\s*(?P<rest>.*)$")
_NUMBERED_ITEM = re.compile(r"^(?P<n>[0-9０-９]{1,2})\s*[.．、]\s*(?P<name>\S.*)$")
_NOTE = re.compile(r"^[（(](?P<note>此件[^（）()]{1,20})[）)]$")
_CC = re.compile(r"^抄\s*送\s*[：:]\s*(?P<rest>.+?)[。.]?$")
_SPACE_BETWEEN_HAN = re.compile(r"(?<=\p{Han}|[《》“”（）])\s+(?=\p{Han}|[《》“”（）])")


@dataclass(frozen=True)
class _Vocab:
    doc_types: tuple[str, ...]
    aliases: dict[str, str]
    body_type: tuple[re.Pattern[str], ...]
    body_notice: tuple[re.Pattern[str], ...]
    org_suffixes: frozenset[str]
    noise: re.Pattern[str]


_VOCAB: _Vocab | None = None


def _vocab() -> _Vocab:
    global _VOCAB
    if _VOCAB is None:
        data = load_toml("header.toml")
        kinds = [*data["doc_types"], *data["doc_type_aliases"]]
        _VOCAB = _Vocab(
            doc_types=tuple(sorted(kinds, key=len, reverse=True)),
            aliases=dict(data["doc_type_aliases"]),
            body_type=tuple(re.compile(p) for p in data["body_type"]["patterns"]),
            body_notice=tuple(re.compile(p) for p in data["body_type"]["notice_patterns"]),
            org_suffixes=frozenset(data["org_suffixes"]),
            noise=re.compile("|".join(f"(?:{p})" for p in data["noise_line_patterns"])),
        )
    return _VOCAB


# ---------------------------------------------------------------------------
# Small, strict pieces (public through zhengce.header).
# ---------------------------------------------------------------------------


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
            year=_int(match.group("year")),
            serial=_int(match.group("serial")),
            span=span,
        )
    if match.group("dcode"):
        serial = match.group("dserial")
        return DocNumber(
            text=match.group(),
            issuer_code=match.group("dcode"),
            year=None,
            serial=_int(serial) if serial[0] in "0123456789０１２３４５６７８９" else _cn_int(serial),
            family="decree",
            span=span,
        )
    text = match.group().lstrip()
    start = span[0] + (len(match.group()) - len(text))
    return DocNumber(
        text=text,
        issuer_code=match.group("acode"),
        year=_int(match.group("ayear")),
        serial=_int(match.group("aserial")),
        family="announcement",
        span=(start, span[1]),
    )


def _int(digits: str) -> int:
    return int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def _cn_int(text: str) -> int:
    import cn2an  # numerals of a 令号 are rare; keep cn2an off the import path

    return int(cn2an.cn2an(text, "smart"))


# ---------------------------------------------------------------------------
# The stage.
# ---------------------------------------------------------------------------


@dataclass
class _Ctx:
    text: str
    lines: list[Line]  # non-empty, non-noise lines
    diagnostics: list[Diagnostic]


def parse_header(text: str, lines: list[Line]) -> tuple[Header, list[Diagnostic]]:
    """Find the header elements of a document."""
    vocab = _vocab()
    noise = vocab.noise
    content = [
        line
        for line in lines
        if (s := line.text.strip()) and not (len(s) <= 120 and noise.search(s))
    ]
    ctx = _Ctx(text, content, [])
    fields: dict[str, object] = {}

    top = _top_zone(content)
    number, number_line = _find_doc_number(ctx, top)
    if number is not None:
        fields["doc_number"] = number
    date_index = _find_date(ctx, fields, number)
    title_lines = _find_title(ctx, top, fields, number, date_index)
    _find_doc_type(ctx, fields, number, number_line, title_lines)
    _find_addressees(ctx, top, fields)
    _find_issuer(ctx, top, fields, number, date_index)
    _find_minor(ctx, top, fields)
    return Header.model_validate(fields), ctx.diagnostics


def _top_zone(lines: list[Line]) -> list[int]:
    """Indexes of the lines before the body starts (prose, a heading or 主送机关)."""
    zone: list[int] = []
    for i, line in enumerate(lines[:15]):
        s = line.stripped
        if _MARKER_LINE.match(s) or "。" in s or len(s) > 80:
            break
        zone.append(i)
        if s.endswith(("：", ":")):
            break
    return zone


def _find_doc_number(ctx: _Ctx, top: list[int]) -> tuple[DocNumber | None, int | None]:
    """The first 发文字号 standing on a line of its own, at the top or else at the end."""
    n = len(ctx.lines)
    order = [*top, *range(max(len(top), n - 30), n)]
    for i in order:
        line = ctx.lines[i]
        # A 令号 may break after 令 ("中华人民共和国国务院令" / "第707号"): join two lines.
        window_end = ctx.lines[i + 1].end if i + 1 < n and line.stripped.endswith("令") else line.end
        window = ctx.text[line.start : window_end]
        if len(window) > 160 or not _NUMBER_END.search(window):
            continue  # a 发文字号 stands on a short line of its own
        for match in _doc_numbers(window):
            if match.start() >= len(line.text):
                break
            rest = window[: match.start()] + window[match.end() :]
            rest = DATE.sub("", rest)
            if len(_NUMBER_LINE_REST.sub("", rest)) > 12:
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


_NUMBER_END = re.compile(r"[号號]")
_SERIAL_DIGITS = re.compile(rf"{_D}+(?=\s*[号號]$)")


def _date_line(ctx: _Ctx, i: int, number: DocNumber | None) -> tuple[re.Match[str], str] | None:
    """The date a line stands for, with its role: 'date', 'adopted' or 'printed'."""
    line = ctx.lines[i]
    s = line.text
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
    if head and not (len(head) <= 30 and _is_org(head)):
        return None
    return match, "adopted" if tail else "date"


def _find_date(ctx: _Ctx, fields: dict[str, object], number: DocNumber | None) -> int | None:
    """成文日期: the first date standing alone on its line (not an 印发 date)."""
    for i in range(len(ctx.lines)):
        found = _date_line(ctx, i, number)
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


def _classify_title(title: str) -> tuple[str, int, int] | None:
    """The base kind a title ends with and where the kind word sits in it."""
    vocab = _vocab()
    core = _TITLE_SUFFIX.sub("", title).rstrip()
    squeezed = re.sub(r"\s+", "", core)
    if (wrapper := _WRAPPER_WITHOUT_KIND.search(core)) is not None:
        # 关于转发《X的紧急通知》: the wrapper is a 通知 that does not say so.
        return "通知", wrapper.start("verb"), wrapper.end("verb")
    for word in vocab.doc_types:
        if squeezed.endswith(word):
            # Map back to the position in ``core`` (the word may be spaced: 通  知).
            pos = len(core)
            remaining = len(word)
            while remaining:
                pos -= 1
                if not core[pos].isspace():
                    remaining -= 1
            return vocab.aliases.get(word, word), pos, len(core)
    return None


def _find_title(
    ctx: _Ctx,
    top: list[int],
    fields: dict[str, object],
    number: DocNumber | None,
    date_index: int | None,
) -> list[int]:
    """标题: consecutive lines at the top ending with a kind word."""
    candidates = [i for i in top if not _is_header_furniture(ctx, i, number)]
    end = None
    for i in candidates:
        if _classify_title(_title_text(ctx.lines[i])) is not None:
            end = i
            break
    if end is None and number is not None and number.family == "decree" and date_index is not None:
        # A 令 heads the regulation it promulgates: the title follows the 令's date.
        for i in range(date_index + 1, min(date_index + 4, len(ctx.lines))):
            s = ctx.lines[i].stripped
            if "。" not in s and len(s) <= 60 and _classify_title(s) is not None:
                end = i
                candidates = [i]
                break
    if end is None:
        return []
    run = [end]
    while run[0] - 1 in candidates and run[0] - 1 >= 0:
        prev = _title_text(ctx.lines[run[0] - 1])
        if prev == _title_text(ctx.lines[end]) or prev.endswith(("。", "：", ":", "，")):
            break
        if re.search(r"[!！?？]", prev):
            break
        if _classify_title(prev) is not None:
            break
        run.insert(0, run[0] - 1)
    while run[-1] + 1 < len(ctx.lines) and _TITLE_VERSION.match(ctx.lines[run[-1] + 1].stripped):
        run.append(run[-1] + 1)  # 建设指南 / （2022 版）
    first, last = ctx.lines[run[0]], ctx.lines[run[-1]]
    start = first.content_start
    if _MARKDOWN_TITLE.match(first.stripped):
        start += _MARKDOWN_TITLE.match(first.stripped).end()  # type: ignore[union-attr]
    raw = ctx.text[start : last.content_end]
    fields["title"] = _join_title(raw)
    fields["title_raw"] = raw
    fields["title_span"] = (start, last.content_end)
    return run


def _title_text(line: Line) -> str:
    return _MARKDOWN_TITLE.sub("", line.stripped)


def _join_title(raw: str) -> str:
    """Line breaks removed; spaces between Chinese characters ("通 知") removed.

    A title spaced out character by character ("国 务 院 关 于 2018 年 度") loses
    all its spaces.
    """
    joined = re.sub(r"\s*[\r\n]+\s*", "", raw)
    if _spaced_out(joined):
        return re.sub(r"\s+", "", joined)
    return _SPACE_BETWEEN_HAN.sub("", joined)


def _spaced_out(text: str) -> bool:
    tokens = text.split()
    return len(tokens) >= 2 and sum(len(t) == 1 for t in tokens) >= 0.6 * len(tokens)


def _is_header_furniture(ctx: _Ctx, i: int, number: DocNumber | None) -> bool:
    """Lines of the 版头 that are not the title: 文号, dates, 机关标志, 密级, 紧急程度."""
    line = ctx.lines[i]
    s = line.stripped
    if number is not None and line.start <= number.span[1] and number.span[0] < line.end:
        return True
    if DATE.search(s) and _date_line(ctx, i, number) is not None:
        return True
    if _AGENCY_MARK.match(s) or _CLASSIFICATION.match(s) or _URGENCY.match(s):
        return True
    return bool(_SIGNER.search(s))


def _find_doc_type(
    ctx: _Ctx,
    fields: dict[str, object],
    number: DocNumber | None,
    number_line: int | None,
    title_lines: list[int],
) -> None:
    """文种: from the title, a heading 令, or the body's words about itself."""
    title_raw = fields.get("title_raw")
    title_span = fields.get("title_span")
    if (
        number is not None
        and number.family == "decree"
        and number_line is not None
        and (not title_lines or number_line < title_lines[0])
    ):
        ling = number.text.index("令")
        fields["doc_type"] = "命令"
        fields["doc_type_raw"] = "令"
        fields["doc_type_span"] = (number.span[0] + ling, number.span[0] + ling + 1)
        return
    if isinstance(title_raw, str) and isinstance(title_span, tuple):
        found = _classify_title(title_raw)
        if found is not None:
            kind, start, end = found
            fields["doc_type"] = kind
            fields["doc_type_raw"] = title_raw[start:end]
            fields["doc_type_span"] = (title_span[0] + start, title_span[0] + end)
            _find_embedded(fields, title_raw, title_span)
            return
    body: list[tuple[int, str, re.Match[str]]] = []
    for pattern in _vocab().body_type:
        if match := pattern.search(ctx.text):
            body.append((match.start(), match.group("kind"), match))
    for pattern in _vocab().body_notice:
        if match := pattern.search(ctx.text):
            body.append((match.start(), "通知", match))
    for _, kind_word, match in sorted(body, key=lambda item: item[0]):
        if kind_word == "通知" and match.group("kind") != "通知":
            fields["doc_type"] = "通知"
            fields["doc_type_raw"] = match.group("kind")
            fields["doc_type_span"] = match.span("kind")
            return
        word = match.group("kind")
        found = _classify_title(word)
        if found is None:
            continue
        kind, start, end = found
        offset = match.start("kind")
        fields["doc_type"] = kind
        fields["doc_type_raw"] = word[start:end]
        fields["doc_type_span"] = (offset + start, offset + end)
        return


def _find_embedded(fields: dict[str, object], title_raw: str, title_span: Span) -> None:
    """For 关于印发《X方案》的通知: the title and kind of X."""
    core = _TITLE_SUFFIX.sub("", title_raw)
    match = _ISSUING.search(core)
    if match is None:
        return
    doc = match.group("doc")
    start = match.start("doc")
    if doc.startswith("《") and doc.endswith("》"):
        doc, start = doc[1:-1], start + 1
    kind = _classify_title(doc)
    fields["embedded"] = EmbeddedDocument(
        title=_join_title(doc),
        doc_type=kind[0] if kind else None,
        raw=doc,
        span=(title_span[0] + start, title_span[0] + start + len(doc)),
    )


def _is_org(name: str) -> bool:
    name = name.strip()
    return len(name) >= 2 and name[-1] in _vocab().org_suffixes


def _find_addressees(ctx: _Ctx, top: list[int], fields: dict[str, object]) -> None:
    """主送机关: the line of agencies ending with a colon, right before the body."""
    for i in range(min(len(ctx.lines), (top[-1] + 2) if top else 2)):
        line = ctx.lines[i]
        s = line.stripped
        colon = _COLON.search(s)
        if colon is None:
            continue
        body = s[: colon.start()]  # the body may run on after the colon when breaks were lost
        if len(body) > 200 or _ADDRESSEE_VERBS.search(body):
            continue
        parts = [p for p in _ADDRESSEE_SPLIT.split(body)]
        if not parts or not all(2 <= len(p.strip()) <= 60 for p in parts):
            continue
        if not any(_is_org(p) or p.strip().startswith("各") for p in parts):
            continue
        names: list[str] = []
        spans: list[Span] = []
        pos = line.content_start
        for part in parts:
            lead = len(part) - len(part.lstrip())
            start = pos + lead
            names.append(part.strip())
            spans.append((start, start + len(part.strip())))
            pos += len(part) + 1
        fields["addressees"] = names
        fields["addressees_span"] = spans
        return


def _find_issuer(
    ctx: _Ctx,
    top: list[int],
    fields: dict[str, object],
    number: DocNumber | None,
    date_index: int | None,
) -> None:
    """发文机关: the 机关标志, the title's "X关于", the signature, or a 令's 机关代字."""
    for i in top:
        line = ctx.lines[i]
        match = _AGENCY_MARK.match(line.stripped)
        if match:
            _set_issuer(ctx, fields, match.group("org"), line.content_start + match.start("org"))
            return
    title_raw = fields.get("title_raw")
    title_span = fields.get("title_span")
    if isinstance(title_raw, str) and isinstance(title_span, tuple):
        match = _ISSUER_BEFORE.match(title_raw)
        if match and _is_org(match.group("org").split("、")[-1]):
            _set_issuer(ctx, fields, match.group("org"), title_span[0] + match.start("org"))
            return
    adopted_by: tuple[str, int] | None = None
    for i in range(len(ctx.lines)):
        found = _date_line(ctx, i, number)
        if found is None or found[1] == "printed":
            continue
        match, role = found
        line = ctx.lines[i]
        head = line.text[: match.start()].strip().strip("（(")
        if head and _is_org(head):  # 国务院 2019年1月27日
            _set_issuer(ctx, fields, head, line.start + line.text.index(head))
            return
        if role == "adopted":  # 1989年5月5日 国务院第40次常务会议通过
            org = _ADOPTED_BY.search(line.text, match.end())
            if org and adopted_by is None:  # 浙江省第十二届人民代表大会常务委员会 → term dropped
                adopted_by = (org.group("org"), line.start + org.start("org"))
            continue
        signature = [  # the signature above the date: one line per joint issuer
            j for j in range(i - 1, max(i - 5, -1), -1) if _is_signature(ctx.lines[j].stripped)
        ]
        while signature and signature[-1] != i - len(signature):
            signature.pop()
        if signature:
            first, last = ctx.lines[signature[-1]], ctx.lines[signature[0]]
            _set_issuer(ctx, fields, ctx.text[first.content_start : last.content_end], first.content_start)
            return
    if adopted_by is not None:
        _set_issuer(ctx, fields, *adopted_by)
        return
    if number is not None and number.family == "decree" and number.issuer_code:
        code = number.issuer_code
        org = code[:-1]
        start = number.span[0] + number.text.index(code)
        if org.startswith("中华人民共和国") and len(org) > len("中华人民共和国"):
            start += len("中华人民共和国")
            org = org[len("中华人民共和国") :]
        if _is_org(org):
            _set_issuer(ctx, fields, org, start)


def _is_signature(line: str) -> bool:
    return 2 <= len(line) <= 40 and not re.search(r"\p{P}", line) and _is_org(line.split()[-1])


def _set_issuer(ctx: _Ctx, fields: dict[str, object], raw: str, start: int) -> None:
    parts = raw.split("、") if _spaced_out(raw) else re.split(r"[、\s]+", raw.strip())
    names = [_TERM.sub("", re.sub(r"\s+", "", n)) for n in parts if n.strip()]
    names = [_expand_abbreviation(ctx.text, n) for n in names]
    fields["issuer"] = "、".join(names)
    fields["issuers"] = names
    fields["issuer_raw"] = raw
    fields["issuer_span"] = (start, start + len(raw))


_ADOPTED_BY = re.compile(r"(?:经\s*)?(?P<org>[\p{Han}]{2,40}?)第[0-9０-９一二三四五六七八九十百]+次")
_TERM = re.compile(r"第[0-9０-９一二三四五六七八九十百]+届")
_PLACE = re.compile(r"^(?P<place>[\p{Han}]{2,12}?(?:自治区|省|市|县|区|旗|州|盟))(?P<rest>[\p{Han}]{2,})$")


def _expand_abbreviation(text: str, name: str) -> str:
    """质监局 → 质量技术监督局 when the text spells the full name out somewhere.

    The full name starts with the same place name, ends with the same
    character, and contains the short name's characters in order.
    """
    match = _PLACE.match(name)
    if match is None or len(match.group("rest")) > 4:
        return name
    place, rest = match.group("place"), match.group("rest")
    pattern = re.escape(place) + "".join(re.escape(ch) + r"\p{Han}{0,4}?" for ch in rest[:-1])
    pattern += re.escape(rest[-1])
    for found in re.finditer(pattern, text):
        full = found.group()
        if len(full) > len(name):
            return full
    return name


def _find_minor(ctx: _Ctx, top: list[int], fields: dict[str, object]) -> None:
    """密级, 紧急程度, 签发人 (top); 附件说明, 附注, 抄送, 印发 (bottom)."""
    for i in top:
        line = ctx.lines[i]
        s = line.stripped
        if (m := _CLASSIFICATION.match(s)) and "classification" not in fields:
            _flat(fields, "classification", m.group(), line.content_start)
        elif (m := _URGENCY.match(s)) and "urgency" not in fields:
            _flat(fields, "urgency", m.group(), line.content_start, value=re.sub(r"\s", "", m.group()))
        if (m := _SIGNER.search(line.text)) and "signer" not in fields:
            _flat(fields, "signer", m.group("names"), line.start + m.start("names"))
    attachments: list[Attachment] = []
    for i, line in enumerate(ctx.lines):
        s = line.stripped
        if not attachments and (m := _ATTACHMENT_HEAD.match(s)):
            attachments.extend(_attachments(ctx, i, line.content_start + m.start("rest"), m.group("rest")))
        elif (m := _NOTE.match(s)) and "note" not in fields:
            _flat(fields, "note", m.group("note"), line.content_start + m.start("note"))
        elif (m := _CC.match(s)) and "cc" not in fields:
            offset = line.content_start + m.start("rest")
            fields["cc"], fields["cc_span"] = _split_names(m.group("rest"), offset)
        elif (m := DATE.search(s)) and s.endswith("印发") and "printed_date" not in fields:
            day = date_from_match(m)
            if day is None:
                continue
            _flat(fields, "printed_date", m.group(), line.content_start + m.start(), value=day)
            org = s[: m.start()].strip()
            if org:
                _flat(fields, "printed_by", org, line.content_start + s.index(org))
    if attachments:
        fields["attachments"] = attachments


def _attachments(ctx: _Ctx, i: int, start: int, rest: str) -> Iterable[Attachment]:
    """附件：1. X  2. Y (numbered entries may continue on the next lines)."""
    if rest:
        m = _NUMBERED_ITEM.match(rest)
        yield _attachment(m, start, rest) if m else Attachment(number=None, name=rest, raw=rest, span=(start, start + len(rest)))
    for line in ctx.lines[i + 1 : i + 30]:
        s = line.stripped
        m = _NUMBERED_ITEM.match(s)
        if m is None or (not rest and False):
            break
        yield _attachment(m, line.content_start, s)


def _attachment(m: re.Match[str], start: int, raw: str) -> Attachment:
    name = m.group("name").strip()
    return Attachment(
        number=_int(m.group("n")), name=name, raw=raw, span=(start, start + len(raw))
    )


def _split_names(raw: str, offset: int) -> tuple[list[str], list[Span]]:
    names: list[str] = []
    spans: list[Span] = []
    for m in re.finditer(r"[^，,；;、\s][^，,；;]*", raw):
        name = m.group().strip()
        names.append(name)
        spans.append((offset + m.start(), offset + m.start() + len(name)))
    return names, spans


def _flat(
    fields: dict[str, object], name: str, raw: str, start: int, *, value: object = None
) -> None:
    fields[name] = raw if value is None else value
    fields[f"{name}_raw"] = raw
    fields[f"{name}_span"] = (start, start + len(raw))


def _unused(_: dt.date) -> None:  # pragma: no cover - keeps the dt import for type readers
    pass
