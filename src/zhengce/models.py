"""The document model: frozen pydantic objects whose JSON is a superset of a gold file.

Field names follow ANNOTATION.md. Every extracted leaf keeps the text as found
beside the parsed value, with its ``[start, end)`` code-point span into
``Document.text``:

* objects with ``span`` carry the slice in ``raw`` (or ``text`` for
  ``DocNumber`` and ``Target``, whose gold key is ``text``);
* a flat field ``X`` extracted from the text has companions ``X_raw`` and
  ``X_span`` (``date = "2012-03-19"``, ``date_raw = "二〇一二年三月十九日"``).

``Document`` checks ``text[start:end] == raw`` for all of them when it is built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, model_validator

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]
"""``[start, end)`` code-point offsets into ``Document.text``."""


def _number_to_json(value: Decimal) -> int | float:
    """Exact decimals print as JSON numbers: ``13.5`` stays ``13.5``, ``10`` is ``10``."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


Number = Annotated[
    Decimal,
    PlainSerializer(_number_to_json, return_type=int | float, when_used="json"),
]
"""An exact number: ``Decimal`` in Python, a plain number in JSON."""


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Diagnostic(Model):
    """Something odd the parser noticed and worked around (never an exception)."""

    code: str
    message: str
    span: Span | None = None


class Source(Model):
    """Where the text came from and how it was decoded."""

    path: str | None = None
    format: Literal["text", "html", "docx", "pdf"] = "text"
    """How the text was extracted: a plain-text file, a web page, a Word file or a PDF."""
    encoding: str | None = None
    """The encoding the bytes were decoded with (``None`` for DOCX and PDF, which carry Unicode)."""
    chars: int = 0


class DocNumber(Model):
    """发文字号: ``通政发〔2012〕26号``, ``国务院令第707号``, ``2021年第32号``."""

    text: str
    issuer_code: str | None
    year: int | None
    serial: int
    family: Literal["standard", "decree", "announcement"] = "standard"
    span: Span


class Attachment(Model):
    """One entry of the 附件说明 list."""

    number: int | None
    name: str
    raw: str
    span: Span


class EmbeddedDocument(Model):
    """The text a 印发/转发 notice issues: ``关于印发《X方案》的通知`` → X方案."""

    title: str
    doc_type: str | None
    raw: str
    span: Span


class Header(Model):
    """The GB/T 9704-2012 header and footer elements (版头, 主体 header lines, 版记)."""

    doc_number: DocNumber | None = None
    title: str | None = None
    title_raw: str | None = None
    title_span: Span | None = None
    doc_type: str | None = None
    doc_type_raw: str | None = None
    doc_type_span: Span | None = None
    embedded: EmbeddedDocument | None = None
    issuer: str | None = None
    issuers: list[str] = Field(default_factory=list)
    issuer_raw: str | None = None
    issuer_span: Span | None = None
    date: dt.date | None = None
    date_raw: str | None = None
    date_span: Span | None = None
    addressees: list[str] = Field(default_factory=list)
    addressees_span: list[Span] = Field(default_factory=list)
    classification: str | None = None
    classification_raw: str | None = None
    classification_span: Span | None = None
    urgency: str | None = None
    urgency_raw: str | None = None
    urgency_span: Span | None = None
    signer: str | None = None
    signer_raw: str | None = None
    signer_span: Span | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    note: str | None = None
    note_raw: str | None = None
    note_span: Span | None = None
    cc: list[str] = Field(default_factory=list)
    cc_span: list[Span] = Field(default_factory=list)
    printed_by: str | None = None
    printed_by_raw: str | None = None
    printed_by_span: Span | None = None
    printed_date: dt.date | None = None
    printed_date_raw: str | None = None
    printed_date_span: Span | None = None


MarkerKind = Literal[
    "part",  # 第一编
    "chapter",  # 第一章
    "subchapter",  # 第一节
    "article",  # 第一条
    "cn_comma",  # 一、
    "cn_paren",  # （一）
    "digit_dot",  # 1. 1． 1、
    "digit_space",  # 1　总则 (the top of outline numbering)
    "decimal",  # 1.1  1.2.1 (outline numbering of 预案 and technical texts)
    "digit_paren",  # （1）
    "digit_rparen",  # 1）
    "circled",  # ①
]


class Section(Model):
    """A numbered heading or item and everything under it."""

    marker: str
    marker_span: Span
    marker_kind: MarkerKind
    number: int
    level: int
    heading: str | None
    heading_span: Span | None
    span: Span
    """From the marker to the end of the last descendant."""
    text_span: Span
    """The section's own text: from the marker to its first child (or its end)."""
    children: list[Section] = Field(default_factory=list)


Comparator = Literal["=", ">", ">=", "<", "<=", "~"]
TargetKind = Literal["level", "increment", "growth_rate", "reduction", "share"]


class Period(Model):
    """A plan period such as 十四五 (2021–2025)."""

    name: str
    start: int
    end: int


class Target(Model):
    """One stated quantity a document commits to reach."""

    text: str
    span: Span
    indicator: str | None
    indicator_span: Span | None
    value: Number
    value_max: Number | None = None
    unit: str
    quantity_raw: str
    quantity_span: Span
    comparator: Comparator
    comparator_raw: str | None = None
    comparator_span: Span | None = None
    aspirational: bool = False
    deadline: dt.date | None = None
    deadline_raw: str | None = None
    deadline_span: Span | None = None
    period: Period | None = None
    kind: TargetKind
    baseline_year: int | None = None
    binding: bool | None = None
    """From an indicator table's 属性 column: 约束性 True, 预期性 False; else None."""
    section_path: list[str] = Field(default_factory=list)


