"""zhengce: Chinese government policy documents as typed data.

>>> import zhengce
>>> doc = zhengce.parse("通政发〔2012〕26号 2012年3月19日\\n一、发展思路和目标\\n")
>>> doc.header.doc_number.text, str(doc.header.date)
('通政发〔2012〕26号', '2012-03-19')
"""

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
