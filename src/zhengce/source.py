"""Bytes to text: decoding without loss, and the line index every stage uses.

Decoding never replaces characters. A file is tried, in order, as UTF-8 (with
or without a byte-order mark), UTF-16 with a byte-order mark, and GB18030 (a
superset of GBK and GB2312); a file none of them decodes raises
:class:`~zhengce.errors.DecodeError` naming the file and every encoding tried.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DecodeError, EmptyInputError, InputError

ENCODINGS_TRIED = ("utf-8", "utf-16", "gb18030")

# Control characters that never occur in a text file: their presence marks binary input.
_BINARY_CONTROLS = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1A)) | {0x1C, 0x1D, 0x1F}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, *, name: str = "<bytes>") -> Decoded:
    """Decode ``data`` losslessly, reporting the encoding used.

    >>> decode("通政发〔2012〕26号".encode("gbk")).encoding
    'gb18030'
    >>> decode(codecs.BOM_UTF8 + "国发".encode()).text
    '国发'
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", "utf-8-sig", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "utf-16", name)
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and _looks_binary(text):
            break
        return _checked(text, encoding, name)
    raise DecodeError(
        f"{name}: cannot decode as any of {', '.join(ENCODINGS_TRIED)} without replacing "
        "characters (is it a binary file?)"
    )


def _strict(data: bytes, codec: str, label: str, name: str) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"{name}: starts with a {label} byte-order mark but is not valid {label} "
            f"at byte {exc.start}"
        ) from None
    return _checked(text, label, name)


def _checked(text: str, encoding: str, name: str) -> Decoded:
    if _looks_binary(text):
        raise DecodeError(f"{name}: binary data (control characters), not text")
    return Decoded(text, encoding)


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return any(ord(ch) in _BINARY_CONTROLS for ch in sample)


DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Files larger than this are refused unless the caller raises the limit."""


def read_bytes(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file, refusing one larger than ``max_bytes`` (``None``: no limit)."""
    path = Path(path)
    try:
        if max_bytes is not None and path.is_file() and path.stat().st_size > max_bytes:
            raise InputError(
                f"{path}: {path.stat().st_size} bytes is more than the limit of {max_bytes} "
                "(raise it with max_bytes / --max-bytes)"
            )
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def read_text(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Decoded:
    """Read and decode a file; raise a :class:`~zhengce.errors.ZhengceError` naming it."""
    path = Path(path)
    data = read_bytes(path, max_bytes=max_bytes)
    decoded = decode(data, name=str(path))
    if not decoded.text.strip():
        raise EmptyInputError(f"{path}: the file is empty" if not data else f"{path}: no text, only whitespace")
    return decoded


@dataclass(frozen=True)
class Line:
    """One line of the text: ``text[start:end]``, without its line break."""

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
    """Split on ``\\n``, ``\\r\\n`` and ``\\r``, keeping offsets into ``text``."""
    lines: list[Line] = []
    start = 0
    for brk in _LINE_BREAK.finditer(text):
        lines.append(Line(start, brk.start(), text[start : brk.start()]))
        start = brk.end()
    if start < len(text):
        lines.append(Line(start, len(text), text[start:]))
    return lines
