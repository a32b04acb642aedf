"""Documents as table rows: one row per document, per section or per target.

The row builders are pure functions of one parsed item (a
:class:`~zhengce.models.Document` or the :class:`~zhengce.models.ParseError`
that stands in for an input that could not be parsed); the CSV and Parquet
writers of ``zhengce parse`` and :func:`to_dataframe` share them.

>>> import zhengce
>>> doc = zhengce.parse("通政发〔2012〕26号\\n一、发展思路和目标\\n（一）发展思路\\n")
>>> [(row["section_path"], row["heading"]) for row in section_rows(doc)]
[('一、', '发展思路和目标'), ('一、 / （一）', '发展思路')]
>>> row = document_rows(doc)[0]
>>> row["doc_number"], row["issuer_code"], row["year"], row["serial"], row["n_sections"]
('通政发〔2012〕26号', '通政发', 2012, 26, 2)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from .models import Document, ParseError, Section

if TYPE_CHECKING:
    import pandas

Table = Literal["documents", "sections", "targets"]
Row = dict[str, Any]

PATH_SEPARATOR = " / "
"""Joins the markers of a section path: ``一、 / （一） / 1.``."""
LIST_SEPARATOR = "；"
"""Joins list fields (addressees); the names themselves may contain ``、``."""

DOCUMENT_COLUMNS = (
    "path",
    "doc_number",
    "issuer_code",
    "year",
    "serial",
    "title",
    "doc_type",
    "issuer",
    "date",
    "addressees",
    "n_sections",
    "n_targets",
    "error",
    "error_message",
)
SECTION_COLUMNS = ("path", "section_path", "marker", "level", "heading", "start", "end")
TARGET_COLUMNS = (
    "path",
    "doc_number",
    "date",
    "section_path",
    "indicator",
    "value",
    "value_max",
    "unit",
    "comparator",
    "deadline",
    "kind",
    "aspirational",
    "text",
    "start",
    "end",
)

# Column types, shared by the Parquet schema and the DataFrame dtypes.
INT_COLUMNS = frozenset({"year", "serial", "n_sections", "n_targets", "level", "start", "end"})
DATE_COLUMNS = frozenset({"date", "deadline"})
NUMBER_COLUMNS = frozenset({"value", "value_max"})
BOOL_COLUMNS = frozenset({"aspirational"})


def document_rows(item: Document | ParseError) -> list[Row]:
    """One row: the header fields and counts, or the error of an unparsed input."""
    if isinstance(item, ParseError):
        row: Row = dict.fromkeys(DOCUMENT_COLUMNS)
        row.update(path=item.path, error=item.type, error_message=item.message)
        return [row]
    h = item.header
    number = h.doc_number
    return [
        {
            "path": item.source.path,
            "doc_number": number.text if number else None,
            "issuer_code": number.issuer_code if number else None,
            "year": number.year if number else None,
            "serial": number.serial if number else None,
            "title": h.title,
            "doc_type": h.doc_type,
            "issuer": h.issuer,
            "date": h.date,
            "addressees": LIST_SEPARATOR.join(h.addressees) if h.addressees else None,
            "n_sections": len(item.walk_sections()),
            "n_targets": len(item.targets),
            "error": None,
            "error_message": None,
        }
    ]


def section_rows(item: Document | ParseError) -> list[Row]:
    """One row per section in document order, with the markers from the root down to it."""
    if isinstance(item, ParseError):
        return []
    rows: list[Row] = []

    def visit(section: Section, parents: tuple[str, ...]) -> None:
        path = (*parents, section.marker)
        rows.append(
            {
                "path": item.source.path,
                "section_path": PATH_SEPARATOR.join(path),
                "marker": section.marker,
                "level": section.level,
                "heading": section.heading,
                "start": section.span[0],
                "end": section.span[1],
            }
        )
        for child in section.children:
            visit(child, path)

    for top in item.sections:
        visit(top, ())
    return rows


def target_rows(item: Document | ParseError) -> list[Row]:
    """One row per target, keyed by the document's path, number and date."""
    if isinstance(item, ParseError):
        return []
    h = item.header
    return [
        {
            "path": item.source.path,
            "doc_number": h.doc_number.text if h.doc_number else None,
            "date": h.date,
            "section_path": PATH_SEPARATOR.join(t.section_path) if t.section_path else None,
            "indicator": t.indicator,
            "value": t.value,
            "value_max": t.value_max,
            "unit": t.unit,
            "comparator": t.comparator,
            "deadline": t.deadline,
            "kind": t.kind,
            "aspirational": t.aspirational,
            "text": t.text,
            "start": t.span[0],
            "end": t.span[1],
        }
        for t in item.targets
    ]


TABLES: dict[str, tuple[tuple[str, ...], Callable[[Document | ParseError], list[Row]]]] = {
    "documents": (DOCUMENT_COLUMNS, document_rows),
    "sections": (SECTION_COLUMNS, section_rows),
    "targets": (TARGET_COLUMNS, target_rows),
}
"""Table name → (columns, row builder)."""


def columns(table: Table | str) -> tuple[str, ...]:
    return _table(table)[0]


def rows(item: Document | ParseError, table: Table | str = "documents") -> list[Row]:
    """The rows ``item`` contributes to ``table``."""
    return _table(table)[1](item)


def _table(table: str) -> tuple[tuple[str, ...], Callable[[Document | ParseError], list[Row]]]:
    try:
        return TABLES[table]
    except KeyError:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}") from None


def csv_cell(value: Any) -> Any:
    """How a value prints in CSV: empty for missing, ISO dates, exact numbers, true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return value


def to_dataframe(
    docs: Iterable[Document | ParseError], *, table: Table = "documents"
) -> pandas.DataFrame:
    """The rows of ``table`` for ``docs`` as a pandas DataFrame (``pip install zhengce[pandas]``).

    Dates are ``datetime64`` columns, counts and offsets nullable integers, values
    floats (the JSON output keeps them exact).
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "zhengce.to_dataframe needs pandas: pip install 'zhengce[pandas]'"
        ) from None
    names, build = _table(table)
    data = [row for item in docs for row in build(item)]
    frame = pd.DataFrame.from_records(data, columns=list(names))
    for name in names:
        if name in INT_COLUMNS:
            frame[name] = frame[name].astype("Int64")
        elif name in DATE_COLUMNS:
            frame[name] = pd.to_datetime(frame[name])
        elif name in NUMBER_COLUMNS:
            frame[name] = frame[name].astype("float64")
        elif name in BOOL_COLUMNS:
            frame[name] = frame[name].astype("boolean")
    return frame
