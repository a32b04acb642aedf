"""PDF with a text layer: page text in reading order, page furniture removed, wraps rejoined
(sole pdfminer.six user).

pdfminer.six lays out each page into text lines with their boxes. Then:

1. page numbers are dropped: a line among the first or last two of a page that
   is only a number dressed as one (``— 3 —``, ``- 3 -``, ``第3页``, ``3/12``);
2. running headers and footers are dropped: a line among the first or last two
   of a page whose text (digits aside) recurs there on at least half of the
   pages, two at least;
3. lines hard-wrapped inside a sentence are rejoined: a line that reaches the
   right margin and does not end with ``。；：！？``, followed by a line that does
   not start with a section marker, continues on that line (across a page
   break too).

A PDF without text (a scan) raises :class:`~zhengce.errors.NoTextLayerError`:
zhengce does no OCR. A PDF that needs a password raises
:class:`~zhengce.errors.EncryptedInputError`; anything pdfminer cannot read,
:class:`~zhengce.errors.CorruptInputError`.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..errors import CorruptInputError, EncryptedInputError, NoTextLayerError
from . import Extracted, require

MAX_PAGES = 5000
"""Pages beyond this are not read."""

_PAGE_NUMBER = re.compile(
    r"[-\u2010\u2013\u2014\u2015\uff0d~\uff5e\s]*(?:第\s*)?[0-9０-９]{1,4}\s*(?:页)?(?:\s*[/／]\s*[0-9０-９]{1,4}|\s*共\s*[0-9０-９]{1,4}\s*页)?"
    r"[-\u2010\u2013\u2014\u2015\uff0d~\uff5e\s]*"
)
_DIGITS = re.compile(r"[0-9０-９]+")
_SENTENCE_END = frozenset("。；：！？;:!?")
_CLOSERS = frozenset("”’」』）)】〕》")
# A line that starts a new numbered item (一、 （一） 1. 1、 （1） 1） ① 第一条 第一章 ...).
_MARKER = re.compile(
    r"[\s\u3000]*(?:[一二三四五六七八九十百〇零]+[、.．]|[（(][一二三四五六七八九十百0-9０-９]+[）)]"
    r"|[0-9０-９]+(?:[.．][0-9０-９]+)*[.．、）)]|[①-⑳]|第[一二三四五六七八九十百千〇零0-9０-９]+[编章节条款])"
)


@dataclass
class _Line:
    text: str
    x1: float
    height: float


def extract(data: bytes, *, name: str = "<bytes>") -> Extracted:
    """The text of a PDF's text layer."""
    high_level = require("pdfminer.high_level", format="PDF")
    layout = require("pdfminer.layout", format="PDF")
    pdfdocument = require("pdfminer.pdfdocument", format="PDF")
    pages: list[list[_Line]] = []
    try:
        for page in high_level.extract_pages(
            io.BytesIO(data), laparams=layout.LAParams(), maxpages=MAX_PAGES
        ):
            pages.append(_page_lines(page, layout))
    except (pdfdocument.PDFPasswordIncorrect, pdfdocument.PDFEncryptionError) as exc:
        raise EncryptedInputError(
            f"{name}: the PDF is password-protected ({type(exc).__name__}); "
            "remove the password first"
        ) from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        if "encrypt" in type(exc).__name__.lower() or "password" in str(exc).lower():
            raise EncryptedInputError(f"{name}: the PDF is encrypted ({exc})") from None
        raise CorruptInputError(
            f"{name}: cannot read the PDF ({type(exc).__name__}: {exc})"[:500]
        ) from None
    if not pages:
        raise CorruptInputError(f"{name}: the PDF has no pages")
    if not any(line.text for page_lines in pages for line in page_lines):
        raise NoTextLayerError(
            f"{name}: the PDF has no text layer ({len(pages)} pages, a scan?); zhengce does no OCR"
        )
    return Extracted(join_pages(pages), "pdf", None)


