"""The sections stage: numbering markers → a Section tree.

Chinese official documents number their structure ``一、`` → ``（一）`` → ``1.`` →
``（1）`` → ``①``, and regulations ``第一编`` → ``第一章`` → ``第一节`` → ``第一条``
with the items of an article (``（一）``, ``1.``) beneath it. The same glyph can
sit at different depths in different documents, so depth is not read off the
glyph: a stack of open sections decides it, document by document.

A marker is accepted only where numbering can continue: the next number of a
sibling (一 → 二), the first item of a new list, or the continuation of a list
numbered straight through its parents (（四） under 一、, （五） under 二、).
That rejects the numbers of a sentence ("2021.", a "1." in a clause), and lets
markers run in mid-line be recovered when line breaks were lost.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from . import errors
from .errors import NumeralError
from .models import Diagnostic, Header, MarkerKind, Section, Span
from .numerals import parse_number
from .source import Line

_CN = "[一二三四五六七八九十百零〇两]"
_D = "[0-9０-９]"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# ``\p{Han}`` of the ``regex`` module (Unicode Script=Han) spelled out, so that the
# patterns below run on the stdlib ``re`` engine, several times faster per call.
# A test checks the class against ``regex`` over every code point.
_HAN = (
    "[\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3"
    "\U00016ff0-\U00016ff6\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead"
    "\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a"
    "\U00031350-\U00033479]"
)

# One ordered table: the kinds of marker, outermost first. The rank orders the
# kinds when a document skips a level; it never fixes a level by itself.
MARKERS: tuple[tuple[MarkerKind, str], ...] = (
    ("part", rf"第(?P<n>{_CN}{{1,4}})[编編]"),
    ("chapter", rf"第(?P<n>{_CN}{{1,4}})章"),
    ("subchapter", rf"第(?P<n>{_CN}{{1,4}})[节節]"),
    ("article", rf"第(?P<n>{_CN}{{1,6}})[条條](?![第款项之的中所]|规定|規定)"),
    ("cn_comma", rf"(?P<n>{_CN}{{1,3}})(?:、|[.．﹒](?!{_D}))"),
    ("cn_paren", rf"[（(](?P<n>{_CN}{{1,3}})[）)]"),
    ("digit_dot", rf"(?<![0-9０-９.．﹒])(?P<n>{_D}{{1,2}})(?:[.．﹒](?![0-9０-９])|、)"),
    ("digit_space", rf"(?P<n>{_D}{{1,2}})[ 　]+(?={_HAN}[^。，；：:]{{0,30}}$)"),
    (
        "decimal",
        rf"(?<![0-9０-９.．])(?P<n>{_D}{{1,2}}(?:[.．]{_D}{{1,2}}){{1,3}})(?![.．]?[0-9０-９])",
    ),
    ("digit_paren", rf"[（(](?P<n>{_D}{{1,2}})[）)]"),
    ("digit_rparen", rf"(?<![（(0-9０-９])(?P<n>{_D}{{1,2}})[）)]"),
    ("circled", rf"(?P<n>[{_CIRCLED}])"),
)
_RANK: dict[str, float] = {kind: rank for rank, (kind, _) in enumerate(MARKERS)}
_DIGITS_GROUP = {kind: f"n_{kind}" for kind, _ in MARKERS}  # the numeral's group in _MARKER
_TITLED = frozenset({"part", "chapter", "subchapter", "article"})  # 第…编/章/节/条
_MARKER = re.compile(
    "|".join(
        f"(?P<{kind}>{pattern.replace('(?P<n>', f'(?P<n_{kind}>')})" for kind, pattern in MARKERS
    )
)

# Where a marker can begin: the character each kind starts with, and what must
# follow it (第 a numeral; 一 more numerals then 、 or a full stop; （ numerals
# then ）; 1 a digit at most, then a stop, 、, a space or ）). Every match of
# _MARKER starts at one of these positions, so _MARKER is tried only there, not
# at every character of a line.
_MARKER_START = re.compile(
    rf"[第{_CN[1:-1]}（(0-9０-９{_CIRCLED}]"
    rf"(?:(?<=第)(?={_CN})"
    rf"|(?<={_CN})(?={_CN}{{0,2}}[、.．﹒])"
    rf"|(?<=[（(])(?=(?:{_CN}{{1,3}}|{_D}{{1,2}})[）)])"
    rf"|(?<={_D})(?={_D}?[.．﹒、 　）)])"
    rf"|(?<=[{_CIRCLED}]))"
)
# Where a marker may stand: at the start of a line (after indentation and a
# Markdown heading sign), or run in mid-line.
_LINE_PREFIX = regex.compile(r"[\s　]*(?:#{1,6}\s+)?")
# The characters of ``\s`` in the ``regex`` module (Unicode White_Space), which
# _LINE_PREFIX skips; a test checks the set against ``regex`` over every code point.
_REGEX_SPACE = (
    "\t\n\x0b\x0c\r\x20\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# What may not follow a marker: another numeral (一、二、三级), a unit-like
# continuation of a number, or nothing at all.
_FALSE_FOLLOW = re.compile(rf"{_CN}[、，,]|{_D}|[%％]|$")
# A 专栏 (a boxed panel of a plan: 专栏1 数字化解决方案研发推广工程) holds its own list.
_BOX = regex.compile(r"^[\s　]*专栏")
_NUMERAL_CHAR = re.compile(rf"{_CN}|{_D}|[、.．﹒]")
_TOC_HEAD = regex.compile(r"^[\s　]*目[\s　]*录[\s　]*$")
_TOC_LINE = regex.compile(r"(?:\.{4,}|…{2,}|·{4,})\s*[0-9０-９]+\s*$")
_ATTACHMENT_LIST = regex.compile(r"^[\s　]*附\s*件\s*[：:]")
# The attachment itself starts under a line that says only 附件 (or 附件2).
_ATTACHMENT_START = regex.compile(r"^[\s　]*附\s*件\s*[0-9０-９一二三四五六七八九十]{0,2}\s*$")
# A table flattened one cell per line: a header row of short label lines.
_CELL = regex.compile(r"^[\s　]*[\p{Han}A-Za-z（）()]{1,8}[\s　]*$")
_HEADING_END = re.compile(r"[。：:；;]")
_CAPTION = re.compile(r"[【\[［](?P<c>[^】\]］]{1,30})[】\]］]")
HEADING_MAX = 50


@dataclass(slots=True)
class _Open:
    key: str
    number: int
    start: int
    line: int
    index: int  # position in the accepted list


@dataclass(slots=True)
class _Accepted:
    kind: MarkerKind
    number: int
    start: int
    end: int  # end of the marker
    line: int
    depth: int
    parent: int | None
    children: list[int] = field(default_factory=list)


def _key(kind: str, digits: str) -> str:
    """The stack identity of a kind: decimal markers of each depth (1.1, 1.1.1) differ."""
    if kind == "decimal":
        return f"decimal{len(re.split('[.．]', digits))}"
    return kind


@cache
def _rank(key: str) -> float:
    if key.startswith("decimal"):
        return _RANK["decimal"] + int(key[len("decimal") :]) / 10
    return _RANK[key]


@cache
def _number(kind: str, digits: str) -> int | None:
    if kind == "decimal":
        digits = re.split("[.．]", digits)[-1]
    if kind == "circled":
        return _CIRCLED.index(digits) + 1
    if digits[0] in "0123456789０１２３４５６７８９":
        return int(digits.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    return _cn_number(digits)


def _cn_number(text: str) -> int | None:
    """一 … 九百九十九 (the numbers of articles and headings)."""
    try:
        return int(parse_number(text.replace("〇", "零")))
    except NumeralError:
        return None


def parse_sections(
    text: str, lines: list[Line], *, header: Header
) -> tuple[list[Section], list[Diagnostic]]:
    """Build the section tree of ``text``."""
    diagnostics: list[Diagnostic] = []
    accepted = _accept_markers(text, lines, diagnostics)
    if not accepted:
        return [], diagnostics
    ends = _section_ends(accepted, len(text.rstrip()))
    # Each tree is validated in one call, cheaper than a Section(...) per node.
    sections = [
        Section.model_validate(_build(text, lines, accepted, ends, i))
        for i, a in enumerate(accepted)
        if a.parent is None
    ]
    return _drop_table_rows(sections), diagnostics


def _drop_table_rows(sections: list[Section]) -> list[Section]:
    """Siblings that all carry the same heading are the rows of a table, not sections.

    A flattened table repeats its column label in every row ("1.典型场景:…",
    "2.典型场景:…"); real headings of sibling sections never repeat.
    """
    kept: list[Section] = []
    changed = False  # when nothing is dropped at any depth, the sections are returned as they are
    i = 0
    while i < len(sections):
        j = i
        while j < len(sections) and sections[j].marker_kind == sections[i].marker_kind:
            j += 1
        run = sections[i:j]
        headings = {s.heading for s in run}
        if len(run) >= 3 and len(headings) == 1 and None not in headings:
            changed = True
        else:
            for s in run:
                children = _drop_table_rows(s.children) if s.children else s.children
                if children is not s.children:
                    s = s.model_copy(update={"children": children})
                    changed = True
                kept.append(s)
        i = j
    return kept if changed else sections


def _accept_markers(text: str, lines: list[Line], diagnostics: list[Diagnostic]) -> list[_Accepted]:
    accepted: list[_Accepted] = []
    stack: list[_Open] = []
    last_seen: dict[str, int] = {}
    in_attachment_list = False
    in_table = False
    box_seq: dict[str, int] = {}  # the numbering inside a 专栏
    in_box = False
    skip_until = _toc_end(lines) if "录" in text else 0
    starts = _marker_starts(text)
    # Each line pattern below needs a word or sign a cheap test finds first.
    has_attachment = "附" in text
    has_toc_leader = "…" in text or "...." in text or "····" in text
    has_box = "专栏" in text
    for line_no, line in enumerate(lines[skip_until:], skip_until):
        s = line.text
        if not s or s.isspace():
            continue
        attachment = has_attachment and "附" in s
        if attachment and _ATTACHMENT_START.match(s):
            # A new text begins: its numbering starts afresh, unless it is a table.
            stack.clear()
            last_seen.clear()
            in_table = _starts_table(lines, line_no + 1)
            continue
        if in_table or (
            has_toc_leader
            and ("…" in s or "...." in s or "····" in s)
            and _TOC_LINE.search(s) is not None
        ):
            continue
        if has_box and "专栏" in s and _BOX.match(s):
            in_box, box_seq = True, {}
            continue
        if attachment and _ATTACHMENT_LIST.match(s):
            in_attachment_list = True
            continue
        lo = bisect_left(starts, line.start)
        hi = bisect_left(starts, line.end, lo)
        if lo == hi:  # no marker can begin on this line
            in_attachment_list = False
            continue
        # The line prefix (spaces, a Markdown heading sign) holds no marker start.
        first = len(s) - len(s.lstrip(_REGEX_SPACE))
        if s.startswith("#", first):
            first = _LINE_PREFIX.match(s).end()  # type: ignore[union-attr]
        if in_attachment_list:
            head = _MARKER.match(s, first)
            if head is not None and head.lastgroup in ("digit_dot", "digit_paren"):
                continue
            in_attachment_list = False
        for match in _markers(s, first, starts, lo, hi, line.start):
            kind: MarkerKind = match.lastgroup  # type: ignore[assignment]
            if kind is None:
                continue
            digits = match.group(_DIGITS_GROUP[kind])
            number = _number(kind, digits)
            if number is None:
                continue
            m_start, m_end = match.span()
            at_line_start = m_start == first
            if not at_line_start and kind in ("decimal", "digit_rparen", "digit_space"):
                continue
            if kind not in _TITLED and _FALSE_FOLLOW.match(s, m_end):
                continue
            if (
                not at_line_start
                and not (  # 一、总体要求（一）指导思想: a first child run in after a heading
                    stack
                    and stack[-1].line == line_no
                    and line.start + m_start - accepted[stack[-1].index].end <= 30
                )
                and not _run_in_context(s, match, kind)
            ):
                continue
            key = kind if kind != "decimal" else _key(kind, digits)
            if in_box:
                # A 专栏 (boxed panel) numbers its own list from 1; the body resumes with
                # the first marker that does not continue that list.
                if number == (box_seq.get(key, 0) + 1) and (box_seq or number == 1):
                    box_seq[key] = number
                    continue
                in_box = False
            placed = _place(key, number, line_no, at_line_start, stack, last_seen)
            if placed is None:
                continue
            parent_depth, gap = placed
            start = line.start + m_start
            end = line.start + m_end
            parent = stack[-1].index if stack else None
            entry = _Accepted(kind, number, start, end, line_no, parent_depth + 1, parent)
            accepted.append(entry)
            if parent is not None:
                accepted[parent].children.append(len(accepted) - 1)
            stack.append(_Open(key, number, start, line_no, len(accepted) - 1))
            last_seen[key] = number
            if gap:
                diagnostics.append(
                    Diagnostic(
                        code=errors.NUMBERING_GAP,
                        message=f"numbering jumps to {match.group()}",
                        span=(start, end),
                    )
                )
            if parent is not None and number == 1 and _skips_level(accepted[parent].kind, kind):
                parent_marker = text[accepted[parent].start : accepted[parent].end]
                diagnostics.append(
                    Diagnostic(
                        code=errors.LEVEL_SKIPPED,
                        message=f"{match.group()} under {parent_marker}"
                        " skips a level of the usual numbering",
                        span=(start, end),
                    )
                )
    return accepted


def _marker_starts(text: str) -> list[int]:
    """The offsets in ``text`` where a marker can begin (a few per line), in one pass.

    The scan never looks across a line break, so every match of ``_MARKER`` on a
    line starts at one of these offsets.
    """
    return [m.start() for m in _MARKER_START.finditer(text)]


def _markers(
    s: str, first: int, starts: list[int], lo: int, hi: int, offset: int
) -> list[re.Match[str]]:
    """The matches of ``_MARKER.finditer(s, first)``, given where one can begin.

    ``s`` is the line at ``offset`` in the text; ``starts[lo:hi]`` are the text
    offsets of :func:`_marker_starts` on it.
    """
    found = []
    end = first + offset
    for pos in starts[lo:hi]:
        if pos >= end and (match := _MARKER.match(s, pos - offset)) is not None:
            end = match.end() + offset
            found.append(match)
    return found


# The usual ladder of a notice's numbering (GB/T 9704-2012 7.3.3): 一、 （一） 1. （1）.
_LADDER = ("cn_comma", "cn_paren", "digit_dot", "digit_paren")


def _skips_level(parent: str, child: str) -> bool:
    if parent not in _LADDER or child not in _LADDER:
        return False
    return _LADDER.index(child) - _LADDER.index(parent) > 1


def _toc_end(lines: list[Line]) -> int:
    """The line where the body starts again after a 目录 (table of contents), or 0.

    The body starts where the first entry of the contents is printed again.
    """
    for i, line in enumerate(lines[:200]):
        if "录" in line.text and _TOC_HEAD.match(line.text):
            entries = [j for j in range(i + 1, min(i + 6, len(lines))) if lines[j].text.strip()]
            if not entries:
                return 0
            first = _squeeze(_TOC_LINE.sub("", lines[entries[0]].text))
            for j in range(entries[0] + 1, len(lines)):
                if _squeeze(lines[j].text) == first:
                    return j
            return 0
    return 0


def _squeeze(text: str) -> str:
    return regex.sub(r"[\s　]+", "", text)


def _starts_table(lines: list[Line], start: int) -> bool:
    """Whether the lines from ``start`` hold a table header row (three short cells in a row)."""
    run = 0
    for line in lines[start : start + 12]:
        if not line.text.strip():
            continue
        if _CELL.match(line.text) and not _MARKER.match(line.text.strip()):
            run += 1
            if run >= 3:
                return True
        else:
            run = 0
    return False


def _run_in_context(s: str, match: re.Match[str], kind: str) -> bool:
    """A marker mid-line stands after a lost line break, not inside a sentence."""
    i = match.start() - 1
    while i >= 0 and match.start() - i <= 8 and s[i] in " 　":
        i -= 1  # look back over a few spaces only: a long line must stay linear
    if i < 0:
        return True
    prev = s[i]
    if kind in ("article", "chapter", "part", "subchapter"):
        return prev in "。；;！!？?" or i < match.start() - 1
    if kind == "digit_paren" or kind == "circled":
        return prev in "。；;！!？?：:"
    if kind == "cn_paren":
        return prev in "。；;！!？?"
    # cn_comma, digit_dot: PDF-extracted texts run them on after any character,
    # but never right after another numeral or inside a number.
    return not _NUMERAL_CHAR.match(prev)


def _place(
    key: str,
    number: int,
    line_no: int,
    at_line_start: bool,
    stack: list[_Open],
    last_seen: dict[str, int],
) -> tuple[int, bool] | None:
    """Pop ``stack`` to where the marker belongs; return (parent depth, gap) or None to reject."""
    same = len(stack) - 1
    while same >= 0 and stack[same].key != key:
        same -= 1
    if same >= 0:
        expected = stack[same].number + 1
        gap = False
        if number == expected:
            pass
        elif at_line_start and number == 1:
            pass  # a new list of the same kind (an attached text starts again at 一、)
        elif (
            at_line_start
            and expected < number <= expected + 2
            and key in ("part", "chapter", "subchapter", "article", "cn_comma")
        ):
            gap = True
        else:
            return None
        del stack[same:]
        return len(stack), gap
    # A kind not open yet: a child of the innermost open section.
    rank = _rank(key)
    gap = False
    if not (number == 1 or number == last_seen.get(key, 0) + 1):
        # A list whose first heading lost its marker: （二） after 1.–3. closes the
        # deeper list, where an outer section is open to hold it.
        closes_deeper = bool(stack) and _rank(stack[-1].key) > rank
        holder = any(_rank(o.key) < rank for o in stack)
        strong = key in ("cn_comma", "cn_paren")  # （二） at a line start is never prose
        if not (at_line_start and number == 2 and holder and (closes_deeper or strong)):
            return None
        gap = True
    if (
        not at_line_start
        and not (stack and stack[-1].line == line_no)
        and not (not stack and number == 1 and not last_seen)
    ):
        return None
    # Skipped levels: an outer kind closes the inner ones first (一、 → （1） → （二）).
    while stack and _rank(stack[-1].key) > rank and any(_rank(o.key) < rank for o in stack):
        stack.pop()
    return len(stack), gap


def _section_ends(accepted: list[_Accepted], text_end: int) -> list[int]:
    """Each section ends where the next section that is not its descendant starts."""
    ends = [text_end] * len(accepted)
    open_: list[int] = []
    for i, entry in enumerate(accepted):
        while open_ and not _is_ancestor(accepted, open_[-1], i):
            ends[open_.pop()] = entry.start
        open_.append(i)
    return ends


def _is_ancestor(accepted: list[_Accepted], a: int, b: int) -> bool:
    parent = accepted[b].parent
    while parent is not None:
        if parent == a:
            return True
        parent = accepted[parent].parent
    return False


def _build(
    text: str, lines: list[Line], accepted: list[_Accepted], ends: list[int], i: int
) -> dict[str, Any]:
    """The fields of the Section of ``accepted[i]`` and its descendants."""
    entry = accepted[i]
    children = [_build(text, lines, accepted, ends, c) for c in entry.children]
    following = accepted[i + 1] if i + 1 < len(accepted) else None
    heading, heading_span = _heading(text, lines[entry.line], entry, following, ends[i])
    own_end = children[0]["span"][0] if children else ends[i]
    return {
        "marker": text[entry.start : entry.end],
        "marker_span": (entry.start, entry.end),
        "marker_kind": entry.kind,
        "number": entry.number,
        "level": entry.depth,
        "heading": heading,
        "heading_span": heading_span,
        "span": (entry.start, ends[i]),
        "text_span": (entry.start, own_end),
        "children": children,
    }


def _heading(
    text: str, line: Line, entry: _Accepted, following: _Accepted | None, end: int
) -> tuple[str | None, Span | None]:
    """The text after the marker up to 。：；, the line end or a run-in marker (≤ 50 chars)."""
    stop = min(line.end, end)
    if following is not None and entry.end <= following.start < stop:
        stop = following.start  # a marker run in on the same line cuts the heading
    rest = text[entry.end : stop]
    if entry.kind == "article":
        caption = _CAPTION.match(rest.lstrip(" 　"))
        if caption is None:
            return None, None
        offset = entry.end + (len(rest) - len(rest.lstrip(" 　"))) + caption.start("c")
        return caption.group("c"), (offset, offset + len(caption.group("c")))
    cut = _HEADING_END.search(rest)
    if cut is not None:
        rest = rest[: cut.start()]
    stripped = rest.strip(" 　\t")
    if not stripped or len(stripped) > HEADING_MAX:
        return None, None
    start = entry.end + rest.index(stripped)
    return stripped, (start, start + len(stripped))