class Document(Model):
    """A parsed policy document."""

    schema_version: str = SCHEMA_VERSION
    source: Source = Field(default_factory=Source)
    header: Header = Field(default_factory=Header)
    sections: list[Section] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    text: str = Field(default="", exclude=True, repr=False)
    """The decoded text all spans refer to (left out of JSON unless asked for)."""

    @model_validator(mode="after")
    def _spans_slice_to_raw(self) -> Document:
        if _all_slices_match(self, self.text):
            return self
        for raw, span, where in _leaves(self):  # the slow walk names the culprit
            start, end = span
            if not (0 <= start <= end <= len(self.text)) or self.text[start:end] != raw:
                raise ValueError(
                    f"{where}: span {list(span)} does not slice to {raw!r} "
                    f"(got {self.text[start:end]!r})"
                )
        return self

    def walk_sections(self) -> list[Section]:
        """All sections in document order (pre-order)."""
        out: list[Section] = []
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            out.append(section)
            stack.extend(reversed(section.children))
        return out


class ParseError(Model):
    """What batch parsing yields in place of a Document for an input it could not parse."""

    path: str | None
    type: str
    """Machine-readable code: ``ZhengceError.code`` (``decode``, ``empty``, ``input`` …)."""
    message: str


@dataclass(frozen=True)
class _Plan:
    """Where a model class keeps its slices, worked out once per class."""

    pairs: tuple[tuple[str, str], ...]  # (raw field, span field): one slice each
    lists: tuple[tuple[str, str], ...]  # (values field, spans field): one slice per item
    nested: tuple[str, ...]  # fields that may hold a model with slices
    nested_lists: tuple[str, ...]  # fields that hold a list of models with slices


@cache
def _plan(cls: type[BaseModel]) -> _Plan:
    names = cls.model_fields
    pairs: list[tuple[str, str]] = []
    if "span" in names:  # the field whose text ``span`` slices to
        if cls in (DocNumber, Target):
            pairs.append(("text", "span"))
        elif "raw" in names:
            pairs.append(("raw", "span"))
    lists: list[tuple[str, str]] = []
    for name, info in names.items():
        if not name.endswith("_span"):
            continue
        base = name[: -len("_span")]
        if get_origin(info.annotation) is list:
            lists.append((base, name))
        elif f"{base}_raw" in names:
            pairs.append((f"{base}_raw", name))
        elif base in names:
            pairs.append((base, name))
    nested: list[str] = []
    nested_lists: list[str] = []
    for name, info in names.items():
        if not _holds_sliced_model(info.annotation, cls):
            continue
        args = get_args(info.annotation)
        if get_origin(info.annotation) is list and _is_model(args[0]):
            nested_lists.append(name)  # validated: every item is a model
        else:
            nested.append(name)
    return _Plan(tuple(pairs), tuple(lists), tuple(nested), tuple(nested_lists))


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _holds_sliced_model(annotation: Any, within: type[BaseModel]) -> bool:
    """Whether ``annotation`` may hold a model that claims slices (itself or below it)."""
    if _is_model(annotation):
        if annotation is within:
            return True  # a tree (Section.children): its nodes claim what ``within`` claims
        plan = _plan(annotation)
        return bool(plan.pairs or plan.lists or plan.nested or plan.nested_lists)
    return any(_holds_sliced_model(arg, within) for arg in get_args(annotation))


def _all_slices_match(root: BaseModel, text: str) -> bool:
    """Whether every slice claimed below ``root`` matches ``text`` (fast path, no messages)."""
    size = len(text)
    stack: list[BaseModel] = [root]
    while stack:
        model = stack.pop()
        plan = _plan(type(model))
        values = model.__dict__  # a pydantic model keeps its fields here
        for raw, span_name in plan.pairs:
            span = values[span_name]
            if span is None:
                continue
            start, end = span
            if not (0 <= start <= end <= size) or text[start:end] != values[raw]:
                return False
        for items_name, spans_name in plan.lists:
            items, item_spans = values[items_name], values[spans_name]
            if len(items) != len(item_spans):
                return False
            for item, span in zip(items, item_spans, strict=True):
                if span is None:
                    continue
                start, end = span
                if not (0 <= start <= end <= size) or text[start:end] != item:
                    return False
        for name in plan.nested:
            value = values[name]
            if isinstance(value, BaseModel):
                stack.append(value)
            elif isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, BaseModel))
        for name in plan.nested_lists:
            stack.extend(values[name])
    return True


def _leaves(model: BaseModel, where: str = "document") -> Any:
    """Yield ``(raw, span, path)`` for every leaf that claims a slice of the text."""
    fields = type(model).model_fields
    values = {name: getattr(model, name) for name in fields}
    if isinstance(model, (DocNumber, Target)):
        yield values["text"], values["span"], where
    elif "raw" in values and "span" in values and values["span"] is not None:
        yield values["raw"], values["span"], where
    for name, value in values.items():
        if name.endswith("_span") and value is not None:
            base = name[: -len("_span")]
            if isinstance(value, tuple):
                raw = values.get(base + "_raw", values.get(base))
                if isinstance(raw, str):
                    yield raw, value, f"{where}.{base}"
            elif isinstance(value, list) and isinstance(values.get(base), list):
                for i, (item, item_span) in enumerate(zip(values[base], value, strict=True)):
                    yield item, item_span, f"{where}.{base}[{i}]"
        elif isinstance(value, BaseModel):
            yield from _leaves(value, f"{where}.{name}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _leaves(item, f"{where}.{name}[{i}]")