def _page_lines(page: Any, layout: Any) -> list[_Line]:
    found: list[tuple[float, float, float, float, str]] = []
    stack = list(page)
    while stack:
        item = stack.pop()
        if isinstance(item, layout.LTTextLine):
            text = _line_text(item, layout).strip(" \t\u3000\xa0")
            if text:
                found.append((item.y0, item.y1, item.x0, item.x1, text))
        elif isinstance(item, layout.LTContainer):
            stack.extend(item)
    # Top to bottom, then left to right; pieces at one height make one line.
    found.sort(key=lambda f: (-(f[0] + f[1]) / 2, f[2]))
    lines: list[_Line] = []
    last_mid = None
    for y0, y1, _x0, x1, text in found:
        mid, height = (y0 + y1) / 2, max(y1 - y0, 1.0)
        if lines and last_mid is not None and abs(mid - last_mid) < height / 2:
            lines[-1] = _Line(lines[-1].text + " " + text, max(lines[-1].x1, x1), lines[-1].height)
            continue
        lines.append(_Line(text, x1, height))
        last_mid = mid
    return lines


def _line_text(line: Any, layout: Any) -> str:
    """The characters of a line; of the spaces pdfminer infers from gaps (``LTAnno``), only
    those between two Latin letters or digits (a CJK line has gaps around every digit run)."""
    pieces: list[tuple[str, bool]] = []
    for child in line:
        text = child.get_text()
        if text == "\n":
            continue
        pieces.append((text, isinstance(child, layout.LTAnno)))
    out: list[str] = []
    for i, (text, virtual) in enumerate(pieces):
        if virtual and text.isspace():
            before = out[-1][-1:] if out and out[-1] else ""
            after = pieces[i + 1][0][:1] if i + 1 < len(pieces) else ""
            if not (_latin(before) and _latin(after)):
                continue
        out.append(text)
    return "".join(out)


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_pages(pages: list[list[_Line]]) -> str:
    """Drop page numbers and running lines, rejoin wrapped lines, one paragraph per line."""
    pages = [
        [line for i, line in enumerate(p) if not _is_page_number(line, i, len(p))] for p in pages
    ]
    running = _running_lines(pages)
    out: list[str] = []
    joining = False
    for page in pages:
        kept = _drop_running(page, running)
        if not kept:
            continue
        right = max(line.x1 for line in kept)
        for line in kept:
            if joining and out and not _MARKER.match(line.text):
                sep = " " if out[-1][-1:].isascii() and line.text[:1].isascii() else ""
                out[-1] += sep + line.text
            else:
                out.append(line.text)
            joining = line.x1 >= right - 1.5 * line.height and not _ends_sentence(line.text)
    return "\n".join(out)


def _drop_running(page: list[_Line], running: frozenset[str]) -> list[_Line]:
    """The page without the running lines among its first and last two; a running text met
    twice at one edge is removed once (the first page may repeat its header as its title)."""
    drop: set[int] = set()
    for edge in (range(min(2, len(page))), range(len(page) - 1, max(len(page) - 3, -1), -1)):
        removed: set[str] = set()
        for i in edge:
            key = _DIGITS.sub("#", page[i].text)
            if key not in running or key in removed:
                break
            removed.add(key)
            drop.add(i)
    return [line for i, line in enumerate(page) if i not in drop]


def _is_page_number(line: _Line, index: int, count: int) -> bool:
    return (index < 2 or index >= count - 2) and _PAGE_NUMBER.fullmatch(line.text) is not None


def _running_lines(pages: list[list[_Line]]) -> frozenset[str]:
    if len(pages) < 2:
        return frozenset()
    seen: Counter[str] = Counter()
    for page in pages:
        edge = {_DIGITS.sub("#", line.text) for line in page[:2] + page[-2:]}
        seen.update(edge)
    needed = max(2, (len(pages) + 1) // 2)
    return frozenset(text for text, n in seen.items() if n >= needed)


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    while stripped and stripped[-1] in _CLOSERS:
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in _SENTENCE_END


__all__ = ["MAX_PAGES", "extract", "join_pages"]
