"""zhengce: Chinese government policy documents as typed data.

>>> import zhengce
>>> doc = zhengce.parse("通政发〔2012〕26号 2012年3月19日\\n一、发展思路和目标\\n")
>>> doc.header.doc_number.text, str(doc.header.date)
('通政发〔2012〕26号', '2012-03-19')

The public names load on first use (PEP 562), so ``import zhengce`` stays cheap
for programs and worker processes that only need part of it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch import parse_many
    from .errors import ZhengceError
    from .models import (
        SCHEMA_VERSION,
        Attachment,
        Diagnostic,
        DocNumber,
        Document,
        EmbeddedDocument,
        Header,
        ParseError,
        Period,
        Section,
        Source,
        Target,
    )
    from .pipeline import parse, parse_file
    from .tables import to_dataframe
    from .targets import extract_targets

__all__ = [
    "SCHEMA_VERSION",
    "Attachment",
    "Diagnostic",
    "DocNumber",
    "Document",
    "EmbeddedDocument",
    "Header",
    "ParseError",
    "Period",
    "Section",
    "Source",
    "Target",
    "ZhengceError",
    "extract_targets",
    "parse",
    "parse_file",
    "parse_many",
    "to_dataframe",
]

__version__ = "0.1.0"

# Where each public name lives: the models module, unless listed here.
_ELSEWHERE = {
    "parse_many": "batch",
    "ZhengceError": "errors",
    "parse": "pipeline",
    "parse_file": "pipeline",
    "to_dataframe": "tables",
    "extract_targets": "targets",
}
_HOME = {name: _ELSEWHERE.get(name, "models") for name in __all__}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'zhengce' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
