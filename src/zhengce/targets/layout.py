"""Paragraphs, sentences and the headings above them: the context a target is read in.

A *block* is a paragraph as the author wrote it: lines hard-wrapped by PDF
extraction are joined again (a line that does not end a sentence and is not
followed by a numbered line continues onto the next). Headings come from the
section tree when ``sections.py`` gave one, else from the numbered lines
themselves (a light stand-in that only tracks heading text and depth).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..models import Section

__all__ = [
    "Block",
    "Heading",
    "blocks_of",
    "clause_bounds",
    "headings_at",
    "headings_for",
    "section_path",
    "sentence_bounds",
]

# The patterns of this module are plain character classes and literals: the stdlib
# ``re`` runs them quicker than ``regex``, with the same matches.

# A numbered line: the GB/T 9704 layer markers and the 一是/二是 enumerations.
MARKER = re.compile(
    r"""^[ \t\u3000\xa0]*(?P<marker>
        第[一二三四五六七八九十百零〇0-9０-９]+[编章节条]
      | [一二三四五六七八九十]+[、，,．.]
      | [（(][一二三四五六七八九十]+[）)]
      | [0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2})*(?:[、，]|[.．](?![0-9０-９]))
      | [（(][0-9０-９]{1,2}[）)]
      | [①-⑳]
      | [一二三四五六七八九十]是
    )""",
    re.VERBOSE,
)
# The characters a line can begin with when MARKER matches it: other lines are not tried.
_MARKER_FIRST = frozenset(
    " \t\u3000\xa0第一二三四五六七八九十（(0123456789０１２３４５６７８９"
    + "".join(map(chr, range(ord("①"), ord("⑳") + 1)))
)
_PAREN_CN = re.compile(r"[（(][一二三四五六七八九十]")
_CN_NUMERAL = re.compile(r"[一二三四五六七八九十]")
_STOPS = frozenset("。！？：；:;!?")
_HEADING_END = re.compile(r"[。：:；;]")
SENTENCE_END = re.compile(r"[。！？；!?;：:]")
CLAUSE_END = re.compile(r"[。！？；!?;：:，,]")
# The same ends, and the round brackets that hold them back (see ``_split``).
_SENTENCE_END_OR_BRACKET = re.compile(r"[。！？；!?;：:（(）)]")
_CLAUSE_END_OR_BRACKET = re.compile(r"[。！？；!?;：:，,（(）)]")


@dataclass(slots=True)
class Block:
    start: int
    end: int
    marker: str | None
    kind: str | None
    heading: str | None  # the text after the marker up to 。：； when short


@dataclass(slots=True)
class Heading:
    heading: str
    span: tuple[int, int]  # the heading's own text (marker to first child)
    marker: str
    level: int
    children_start: int = field(default=0)


@lru_cache(maxsize=1024)  # a document repeats a few dozen markers
def _kind(marker: str) -> str:
    m = marker.strip()
    if m.startswith("第"):
        return "di" + m[-1]
    if m.endswith("是"):
        return "shi"
    if m[0] in "（(":
        return "paren_cn" if _PAREN_CN.match(m) else "paren_digit"
    if m[0] in "①②③④⑤⑥⑦⑧⑨⑩":
        return "circled"
    if _CN_NUMERAL.match(m):
        return "cn"
    return "digit" + str(m.count(".") + m.count("．"))


def blocks_of(text: str) -> list[Block]:
    """Split ``text`` into paragraphs, joining hard-wrapped lines."""
    blocks: list[Block] = []
    current: Block | None = None
    last_line = ""  # the last line of ``current``: it ends the block's text
    pos = 0
    for line in text.split("\n"):
        line_end = pos + len(line)
        if line and not line.isspace():  # a line with text (no stripped copy made)
            m = MARKER.match(line) if line[0] in _MARKER_FIRST else None
            if m is not None:
                marker: str | None = m[1]
            elif current is None or _ends_sentence(last_line) or (
                current.marker is not None
                and current.heading is not None
                and current.end - current.start <= 40
            ):
                marker = None
            else:
                current.end = line_end  # the line continues the paragraph
                last_line = line
                pos = line_end + 1
                continue
            heading = None
            if m is not None:
                after = line[m.end() :]
                stop = _HEADING_END.search(after)
                head = (after[: stop.start()] if stop else after).strip()
                heading = head if 0 < len(head) <= 50 else None
            current = Block(pos, line_end, marker, _kind(marker) if marker else None, heading)
            blocks.append(current)
            last_line = line
        elif current is not None:
            current = None  # a blank line ends a paragraph
        pos = line_end + 1
    return blocks


def _ends_sentence(line: str) -> bool:
    """Whether a line with text ends with 。！？：； (trailing spaces aside)."""
    return line.rstrip()[-1] in _STOPS


def headings_for(
    text: str, blocks: Sequence[Block], sections: Sequence[Section]
) -> list[list[Heading]]:
    """For each block, the headings above it (outermost first)."""
    if sections:
        return [headings_at(sections, b.start) for b in blocks]
    out: list[list[Heading]] = []
    order: list[str] = []
    stack: list[Heading] = []
    previous_end = -1
    for block in blocks:
        if block.kind is not None and block.kind != "shi":
            if block.kind not in order:
                order.append(block.kind)
            level = order.index(block.kind) + 1
            while stack and stack[-1].level >= level:
                stack.pop()
            assert block.marker is not None
            stack.append(
                Heading(block.heading or "", (block.start, block.end), block.marker, level)
            )
        elif stack and block.kind is None:
            top = stack[-1]
            if top.span[1] == previous_end:
                top.span = (top.span[0], block.end)  # the heading's lead text
        out.append(list(stack))
        previous_end = block.end
    return out


def headings_at(
    sections: Sequence[Section], pos: int, *, starts_of: dict[int, list[int]] | None = None
) -> list[Heading]:
    """The headings of the section tree above ``pos`` (outermost first).

    ``starts_of`` keeps the start offsets of each level of the tree (by ``id``) for a
    caller that asks about many positions of one tree.
    """
    out: list[Heading] = []
    level: Sequence[Section] = sections
    while True:
        kept = starts_of.get(id(level)) if starts_of is not None else None
        starts = kept if kept is not None else [s.span[0] for s in level]
        if starts_of is not None and kept is None:
            starts_of[id(level)] = starts
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0:
            return out
        s = level[i]  # it starts at or before pos
        if pos >= s.span[1]:
            return out
        out.append(Heading(s.heading or "", s.text_span, s.marker, s.level))
        level = s.children


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of a block, split after 。！？；：."""
    return _split(SENTENCE_END, _SENTENCE_END_OR_BRACKET, text, start, end)


