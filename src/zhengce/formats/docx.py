"""Word .docx: paragraphs in order, tables as rows, automatic numbering written back.

A .docx is a ZIP of XML parts. Only three are read: ``word/document.xml``
(the body), ``word/numbering.xml`` and ``word/styles.xml`` (list definitions,
and the styles that attach them to headings). Before a part is read its
declared size and compression ratio are checked against :data:`MAX_PART_BYTES`
and :data:`MAX_RATIO`, and the read itself stops at the cap, so a zip bomb is
refused without being inflated. A part holding a document type declaration
is refused outright (Word never writes one): no entity is ever declared, let
alone expanded or fetched; lxml runs with ``resolve_entities=False``,
``no_network=True`` and ``load_dtd=False`` all the same.

Text: a paragraph per line; a table row per line with its cells joined by a
tab; ``w:tab`` is a tab and ``w:br`` a line break; deleted revisions, field
codes, text boxes and drawings are left out. Word's automatic numbering is
not in the text of a paragraph, so it is rendered back from its definition:
the level's ``lvlText`` template (``%1、``, ``（%1）``, ``第%1条``) with each
``%N`` replaced by that level's counter in its ``numFmt`` (``chineseCounting``
一, ``decimal`` 1, ``ideographTraditional`` 甲, ...), counters kept per list
(``numId``) and level, deeper levels restarting when a shallower one advances.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import CorruptInputError, EmptyInputError, EncryptedInputError, UnsafeInputError
from . import ZIP_ERRORS, Extracted, require

MAX_PART_BYTES = 128 * 1024 * 1024
"""The most bytes one XML part may inflate to."""

MAX_RATIO = 200
"""The most one part (larger than :data:`_RATIO_FLOOR`) may inflate per compressed byte."""

_RATIO_FLOOR = 1024 * 1024

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Containers whose children are walked as if they were in the body.
_TRANSPARENT = frozenset(
    W + tag for tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag", "hyperlink",
                        "fldSimple", "r", "dir", "bdo")
) | {_MC + "AlternateContent", _MC + "Choice"}  # fmt: skip
# Never text: deletions, field codes, drawings and text boxes, properties.
_SKIPPED = frozenset(
    W + tag for tag in ("del", "moveFrom", "instrText", "delText", "delInstrText", "drawing",
                        "pict", "object", "txbxContent", "pPr", "rPr", "sectPr", "tblPr",
                        "tcPr", "trPr", "tblGrid", "footnoteReference", "commentReference")
) | {_MC + "Fallback"}  # fmt: skip


def extract(data: bytes, *, name: str = "<bytes>") -> Extracted:
    """The text of a .docx, with automatic numbering rendered into it."""
    etree = require("lxml.etree", format="DOCX")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as exc:
        raise CorruptInputError(f"{name}: not a readable .docx (broken ZIP: {exc})") from None
    with archive:
        try:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise CorruptInputError(f"{name}: a ZIP archive without word/document.xml")
            document = _xml(etree, archive, "word/document.xml", name)
            numbering = (
                _xml(etree, archive, "word/numbering.xml", name)
                if "word/numbering.xml" in names
                else None
            )
            styles = (
                _xml(etree, archive, "word/styles.xml", name)
                if "word/styles.xml" in names
                else None
            )
        except ZIP_ERRORS as exc:
            raise CorruptInputError(f"{name}: a truncated or damaged .docx ({exc})") from None
    body = document.find(W + "body")
    if body is None:
        raise CorruptInputError(f"{name}: word/document.xml has no body")
    writer = _Writer(_Numbering.read(numbering, styles))
    writer.container(body)
    text = "\n".join(line for line in writer.lines if line)
    if not text.strip():
        raise EmptyInputError(f"{name}: the document has no text")
    return Extracted(text, "docx", None)


def _xml(etree: Any, archive: zipfile.ZipFile, part: str, name: str) -> Any:
    info = archive.getinfo(part)
    if info.flag_bits & 0x1:
        raise EncryptedInputError(f"{name}: {part} is encrypted (password-protected .docx)")
    if info.file_size > MAX_PART_BYTES:
        raise UnsafeInputError(
            f"{name}: {part} would inflate to {info.file_size} bytes, more than the limit of "
            f"{MAX_PART_BYTES} (zip bomb?)"
        )
    if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise UnsafeInputError(
            f"{name}: {part} would inflate {info.file_size // max(info.compress_size, 1)}-fold, "
            f"more than the limit of {MAX_RATIO} (zip bomb?)"
        )
    with archive.open(info) as stream:
        raw = stream.read(MAX_PART_BYTES + 1)
    if len(raw) > MAX_PART_BYTES:
        raise UnsafeInputError(f"{name}: {part} inflates past {MAX_PART_BYTES} bytes (zip bomb?)")
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise UnsafeInputError(
            f"{name}: {part} declares a document type or entities (XXE / entity expansion refused)"
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )  # fmt: skip
    try:
        return etree.fromstring(raw, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise CorruptInputError(f"{name}: {part} is not well-formed XML ({exc})") from None


# ---------------------------------------------------------------- numbering


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    template: str = ""
    suffix: str = "tab"
    legal: bool = False


@dataclass
class _Numbering:
    """List definitions: numId -> ilvl -> level, and paragraph styles -> (numId, ilvl)."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    styles: dict[str, tuple[str | None, int | None, str | None]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def read(cls, numbering: Any, styles: Any) -> _Numbering:
        out = cls()
        if styles is not None:
            for style in styles.iter(W + "style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                based = style.find(W + "basedOn")
                out.styles[style.get(W + "styleId") or ""] = (
                    _val(num_pr, "numId") if num_pr is not None else None,
                    _int(_val(num_pr, "ilvl")) if num_pr is not None else None,
                    based.get(W + "val") if based is not None else None,
                )
        if numbering is None:
            return out
        abstract: dict[str, dict[int, _Level]] = {}
        links: dict[str, str] = {}
        for definition in numbering.iter(W + "abstractNum"):
            key = definition.get(W + "abstractNumId") or ""
            abstract[key] = {
                _int(lvl.get(W + "ilvl")) or 0: _level(lvl) for lvl in definition.iter(W + "lvl")
            }
            link = definition.find(W + "numStyleLink")
            if link is not None:
                links[key] = link.get(W + "val") or ""
        nums = {num.get(W + "numId") or "": num for num in numbering.iter(W + "num")}
        for num_id, num in nums.items():
            abstract_id = _val(num, "abstractNumId") or ""
            if abstract_id in links:  # the list is defined by a numbering style's list
                style_num = out.styles.get(links[abstract_id], (None, None, None))[0]
                if style_num in nums:
                    abstract_id = _val(nums[style_num], "abstractNumId") or abstract_id
            levels = {k: _Level(**vars(v)) for k, v in abstract.get(abstract_id, {}).items()}
            for override in num.iter(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl")) or 0
                redefined = override.find(W + "lvl")
                if redefined is not None:
                    levels[ilvl] = _level(redefined)
                start = _int(_val(override, "startOverride"))
                if start is not None:
                    levels.setdefault(ilvl, _Level()).start = start
            out.levels[num_id] = levels
        return out

    def style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        seen = 0
        while style is not None and seen < 16:
            num_id, ilvl, based = self.styles.get(style, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style, seen = based, seen + 1
        return None, None

    def marker(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return ""
        out = []
        template = level.template
        i = 0
        while i < len(template):
            ch = template[i]
            if ch == "%" and i + 1 < len(template) and template[i + 1] in "123456789":
                k = int(template[i + 1]) - 1
                ref = levels.get(k, _Level())
                value = counters.get(k, ref.start)
                out.append(format_number(value, "decimal" if level.legal else ref.fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        suffix = {"tab": "\t", "space": " "}.get(level.suffix, "")
        text = "".join(out)
        return text + suffix if text else ""


def _level(lvl: Any) -> _Level:
    return _Level(
        start=_or(_int(_val(lvl, "start")), 1),
        fmt=_val(lvl, "numFmt") or "decimal",
        template=_val(lvl, "lvlText") or "",
        suffix=_val(lvl, "suff") or "tab",
        legal=lvl.find(W + "isLgl") is not None,
    )


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _val(element: Any, child: str) -> str | None:
    if element is None:
        return None
    found = element.find(W + child)
    return None if found is None else found.get(W + "val")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"


def format_number(n: int, fmt: str) -> str:
    """A counter in a Word number format.

    >>> [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 36, 101)]
    ['一', '十', '十一', '二十', '三十六', '一百零一']
    >>> format_number(3, "ideographTraditional"), format_number(2, "decimalEnclosedCircle")
    ('丙', '②')
    >>> format_number(28, "upperLetter"), format_number(14, "lowerRoman")
    ('BB', 'xiv')
    """
    if n < 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting", "koreanCounting"):  # fmt: skip
        return _chinese(n, _DIGITS, "十百千", short_ten=not fmt.endswith("Thousand"))
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL, "拾佰仟", short_ten=False)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac"):
        cycle = _STEMS if fmt == "ideographTraditional" else _BRANCHES
        return cycle[(n - 1) % len(cycle)] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return _PAREN[n - 1] if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return _FULLSTOP[n - 1] if 1 <= n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        if not 0 < n <= 780:  # AAA… past ZZZ…Z (30 letters) is no marker
            return str(n)
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "none":
        return ""
    return str(n)


def _chinese(n: int, digits: str, units: str, *, short_ten: bool) -> str:
    if n == 0:
        return digits[0]
    if n >= 10000:
        return "".join(digits[int(d)] for d in str(n))
    out: list[str] = []
    text = str(n)
    zero = False
    for i, d in enumerate(text):
        place = len(text) - 1 - i
        digit = int(d)
        if digit == 0:
            zero = True
            continue
        if zero and out:
            out.append("零")
        zero = False
        if not (short_ten and place == 1 and digit == 1 and i == 0):
            out.append(digits[digit])
        if place:
            out.append(units[place - 1])
    return "".join(out)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):  # fmt: skip
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


# ---------------------------------------------------------------- text


class _Writer:
    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering
        self.lines: list[str] = []

    def container(self, element: Any) -> None:
        for child in _blocks(element):
            if child.tag == W + "p":
                self.lines.append(self.paragraph(child))
            elif child.tag == W + "tbl":
                self.lines.extend(self.table(child))

    def paragraph(self, p: Any) -> str:
        num_id, ilvl = None, None
        ppr = p.find(W + "pPr")
        if ppr is not None:
            num_pr = ppr.find(W + "numPr")
            if num_pr is not None:
                num_id, ilvl = _val(num_pr, "numId"), _int(_val(num_pr, "ilvl"))
            if num_id is None:
                num_id, style_ilvl = self.numbering.style_numbering(_val(ppr, "pStyle"))
                ilvl = ilvl if ilvl is not None else style_ilvl
        text = "".join(_runs(p)).strip(" \t\u3000")
        marker = ""
        if num_id is not None and num_id != "0":
            marker = self.numbering.marker(num_id, ilvl or 0)
        return marker + text if text or marker.strip() else ""

    def table(self, tbl: Any) -> list[str]:
        rows = []
        for tr in tbl.iter(W + "tr"):
            if tr.getparent() is not tbl and _owner_table(tr) is not tbl:
                continue
            cells = []
            for tc in tr.findall(W + "tc"):
                parts: list[str] = []
                for child in _blocks(tc):
                    if child.tag == W + "p":
                        parts.append(self.paragraph(child))
                    elif child.tag == W + "tbl":
                        parts.extend(self.table(child))
                cells.append(" ".join(x for x in parts if x).replace("\n", " "))
            row = "\t".join(cells).strip("\t ")
            if row:
                rows.append(row)
        return rows


def _owner_table(tr: Any) -> Any:
    node = tr.getparent()
    while node is not None and node.tag != W + "tbl":
        node = node.getparent()
    return node


def _blocks(element: Any) -> Iterator[Any]:
    """Paragraphs and tables directly in ``element`` (content controls looked through)."""
    stack = list(reversed(element))
    while stack:
        child = stack.pop()
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in _TRANSPARENT:
            stack.extend(reversed(child))


def _runs(p: Any) -> Iterator[str]:
    stack = list(reversed(p))
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == W + "t":
            yield node.text or ""
        elif tag == W + "tab" or tag == W + "ptab":
            yield "\t"
        elif tag in (W + "br", W + "cr"):
            yield "\n"
        elif tag == W + "noBreakHyphen":
            yield "-"
        else:
            stack.extend(reversed(node))
