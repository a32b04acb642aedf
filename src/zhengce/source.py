"""Bytes to text: the format found by content, decoding without loss, and the line index.

:func:`extract` turns the bytes of one input into text, choosing the format by
what the bytes are, the file name's suffix only breaking ties:

=======================================  ======  ==========================
bytes start with                         format  adapter
=======================================  ======  ==========================
``%PDF-`` (within the first KiB)         pdf     :mod:`zhengce.formats.pdf`
``PK`` and hold ``word/document.xml``    docx    :mod:`zhengce.formats.docx`
``<!DOCTYPE html``, ``<html``, ...       html    :mod:`zhengce.formats.html`
anything else                            text    :mod:`zhengce.formats.text`
=======================================  ======  ==========================

Images and other binary files are named and refused as undecodable
(:class:`~zhengce.errors.DecodeError`); legacy Word/WPS files, other archives
and encrypted Office files too (:class:`~zhengce.errors.UnsupportedFormatError`,
:class:`~zhengce.errors.EncryptedInputError`). Decoding never replaces
characters; the encoding used is reported (``utf-8``, ``utf-8-sig``,
``utf-16``, ``gb18030``, ``big5``, ...).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import NamedTuple

from .errors import (
    CorruptInputError,
    DecodeError,
    EmptyInputError,
    EncryptedInputError,
    InputError,
    UnsupportedFormatError,
    ZhengceError,
)
from .formats import ZIP_ERRORS, Extracted, Format
from .formats import text as text_format
from .formats.text import ENCODINGS_TRIED, decode

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ENCODINGS_TRIED",
    "SUPPORTED_SUFFIXES",
    "Decoded",
    "Extracted",
    "Line",
    "decode",
    "extract",
    "load",
    "read_bytes",
    "read_text",
    "sniff",
    "split_lines",
]

Decoded = Extracted
"""The former name of :class:`~zhengce.formats.Extracted` (text and encoding)."""

SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".text", ".html", ".htm", ".xhtml", ".shtml", ".docx", ".pdf"}
)
"""File suffixes (lower case) of the inputs zhengce reads, for globbing a directory."""

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Files larger than this are refused unless the caller raises the limit."""

