"""Errors raised by zhengce's strict pieces, and the codes of the diagnostics ``parse`` reports.

``parse`` itself never raises on odd structure: it records a coded
:class:`~zhengce.models.Diagnostic`. Reading a file and the small helpers
(numerals, document numbers) raise subclasses of :class:`ZhengceError`, whose
``code`` is machine-readable and ends up in batch error records.
"""

from __future__ import annotations


class ZhengceError(Exception):
    """Base class of every error zhengce raises on purpose."""

    code = "error"


class InputError(ZhengceError):
    """A file that cannot be read at all (missing, a directory, permission denied)."""

    code = "input"


class DecodeError(ZhengceError):
    """Bytes that none of the supported encodings decode without loss."""

    code = "decode"


class EmptyInputError(ZhengceError):
    """A file with no text in it."""

    code = "empty"


class UnsupportedFormatError(ZhengceError):
    """Bytes of a kind zhengce does not read (an image, a legacy .doc, a ZIP that is not .docx)."""

    code = "unsupported_format"


class CorruptInputError(ZhengceError):
    """A DOCX, PDF or HTML file that is truncated or malformed beyond reading."""

    code = "corrupt"


class EncryptedInputError(ZhengceError):
    """A password-protected DOCX or PDF."""

    code = "encrypted"


class NoTextLayerError(ZhengceError):
    """A PDF whose pages carry no text (a scan); zhengce does no OCR."""

    code = "no_text_layer"


class UnsafeInputError(ZhengceError):
    """Input refused as hostile: a zip bomb, XML entities or a document type declaration."""

    code = "unsafe"


class MissingDependencyError(ZhengceError):
    """A format needs an optional dependency that is not installed."""

    code = "missing_dependency"


class NumeralError(ZhengceError, ValueError):
    """A string that is not a number zhengce can convert exactly."""

    code = "numeral"


class DocNumberError(ZhengceError, ValueError):
    """A string that is not a 发文字号."""

    code = "doc_number"


# Diagnostic codes reported on Document.diagnostics.
NUMBERING_GAP = "numbering_gap"  # 一、 then 三、
LEVEL_SKIPPED = "level_skipped"  # 一、 then (1) with no （一） between
SERIAL_ZERO_PADDED = "serial_zero_padded"  # 〔2012〕026号
NUMERAL_NOT_CONVERTIBLE = "numeral_not_convertible"
NO_HEADER = "no_header"  # no doc number, title, date or issuer found