def clause_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a block, split after 。！？；：and commas."""
    return _split(CLAUSE_END, _CLAUSE_END_OR_BRACKET, text, start, end)


def _split(
    ends: re.Pattern[str], ends_or_brackets: re.Pattern[str], text: str, start: int, end: int
) -> list[tuple[int, int]]:
    """Split after each ``ends`` match that is not inside a bracket opened in the piece.

    A piece runs from the last split; an end splits it when the piece has opened no
    more round brackets than it has closed before the end. ``ends_or_brackets``
    finds the ends (single characters) and the brackets in one pass.
    """
    out: list[tuple[int, int]] = []
    s = start
    if text.find("（", start, end) < 0 and text.find("(", start, end) < 0:
        for e in [m.end() for m in ends.finditer(text, start, end)]:
            out.append((s, e))
            s = e
        if s < end:
            out.append((s, end))
        return out
    open_ = 0  # brackets opened minus closed in the piece
    for m in ends_or_brackets.finditer(text, start, end):
        c = m[0]
        if c == "（" or c == "(":
            open_ += 1
        elif c == "）" or c == ")":
            open_ -= 1
        elif open_ <= 0:
            s_end = m.end()
            out.append((s, s_end))
            s = s_end
            open_ = 0
    if s < end:
        out.append((s, end))
    return out


def section_path(sections: Sequence[Section], pos: int) -> list[str]:
    """The markers of the sections around ``pos``, outermost first."""
    path: list[str] = []
    level: Sequence[Section] = sections
    while level:
        for s in level:
            span = s.span
            if span[0] <= pos < span[1]:
                path.append(s.marker)
                level = s.children
                break
        else:
            break
    return path
