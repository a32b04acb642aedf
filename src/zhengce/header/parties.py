"""主送机关 and 发文机关: the addressee line; the issuer from 机关标志, title or signature."""

from __future__ import annotations

import regex as re

from ..models import DocNumber, Span
from ._common import SPACES, Ctx, is_org, spaced_out, vocab
from .signing import date_line

AGENCY_MARK = re.compile(r"^(?P<org>[\p{Han}\s]{2,60}?)\s*文\s*件$")


_ISSUER_BEFORE = re.compile(
    r"^(?P<org>[\p{Han}、\s]{2,60}?)\s*(?=[关關]\s*[于於]|[转轉]\s*[发發]|批\s*[转轉]|印\s*[发發]|[对對])"
)


_COLON = re.compile(r"[：:]")
_PUNCTUATION = re.compile(r"\p{P}")
_SEPARATORS = re.compile(r"[\s、]+")  # between the names of joint issuers
_METADATA_ISSUER = re.compile(
    r"^\s*(?:发文机关|發文機關|发布机构|發布機構)\s*[：:]\s*(?P<org>[\p{Han}、]{2,60}?)\s*$"
)


_ADDRESSEE_SPLIT = re.compile(r"[，,；;]")


_ADDRESSEE_VERBS = re.compile(r"如下|以下|现将|现就|特此|为了|为进一步|根据|按照|经研究|。")


_ADOPTED_BY = re.compile(
    r"(?:经\s*)?(?P<org>[\p{Han}]{2,40}?)第[0-9０-９一二三四五六七八九十百]+次"
)


_TERM = re.compile(r"第[0-9０-９一二三四五六七八九十百]+届")


_PLACE = re.compile(
    r"^(?P<place>[\p{Han}]{2,12}?(?:自治区|省|市|县|区|旗|州|盟))(?P<rest>[\p{Han}]{2,})$"
)


def find_addressees(ctx: Ctx, top: list[int], fields: dict[str, object]) -> None:
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
        if SPACES.sub("", body) in vocab().metadata_labels:
            continue  # 发文机关:山西省人民政府 is a page's metadata, not an addressee
        parts = [p for p in _ADDRESSEE_SPLIT.split(body)]
        if not parts or not all(2 <= len(p.strip()) <= 60 for p in parts):
            continue
        if not any(is_org(p) or p.strip().startswith("各") for p in parts):
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


def find_issuer(
    ctx: Ctx,
    top: list[int],
    fields: dict[str, object],
    number: DocNumber | None,
    date_index: int | None,
) -> None:
    """发文机关: the 机关标志, the title's "X关于", the signature, or a 令's 机关代字."""
    for i in top:
        line = ctx.lines[i]
        match = AGENCY_MARK.match(line.stripped)
        if match:
            _set_issuer(ctx, fields, match.group("org"), line.content_start + match.start("org"))
            return
    title_raw = fields.get("title_raw")
    title_span = fields.get("title_span")
    if isinstance(title_raw, str) and isinstance(title_span, tuple):
        match = _ISSUER_BEFORE.match(title_raw)
        if match and is_org(match.group("org").split("、")[-1]):
            joint = _joint_signature(ctx, number, match.group("org"))
            if joint is not None:  # 中共岳阳市委办公室岳阳市人民政府办公室: split as signed
                _set_issuer(ctx, fields, *joint)
            else:
                _set_issuer(ctx, fields, match.group("org"), title_span[0] + match.start("org"))
            return
    adopted_by: tuple[str, int] | None = None
    for i in range(len(ctx.lines)):
        found = date_line(ctx, i, number)
        if found is None or found[1] == "printed":
            continue
        match, role = found
        line = ctx.lines[i]
        head = line.text[: match.start()].strip().strip("（(")
        if head and is_org(head):  # 国务院 2019年1月27日
            _set_issuer(ctx, fields, head, line.start + line.text.index(head))
            return
        if role == "adopted":  # 1989年5月5日 国务院第40次常务会议通过
            by = _ADOPTED_BY.search(line.text, match.end())
            if by and adopted_by is None:  # 浙江省第十二届人民代表大会常务委员会 → term dropped
                adopted_by = (by.group("org"), line.start + by.start("org"))
            continue
        if (signed := _signature_above(ctx, i)) is not None:
            _set_issuer(ctx, fields, *signed)
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
        if is_org(org):
            _set_issuer(ctx, fields, org, start)
            return
    if not _issuer_line_at_top(ctx, top, fields):
        _issuer_from_metadata(ctx, fields)


def _signature_above(ctx: Ctx, i: int) -> tuple[str, int] | None:
    """The signature lines right above line ``i`` (one line per joint issuer): (raw, start)."""
    signature = [
        j for j in range(i - 1, max(i - 5, -1), -1) if _is_signature(ctx.lines[j].stripped)
    ]
    while signature and signature[-1] != i - len(signature):
        signature.pop()
    if not signature:
        return None
    first, last = ctx.lines[signature[-1]], ctx.lines[signature[0]]
    return ctx.text[first.content_start : last.content_end], first.content_start


def _joint_signature(ctx: Ctx, number: DocNumber | None, prefix: str) -> tuple[str, int] | None:
    """A signature of two or more issuers that spells out the title's run-together prefix."""
    squeezed = _SEPARATORS.sub("", prefix)
    for i in range(len(ctx.lines)):
        found = date_line(ctx, i, number)
        if found is None or found[1] != "date":
            continue
        signed = _signature_above(ctx, i)
        if signed is not None:
            names = signed[0].split()
            if len(names) >= 2 and "".join(names) == squeezed:
                return signed
    return None


def _issuer_line_at_top(ctx: Ctx, top: list[int], fields: dict[str, object]) -> bool:
    """A line at the top that is only an organisation's name (a 发文机关标志 without 文件)."""
    found = fields.get("title_span")
    title = found if isinstance(found, tuple) else None
    for i in top:
        line = ctx.lines[i]
        if title is not None and title[0] < line.end and line.start < title[1]:
            continue  # a line of the title
        if _is_signature(line.stripped) and len(line.stripped) <= 30:
            _set_issuer(ctx, fields, line.stripped, line.content_start)
            return True
    return False


def _issuer_from_metadata(ctx: Ctx, fields: dict[str, object]) -> None:
    """The 发文机关 of a page's metadata block ("发文机关:山西省人民政府"), as a last resort."""
    for line in ctx.lines[:12]:
        m = _METADATA_ISSUER.match(line.text)
        if m and is_org(m.group("org")):
            _set_issuer(ctx, fields, m.group("org"), line.start + m.start("org"))
            return


def _is_signature(line: str) -> bool:
    return 2 <= len(line) <= 40 and not _PUNCTUATION.search(line) and is_org(line.split()[-1])


def _set_issuer(ctx: Ctx, fields: dict[str, object], raw: str, start: int) -> None:
    parts = raw.split("、") if spaced_out(raw) else _SEPARATORS.split(raw.strip())
    names = [_TERM.sub("", SPACES.sub("", n)) for n in parts if n.strip()]
    names = [_expand_abbreviation(ctx.text, n) for n in names]
    fields["issuer"] = "、".join(names)
    fields["issuers"] = names
    fields["issuer_raw"] = raw
    fields["issuer_span"] = (start, start + len(raw))


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
