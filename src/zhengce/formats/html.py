"""HTML: the article body of a government web page as plain text (sole lxml.html user).

lxml parses the page; nothing in it runs (scripts are dropped unread) and
nothing is fetched (``no_network``). The body is found in three steps:

1. drop what is never the article: ``script``, ``style``, forms, frames,
   ``nav``/``footer``/``aside``, and elements whose class or id names a
   navigation bar, breadcrumb, share widget, footer or sidebar;
2. score every block by the text of the paragraphs directly in it (a
   government page puts the document in one ``div`` of ``<p>`` elements);
   the best-scoring block is the body, the whole ``<body>`` if none scores;
3. write its text: a line break at every block element and ``<br>``,
   cells of a table row joined by a tab, runs of spaces and newlines from
   the markup collapsed, empty lines dropped.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import CorruptInputError, EmptyInputError
from . import Extracted, require
from . import text as text_format

# Elements whose content is never part of the article.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "svg", "canvas", "form", "button", "input", "select", "textarea", "nav",
    "footer", "aside", "head", "link", "meta", "map", "audio", "video",
)  # fmt: skip

# A class or id containing one of these words marks page furniture.
_FURNITURE = re.compile(
    r"nav|menu|breadcrumb|crumb|footer|share|social|sidebar|toolbar|qrcode|copyright|"
    r"comment|advert|banner|search|login|related|pagination|print",
    re.IGNORECASE,
)

# Elements that start a new line.
_BLOCK_TAGS = frozenset(
    "address article blockquote body center dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 "
    "hr li main ol p pre section table tbody thead tfoot tr ul caption html".split()
)
_CELL_TAGS = frozenset({"td", "th"})
_CANDIDATE_TAGS = ("div", "article", "section", "main", "td", "body")

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_CJK = re.compile(r"[\u3400-\u9fff]")

# Declared charsets mapped to the codec that decodes all of them.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "big5": "big5", "big5-hkscs": "big5hkscs", "utf8": "utf-8"}  # fmt: skip


def decode_html(data: bytes, *, name: str) -> tuple[str, str]:
    """Text and encoding: a byte-order mark, else a ``<meta charset>`` that decodes strictly,
    else the plain-text rule (:func:`zhengce.formats.text.decode`)."""
    if text_format.bom_encoding(data) is None:
        declared = _CHARSET.search(data[:4096])
        if declared:
            label = declared.group(1).decode("ascii").lower()
            codec = _ALIASES.get(label, label)
            try:
                return data.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                pass  # a page that lies about its charset: fall back to detection
    decoded = text_format.decode(data, name=name)
    return decoded.text, decoded.encoding or "utf-8"


def extract(data: bytes, *, name: str = "<bytes>") -> Extracted:
    """The article text of an HTML page.

    >>> page = (b'<html><head><script>alert(1)</script></head><body>'
    ...         b'<div class="nav">\\xe9\\xa6\\x96\\xe9\\xa1\\xb5</div>'
    ...         b'<div id="content"><p>\\xe4\\xb8\\x80\\xe3\\x80\\x81\\xe6\\x80\\xbb\\xe4\\xbd\\x93'
    ...         b'</p><p>\\xe5\\x86\\x85\\xe5\\xae\\xb9<br>\\xe7\\xac\\xac\\xe4\\xba\\x8c</p>'
    ...         b'</div></body></html>')
    >>> print(extract(page).text)
    一、总体
    内容
    第二
    """
    lxml_html = require("lxml.html", format="HTML")
    text, encoding = decode_html(data, name=name)
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        raise EmptyInputError(f"{name}: the page is empty")
    try:
        parser = lxml_html.HTMLParser(
            no_network=True, remove_comments=True, remove_pis=True, recover=True, huge_tree=True
        )
        root = lxml_html.document_fromstring(text, parser=parser)
    except Exception as exc:  # lxml raises ParserError, ValueError, ... on junk
        raise CorruptInputError(f"{name}: cannot parse as HTML ({exc})") from None
    lines: list[str] = []
    try:
        _drop_furniture(root)
        _write(_article(root), lines, [])
    except ValueError as exc:  # lxml refuses to join text holding NUL or control characters
        raise CorruptInputError(f"{name}: control characters in the page ({exc})") from None
    out = "\n".join(line for line in (_clean(x) for x in lines) if line)
    if not out:
        raise EmptyInputError(f"{name}: the page has no article text")
    return Extracted(out, "html", encoding)


def _drop_furniture(root: Any) -> None:
    doomed = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _DROP_TAGS:
            doomed.append(element)
            continue
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if marks.strip() and _FURNITURE.search(marks) and tag.lower() not in ("body", "html"):
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()


def _article(root: Any) -> Any:
    """The block whose own paragraphs hold the most Chinese text."""
    best, best_score = None, 0
    for element in root.iter(*_CANDIDATE_TAGS):
        score = 0
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "br", "li", "span", "font"):
                score += len(_CJK.findall(child.text_content()))
        score += len(_CJK.findall(element.text or ""))
        score += sum(len(_CJK.findall(child.tail or "")) for child in element)
        if score > best_score:
            best, best_score = element, score
    if best is None:
        body = root.find("body")
        return body if body is not None else root
    return best


def _write(element: Any, lines: list[str], current: list[str]) -> None:
    """Append the text of ``element`` to ``lines`` (``current`` is the open line).

    Iterative, so a page nested ten thousand levels deep is no problem.
    """
    stack: list[tuple[Any, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if closing:
            if tag in _BLOCK_TAGS:
                _break(lines, current)
            elif tag in _CELL_TAGS:
                current.append("\t")
            if node.tail:
                current.append(_ASCII_SPACE.sub(" ", node.tail))
            continue
        if tag == "br":
            _break(lines, current)
            if node.tail:
                current.append(_ASCII_SPACE.sub(" ", node.tail))
            continue
        if tag in _BLOCK_TAGS:
            _break(lines, current)
        if tag == "pre":
            current.append(node.text_content())
            stack.append((node, True))
            continue
        if node.text and tag:
            current.append(_ASCII_SPACE.sub(" ", node.text))
        stack.append((node, True))
        for child in reversed(node):
            if isinstance(child.tag, str):
                stack.append((child, False))
            elif child.tail:  # a comment or processing instruction left behind
                stack.append((_Tail(child.tail), True))
    _break(lines, current)


class _Tail:
    """Stands for the tail text of a non-element node."""

    tag = ""

    def __init__(self, tail: str) -> None:
        self.tail = tail


def _break(lines: list[str], current: list[str]) -> None:
    if current:
        lines.append("".join(current))
        current.clear()


def _clean(line: str) -> str:
    """Strip the indentation and trailing blanks of a line, tabs of empty cells too."""
    line = line.replace("\xa0", " ")
    line = line.strip(" \t\u3000")
    return re.sub(r"\t{2,}", "\t", line)