# Binary formats recognised only to be refused with their name.
_REFUSED_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"{\\rtf", "an RTF file (save it as .docx)"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(
    rb"(?:\s|<\?xml[^>]{0,200}>|<!--.{0,2000}?-->)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})


def sniff(data: bytes, *, suffix: str = "", name: str = "<bytes>") -> Format:
    """The format of ``data``, by content; the suffix only breaks ties.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"<!DOCTYPE html><p>x"), sniff("一、总体要求".encode())
    ('pdf', 'html', 'text')
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data, name)
    if data.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data[: 1 << 20] or suffix == ".docx":
            raise EncryptedInputError(
                f"{name}: a password-protected Office file; remove the password and save as .docx"
            )
        raise UnsupportedFormatError(
            f"{name}: a legacy Word/WPS/Excel file (OLE2); save it as .docx first"
        )
    for magic, kind in _REFUSED_MAGIC:
        if data.startswith(magic) and not _plausible_text(data):
            raise DecodeError(f"{name}: {kind}, not text or a document zhengce reads")
    bom = text_format.bom_encoding(data)
    if bom is not None and bom != "utf-8-sig":
        try:
            prefix = data[:4096].decode(bom, errors="ignore").encode("utf-8")
        except LookupError:  # pragma: no cover - every BOM codec exists
            prefix = b""
    else:
        prefix = data[3:4096] if bom else data[:4096]
    if _HTML_START.match(prefix):
        return "html"
    if suffix in _HTML_SUFFIXES and prefix.lstrip()[:1] == b"<":
        return "html"
    return "text"


def _plausible_text(data: bytes) -> bool:
    """Short magic numbers (``BM``, ``MZ``) also start real text: keep text that decodes."""
    try:
        text_format.decode(data, name="")
    except ZhengceError:
        return False
    return True


def _zip_kind(data: bytes, name: str) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except ZIP_ERRORS:
        raise CorruptInputError(
            f"{name}: a damaged or truncated ZIP archive (a .docx cut short?)"
        ) from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise UnsupportedFormatError(f"{name}: an OpenDocument file; save it as .docx")
    raise UnsupportedFormatError(f"{name}: a ZIP archive but not a .docx (no word/document.xml)")


def extract(data: bytes, *, name: str = "<bytes>", suffix: str = "") -> Extracted:
    """Text, format and encoding of one input's bytes.

    >>> extract("国发〔2019〕5号".encode("utf-16")).encoding
    'utf-16'
    """
    if not data.strip():
        raise EmptyInputError(
            f"{name}: the file is empty" if not data else f"{name}: no text, only whitespace"
        )
    fmt = sniff(data, suffix=suffix.lower(), name=name)
    if fmt == "pdf":
        from .formats import pdf

        extracted = pdf.extract(data, name=name)
    elif fmt == "docx":
        from .formats import docx

        extracted = docx.extract(data, name=name)
    elif fmt == "html":
        from .formats import html

        extracted = html.extract(data, name=name)
    else:
        extracted = decode(data, name=name)
    if not extracted.text.strip():
        raise EmptyInputError(f"{name}: no text, only whitespace")
    return extracted


def load(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Extracted:
    """Read a file of any supported format; raise a :class:`~zhengce.errors.ZhengceError`
    naming it when it cannot be read, is too large, damaged, hostile or has no text."""
    path = Path(path)
    return extract(read_bytes(path, max_bytes=max_bytes), name=str(path), suffix=path.suffix)


def read_bytes(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file, refusing one larger than ``max_bytes`` (``None``: no limit)."""
    path = Path(path)
    try:
        if max_bytes is not None and path.is_file() and path.stat().st_size > max_bytes:
            raise InputError(
                f"{path}: {path.stat().st_size} bytes is more than the limit of {max_bytes} "
                "(raise it with max_bytes / --max-bytes)"
            )
        if max_bytes is None:
            return path.read_bytes()
        with path.open("rb") as stream:  # a pipe or a growing file: stop at the limit
            data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"{path}: more than the limit of {max_bytes} bytes")
        return data
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def read_text(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Extracted:
    """Read and decode a plain-text file (no format detection; see :func:`load`)."""
    path = Path(path)
    data = read_bytes(path, max_bytes=max_bytes)
    decoded = decode(data, name=str(path))
    if not decoded.text.strip():
        raise EmptyInputError(
            f"{path}: the file is empty" if not data else f"{path}: no text, only whitespace"
        )
    return decoded


class Line(NamedTuple):
    """One line of the text: ``text[start:end]``, without its line break.

    A named tuple: a document has thousands of lines, and a tuple is the cheapest
    immutable record to build.
    """

    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def content_start(self) -> int:
        """Offset of the first non-space character (full-width spaces included)."""
        return self.start + (len(self.text) - len(self.text.lstrip()))

    @property
    def content_end(self) -> int:
        return self.start + len(self.text.rstrip())


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[Line]:
    """Split on ``\\n``, ``\\r\\n`` and ``\\r``, keeping offsets into ``text``.

    >>> [(line.start, line.text) for line in split_lines("一、\\r\\n\\n（一）\\r1.\\n")]
    [(0, '一、'), (4, ''), (5, '（一）'), (9, '1.')]
    """
    lines: list[Line] = []
    start = 0
    if "\r" not in text:  # breaks are \n only: str.split finds them faster
        for piece in text.split("\n"):
            end = start + len(piece)
            lines.append(Line(start, end, piece))
            start = end + 1
        if not lines[-1].text:
            lines.pop()  # the text ends with a break (or is empty): no line after it
        return lines
    for brk in _LINE_BREAK.finditer(text):
        lines.append(Line(start, brk.start(), text[start : brk.start()]))
        start = brk.end()
    if start < len(text):
        lines.append(Line(start, len(text), text[start:]))
    return lines
