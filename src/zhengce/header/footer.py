"""The smaller elements: 密级, 紧急程度, 签发人 at the top; 附件说明, 附注, 抄送, 印发 below."""

from __future__ import annotations

from collections.abc import Iterable

import regex as re

from ..dates import DATE, date_from_match
from ..models import Attachment, Span
from ._common import Ctx, flat, to_int

_CLASSIFICATION_WORDS = ("绝密", "机密", "秘密")
CLASSIFICATION = re.compile(
    rf"^(?P<level>{'|'.join(_CLASSIFICATION_WORDS)})(?:\s*★\s*(?P<period>[^\s]{{1,10}}))?$"
)


URGENCY = re.compile(r"^(?P<u>特\s*急|加\s*急|特\s*提|平\s*急)$")
_URGENCY_FIRST = ("特", "加", "平")  # the first characters URGENCY accepts
_SPACE = re.compile(r"\s")


SIGNER = re.compile(
    r"签\s*发\s*人\s*[：:]\s*(?P<names>[\p{Han}·]{2,5}(?:[\s、，,]+[\p{Han}·]{2,5})*)"
)


_ATTACHMENT_HEAD = re.compile(r"^附\s*件\s*[：:]\s*(?P<rest>.*)$")


_NUMBERED_ITEM = re.compile(r"^(?P<n>[0-9０-９]{1,2})\s*[.．、]\s*(?P<name>\S.*)$")


_NOTE = re.compile(r"^[（(](?P<note>此件[^（）()]{1,20})[）)]$")


_CC = re.compile(r"^抄\s*送\s*[：:]\s*(?P<rest>.+?)[。.]?$")


def find_minor(ctx: Ctx, top: list[int], fields: dict[str, object]) -> None:
    """密级, 紧急程度, 签发人 (top); 附件说明, 附注, 抄送, 印发 (bottom)."""
    for i in top:
        line = ctx.lines[i]
        s = line.stripped
        # Each pattern is tried only on a line holding its first word.
        if (
            s.startswith(_CLASSIFICATION_WORDS)
            and (m := CLASSIFICATION.match(s))
            and "classification" not in fields
        ):
            flat(fields, "classification", m.group(), line.content_start)
        elif s.startswith(_URGENCY_FIRST) and (m := URGENCY.match(s)) and "urgency" not in fields:
            flat(fields, "urgency", m.group(), line.content_start, value=_SPACE.sub("", m.group()))
        if "签" in line.text and (m := SIGNER.search(line.text)) and "signer" not in fields:
            flat(fields, "signer", m.group("names"), line.start + m.start("names"))
    attachments: list[Attachment] = []
    for i, line in enumerate(ctx.lines):
        s = line.stripped
        if not attachments and s.startswith("附") and (m := _ATTACHMENT_HEAD.match(s)):
            attachments.extend(
                _attachments(ctx, i, line.content_start + m.start("rest"), m.group("rest"))
            )
        elif s.startswith(("（此件", "(此件")) and (m := _NOTE.match(s)) and "note" not in fields:
            flat(fields, "note", m.group("note"), line.content_start + m.start("note"))
        elif s.startswith("抄") and (m := _CC.match(s)) and "cc" not in fields:
            offset = line.content_start + m.start("rest")
            fields["cc"], fields["cc_span"] = _split_names(m.group("rest"), offset)
        elif (
            s.endswith(("印发", "印發")) and "printed_date" not in fields and (m := DATE.search(s))
        ):
            day = date_from_match(m)
            if day is None:
                continue
            flat(fields, "printed_date", m.group(), line.content_start + m.start(), value=day)
            org = s[: m.start()].strip()
            if org:
                flat(fields, "printed_by", org, line.content_start + s.index(org))
    if attachments:
        fields["attachments"] = attachments


def _attachments(ctx: Ctx, i: int, start: int, rest: str) -> Iterable[Attachment]:
    """附件：1. X  2. Y (numbered entries may continue on the next lines)."""
    if rest:
        m = _NUMBERED_ITEM.match(rest)
        yield (
            _attachment(m, start, rest)
            if m
            else Attachment(number=None, name=rest, raw=rest, span=(start, start + len(rest)))
        )
    for line in ctx.lines[i + 1 : i + 30]:
        s = line.stripped
        m = _NUMBERED_ITEM.match(s)
        if m is None or (not rest and False):
            break
        yield _attachment(m, line.content_start, s)


def _attachment(m: re.Match[str], start: int, raw: str) -> Attachment:
    name = m.group("name").strip()
    return Attachment(
        number=to_int(m.group("n")), name=name, raw=raw, span=(start, start + len(raw))
    )


def _split_names(raw: str, offset: int) -> tuple[list[str], list[Span]]:
    names: list[str] = []
    spans: list[Span] = []
    for m in re.finditer(r"[^，,；;、\s][^，,；;]*", raw):
        name = m.group().strip()
        names.append(name)
        spans.append((offset + m.start(), offset + m.start() + len(name)))
    return names, spans
