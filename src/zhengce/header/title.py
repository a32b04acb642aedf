"""标题 and 文种: the title lines at the top, the kind they end with, the text a notice issues."""

from __future__ import annotations

import regex as re

from ..dates import DATE
from ..models import DocNumber, EmbeddedDocument, Span
from ..source import Line
from ._common import SPACES, Ctx, spaced_out, vocab
from .footer import CLASSIFICATION, SIGNER, URGENCY
from .numbers import SUFFIX_CLOSE, SUFFIX_OPEN
from .parties import AGENCY_MARK
from .signing import date_line

_MARKDOWN_TITLE = re.compile(r"^#{1,3}\s+")
_EXCLAMATION = re.compile(r"[!！?？]")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


_TITLE_VERSION = re.compile(
    r"^[（(]\s*(?:[0-9０-９]{4}\s*[-—–~～至]\s*[0-9０-９]{4}\s*年?|[0-9０-９]{4}\s*年?\s*(?:版|修订版?)"
    r"|试行|暂行|征求意见稿|修订稿|送审稿|草案)\s*[）)]$"
)


_TITLE_SUFFIX = re.compile(r"(?:\s*[（(][^（）()]{1,24}[）)])+$")


_WRAPPER_WITHOUT_KIND = re.compile(
    r"^(?:[关關][于於])?(?P<verb>[转轉][发發]|印[发發]|批[转轉])\s*《[^》]+》$"
)


_ISSUING = re.compile(
    r"(?:印[发發]|[转轉][发發]|批[转轉]|[颁頒][发發]|[发發]布)\s*(?P<doc>《[^》]{2,80}》|[^《》]{2,80}?)\s*的\s*通\s*知$"
)


_SPACE_BETWEEN_HAN = re.compile(r"(?<=\p{Han}|[《》“”（）])\s+(?=\p{Han}|[《》“”（）])")


def _classify_title(title: str) -> tuple[str, int, int] | None:
    """The base kind a title ends with and where the kind word sits in it."""
    words = vocab()
    core = _TITLE_SUFFIX.sub("", title).rstrip()
    squeezed = SPACES.sub("", core)
    if (wrapper := _WRAPPER_WITHOUT_KIND.search(core)) is not None:
        # 关于转发《X的紧急通知》: the wrapper is a 通知 that does not say so.
        return "通知", wrapper.start("verb"), wrapper.end("verb")
    for word in words.doc_types:
        if squeezed.endswith(word):
            # Map back to the position in ``core`` (the word may be spaced: 通  知).
            pos = len(core)
            remaining = len(word)
            while remaining:
                pos -= 1
                if not core[pos].isspace():
                    remaining -= 1
            return words.aliases.get(word, word), pos, len(core)
    return None


def find_title(
    ctx: Ctx,
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
        if _EXCLAMATION.search(prev):
            break
        if _classify_title(prev) is not None:
            break
        run.insert(0, run[0] - 1)
    while run[-1] + 1 < len(ctx.lines) and _TITLE_VERSION.match(ctx.lines[run[-1] + 1].stripped):
        run.append(run[-1] + 1)  # 建设指南 / （2022 版）
    first, last = ctx.lines[run[0]], ctx.lines[run[-1]]
    start, end_offset = first.content_start, last.content_end
    if heading := _MARKDOWN_TITLE.match(first.stripped):
        start += heading.end()
    if number is not None and (suffix := _number_suffix(ctx, last, number)) is not None:
        end_offset = suffix  # the page printed the 发文字号 after the title
    raw = ctx.text[start:end_offset]
    fields["title"] = _join_title(raw)
    fields["title_raw"] = raw
    fields["title_span"] = (start, end_offset)
    return run


def _number_suffix(ctx: Ctx, line: Line, number: DocNumber) -> int | None:
    """Where a title line's bracketed 发文字号 suffix starts ("…的通知(岳办发〔2017〕2号)")."""
    if not (line.start <= number.span[0] and number.span[1] <= line.end):
        return None
    before = ctx.text[line.start : number.span[0]]
    after = ctx.text[number.span[1] : line.end]
    opening = SUFFIX_OPEN.search(before)
    if (
        opening is None
        or not SUFFIX_CLOSE.fullmatch(after)
        or not before[: opening.start()].strip()
    ):
        return None
    return line.start + len(before[: opening.start()].rstrip())


def _title_text(line: Line) -> str:
    return _MARKDOWN_TITLE.sub("", line.stripped)


def _join_title(raw: str) -> str:
    """Line breaks removed; spaces between Chinese characters ("通 知") removed.

    A title spaced out character by character ("国 务 院 关 于 2018 年 度") loses
    all its spaces.
    """
    joined = _LINE_BREAKS.sub("", raw)
    if spaced_out(joined):
        return SPACES.sub("", joined)
    return _SPACE_BETWEEN_HAN.sub("", joined)


def _is_header_furniture(ctx: Ctx, i: int, number: DocNumber | None) -> bool:
    """Lines of the 版头 that are not the title: 文号, dates, 机关标志, 密级, 紧急程度."""
    line = ctx.lines[i]
    s = line.stripped
    if number is not None and line.start <= number.span[1] and number.span[0] < line.end:
        return _number_suffix(ctx, line, number) is None
    if DATE.search(s) and date_line(ctx, i, number) is not None:
        return True
    if AGENCY_MARK.match(s) or CLASSIFICATION.match(s) or URGENCY.match(s):
        return True
    if vocab().metadata.match(s):
        return True
    return bool(SIGNER.search(s))


def find_doc_type(
    ctx: Ctx,
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
    for pattern in vocab().body_type:
        if match := pattern.search(ctx.text):
            body.append((match.start(), match.group("kind"), match))
    for pattern in vocab().body_notice:
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
