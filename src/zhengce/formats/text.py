"""Plain text: bytes to str without loss, and the encoding that was used.

The rule, in order; the first that applies wins:

1. a byte-order mark: UTF-8, UTF-16 (LE/BE) or UTF-32 (LE/BE), decoded strictly;
2. valid UTF-8 (plain ASCII included);
3. exactly one of GB18030 (a superset of GBK and GB2312) and Big5 decodes
   strictly: that one;
4. both decode (the byte ranges of the two overlap): charset-normalizer
   chooses between them, and GB18030 when it cannot tell.

Decoding never replaces characters: a file nothing decodes, or one whose
decoded text holds control characters (binary data), raises
:class:`~zhengce.errors.DecodeError`.
"""

from __future__ import annotations

import codecs
import re

from ..errors import DecodeError
from . import Extracted

ENCODINGS_TRIED = ("utf-8", "utf-16", "utf-32", "gb18030", "big5")

# Control characters that never occur in a text file: their presence marks binary input.
_BINARY_CONTROLS = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1A)) | {0x1C, 0x1D, 0x1F}
_BINARY_CHAR = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_BINARY_CONTROLS)) + "]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if ``data`` starts with one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode(data: bytes, *, name: str = "<bytes>") -> Extracted:
    """Decode ``data`` losslessly, reporting the encoding used.

    >>> decode("通政发〔2012〕26号".encode("gbk")).encoding
    'gb18030'
    >>> decode("國務院令".encode("big5")).encoding
    'big5'
    >>> decode(codecs.BOM_UTF8 + "国发".encode()).text
    '国发'
    """
    bom = bom_encoding(data)
    if bom is not None:
        return _strict(data, bom, name)
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    candidates: dict[str, str] = {}
    for encoding in ("gb18030", "big5"):
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    candidates = {enc: text for enc, text in candidates.items() if not _looks_binary(text)}
    if not candidates:
        raise DecodeError(
            f"{name}: cannot decode as any of {', '.join(ENCODINGS_TRIED)} without replacing "
            "characters (is it a binary file?)"
        )
    if len(candidates) == 1:
        ((encoding, text),) = candidates.items()
        return Extracted(text, "text", encoding)
    encoding = _guess_chinese(data)
    return Extracted(candidates[encoding], "text", encoding)


def _guess_chinese(data: bytes) -> str:
    """GB18030 or Big5, for bytes both decode: charset-normalizer's choice."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # a core dependency, but never fail a decode over it
        return "gb18030"
    best = from_bytes(data[:65536], cp_isolation=["gb18030", "big5"]).best()
    if best is not None and best.encoding in ("big5", "cp950", "big5hkscs"):
        return "big5"
    return "gb18030"


def _strict(data: bytes, encoding: str, name: str) -> Extracted:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "utf-8" if encoding == "utf-8-sig" else encoding
        raise DecodeError(
            f"{name}: starts with a {label} byte-order mark but is not valid {label} "
            f"at byte {exc.start}"
        ) from None
    return _checked(text, encoding, name)


def _checked(text: str, encoding: str, name: str) -> Extracted:
    if _looks_binary(text):
        raise DecodeError(f"{name}: binary data (control characters), not text")
    return Extracted(text, "text", encoding)


def _looks_binary(text: str) -> bool:
    return _BINARY_CHAR.search(text, 0, 4096) is not None
