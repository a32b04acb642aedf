"""Format adapters: one module per input format, each the sole user of its library.

======  ==========================================  =====================
format  module                                      library
======  ==========================================  =====================
text    :mod:`zhengce.formats.text`                 charset-normalizer
html    :mod:`zhengce.formats.html`                 lxml
docx    :mod:`zhengce.formats.docx`                 zipfile + lxml
pdf     :mod:`zhengce.formats.pdf`                  pdfminer.six
======  ==========================================  =====================

Every adapter turns bytes into an :class:`Extracted` (text, format, encoding)
or raises a :class:`~zhengce.errors.ZhengceError`; any other exception a
third-party library raises on malformed input is caught at the adapter's
boundary and reported as :class:`~zhengce.errors.CorruptInputError`.
"""

from __future__ import annotations

import importlib
import zipfile
import zlib
from dataclasses import dataclass
from types import ModuleType
from typing import Literal

from ..errors import MissingDependencyError

Format = Literal["text", "html", "docx", "pdf"]


# What a damaged ZIP archive raises while it is opened or read: zipfile also raises
# NotImplementedError for a header claiming an unknown version or compression method.
ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    KeyError,
    RuntimeError,
)


@dataclass(frozen=True)
class Extracted:
    """The text of one input, the format it was read as, and the encoding used."""

    text: str
    format: Format
    encoding: str | None


def require(module: str, *, format: str) -> ModuleType:
    """Import an optional dependency, or say which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(
            f"reading {format} needs {module.split('.')[0]}: pip install 'zhengce[formats]'"
        ) from None
