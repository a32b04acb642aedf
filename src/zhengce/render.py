"""Renderers: JSON, JSON Lines records and the readable outline."""

from __future__ import annotations

import json
from typing import Any

from .models import Document, Section, Target


def to_record(doc: Document, *, include_text: bool = False) -> dict[str, Any]:
    """The JSON-ready dict of a document (``text`` only when asked for)."""
    record: dict[str, Any] = doc.model_dump(mode="json")
    if include_text:
        record["text"] = doc.text
    return record


def error_record(path: str | None, error: BaseException) -> dict[str, Any]:
    """The record that stands in for an input that could not be parsed."""
    code = getattr(error, "code", type(error).__name__)
    return {
        "source": {"path": path},
        "error": {"type": code, "message": str(error)},
    }


def dumps(record: dict[str, Any], *, indent: int | None = None) -> str:
    """JSON as UTF-8 text: indented when asked, else compact, as ``model_dump_json`` writes."""
    separators = None if indent is not None else (",", ":")
    return json.dumps(record, ensure_ascii=False, indent=indent, separators=separators)


def outline(doc: Document) -> str:
    """A readable tree: header fields, then sections with their targets."""
    h = doc.header
    out: list[str] = []
    if doc.source.path:
        out.append(f"# {doc.source.path}")
    fields: list[tuple[str, Any]] = [
        ("doc_number", h.doc_number.text if h.doc_number else None),
        ("title", h.title),
        ("doc_type", h.doc_type),
        ("embedded", f"{h.embedded.title} ({h.embedded.doc_type})" if h.embedded else None),
        ("issuer", "、".join(h.issuers) if h.issuers else h.issuer),
        ("date", h.date.isoformat() if h.date else None),
        ("addressees", "；".join(h.addressees) if h.addressees else None),
        ("classification", h.classification),
        ("urgency", h.urgency),
        ("signer", h.signer),
        ("attachments", "；".join(a.name for a in h.attachments) if h.attachments else None),
        ("note", h.note),
        ("cc", "；".join(h.cc) if h.cc else None),
        ("printed_by", h.printed_by),
        ("printed_date", h.printed_date.isoformat() if h.printed_date else None),
    ]
    for name, value in fields:
        if value:
            out.append(f"{name}: {' '.join(str(value).split())}")
    by_section: dict[tuple[int, int], list[Target]] = {}
    unplaced: list[Target] = []
    owners = doc.walk_sections()
    for target in doc.targets:
        owner = _innermost(owners, target.span[0])
        if owner is None:
            unplaced.append(target)
        else:
            by_section.setdefault(owner.span, []).append(target)
    if unplaced:
        out.append("targets:")
        out.extend(f"  * {_target_line(t)}" for t in unplaced)
    if doc.sections:
        out.append("sections:")
    for section in owners:
        indent = "  " * section.level
        heading = f" {' '.join(section.heading.split())}" if section.heading else ""
        out.append(f"{indent}{section.marker}{heading}")
        for target in by_section.get(section.span, []):
            out.append(f"{indent}  * {_target_line(target)}")
    for diagnostic in doc.diagnostics:
        out.append(f"! {diagnostic.code}: {diagnostic.message}")
    return "\n".join(out) + "\n"


def _innermost(sections: list[Section], offset: int) -> Section | None:
    found = None
    for section in sections:
        if section.span[0] <= offset < section.span[1]:
            found = section
    return found


def _target_line(t: Target) -> str:
    value = _number(t.value) + (f"–{_number(t.value_max)}" if t.value_max is not None else "")
    indicator = " ".join((t.indicator or "?").split())  # hard-wrapped PDF text
    parts = [f"{indicator} {t.comparator} {value} {t.unit}", f"[{t.kind}]"]
    if t.deadline:
        parts.append(f"by {t.deadline.isoformat()}")
    if t.aspirational:
        parts.append("(aspirational)")
    return " ".join(parts)


def _number(value: Any) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
