"""Golden tests over the whole corpus: every ``corpus/NAME.txt`` with a ``NAME.gold.json``.

* header fields the gold annotates, one row per (document, field);
* the section tree (marker path, level, heading), one row per document;
* spans: every span of the header and the sections slices to what it claims;
* readable outlines of a few representative documents under ``tests/golden/``
  (``pytest --update-golden`` rewrites them; read the diff before committing).

Strings are compared after NFKC and with all whitespace removed (full-width
``（一）`` equals ``(一)``); known misses are strict xfails naming the miss.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pydantic
import pytest

import zhengce
from _corpus import CORPUS, GOLDEN, corpus_names, parsed
from zhengce.models import Document, Section, Source
from zhengce.render import outline

HEADER_FIELDS = ("doc_number", "title", "doc_type", "issuer", "date", "addressees")

# Known misses of the parser on the corpus, each checked by reading the text.
HEADER_MISSES: dict[tuple[str, str], str] = {
    ("041", "issuer"): "issuer null: a news item whose issuer 工业和信息化部 is named only in its first sentence (…工业和信息化部日前印发了《…》)",
    ("057", "issuer"): "issuer null: no title or signature; the joint issuers 山东煤矿安全监察局、山东省能源局 appear only in the closing contact lines",
    ("093", "issuer"): "issuer null: no signature; 南阳市人民政府 is named in the body (根据南阳市人民政府《…》) and the page's 发布机构 line",
    ("nantong-2012-26", "issuer"): "issuer null: no title or signature; 南通市人民政府 follows from the 机关代字 通政发 with 南通 in the body",
}
SECTION_MISSES: dict[str, str] = {
    "028": "the 相关术语： glossary 1.传感器 … 4.人工智能 after 四、（七） is nested under "
    "（七） instead of standing at level 1",
}


def norm(value: Any) -> Any:
    """NFKC, whitespace removed; lists item by item; other values as they are."""
    if isinstance(value, str):
        return "".join(ch for ch in unicodedata.normalize("NFKC", value) if not ch.isspace())
    if isinstance(value, list):
        return [norm(v) for v in value]
    return value


def gold(name: str) -> dict[str, Any]:
    return json.loads((CORPUS / f"{name}.gold.json").read_text(encoding="utf-8"))


def predicted_header_field(doc: Document, key: str) -> Any:
    h = doc.header
    if key == "doc_number":
        n = h.doc_number
        if n is None:
            return None
        return {"text": n.text, "issuer_code": n.issuer_code, "year": n.year, "serial": n.serial}
    if key == "date":
        return h.date.isoformat() if h.date else None
    return getattr(h, key)


def gold_header_field(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: value[k] for k in ("text", "issuer_code", "year", "serial")}
    return value


def _normalised(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    return norm(value)


def header_rows() -> list[Any]:
    rows = []
    for name in corpus_names():
        annotated = gold(name).get("header", {})
        for key in HEADER_FIELDS:
            if key not in annotated:
                continue
            marks = []
            if (name, key) in HEADER_MISSES:
                marks.append(pytest.mark.xfail(strict=True, reason=HEADER_MISSES[name, key]))
            rows.append(pytest.param(name, key, id=f"{name}-{key}", marks=marks))
    return rows


@pytest.mark.parametrize(("name", "key"), header_rows())
def test_header_field_matches_gold(name: str, key: str) -> None:
    expected = _normalised(gold_header_field(gold(name)["header"][key]))
    got = _normalised(predicted_header_field(parsed(name), key))
    assert got == expected


def gold_tree(sections: list[dict[str, Any]], path: tuple[str, ...] = ()) -> list[Any]:
    out: list[Any] = []
    for s in sections:
        here = (*path, norm(s["marker"]))
        out.append((here, s["level"], norm(s["heading"])))
        out.extend(gold_tree(s.get("children", []), here))
    return out


def predicted_tree(sections: list[Section], path: tuple[str, ...] = ()) -> list[Any]:
    out: list[Any] = []
    for s in sections:
        here = (*path, norm(s.marker))
        out.append((here, s.level, norm(s.heading)))
        out.extend(predicted_tree(s.children, here))
    return out


def section_rows() -> list[Any]:
    rows = []
    for name in corpus_names():
        if "sections" not in gold(name):
            continue
        marks = []
        if name in SECTION_MISSES:
            marks.append(pytest.mark.xfail(strict=True, reason=SECTION_MISSES[name]))
        rows.append(pytest.param(name, id=name, marks=marks))
    return rows


@pytest.mark.parametrize("name", section_rows())
def test_section_tree_matches_gold(name: str) -> None:
    expected = gold_tree(gold(name)["sections"])
    got = predicted_tree(parsed(name).sections)
    assert got == expected


def test_every_gold_file_has_its_text() -> None:
    names = corpus_names()
    assert len(names) >= 50
    assert all((CORPUS / f"{name}.txt").is_file() for name in names)


# ---------------------------------------------------------------- spans


def spans_of(doc: Document) -> list[tuple[str, tuple[int, int], str]]:
    """(what, span, claimed text) for the header and every section, walked here, not by the model."""
    h = doc.header
    out: list[tuple[str, tuple[int, int], str]] = []
    if h.doc_number is not None:
        out.append(("doc_number", h.doc_number.span, h.doc_number.text))
    for field in ("title", "doc_type", "issuer", "date", "classification", "urgency", "signer",
                  "note", "printed_by", "printed_date"):
        span = getattr(h, f"{field}_span")
        if span is not None:
            out.append((field, span, getattr(h, f"{field}_raw")))
    for i, (name, span) in enumerate(zip(h.addressees, h.addressees_span, strict=True)):
        out.append((f"addressees[{i}]", span, name))
    for i, (name, span) in enumerate(zip(h.cc, h.cc_span, strict=True)):
        out.append((f"cc[{i}]", span, name))
    for a in h.attachments:
        out.append(("attachment", a.span, a.raw))
    if h.embedded is not None:
        out.append(("embedded", h.embedded.span, h.embedded.raw))
    for s in doc.walk_sections():
        out.append((f"section {s.marker}", s.marker_span, s.marker))
        if s.heading_span is not None:
            assert s.heading is not None
            out.append((f"heading of {s.marker}", s.heading_span, s.heading))
    return out


@pytest.mark.parametrize("name", corpus_names())
def test_every_span_slices_to_its_text(name: str) -> None:
    doc = parsed(name)
    raw = (CORPUS / f"{name}.txt").read_text(encoding="utf-8-sig")
    assert doc.text == raw
    for what, (start, end), claimed in spans_of(doc):
        assert 0 <= start <= end <= len(raw), what
        assert raw[start:end] == claimed, what


@pytest.mark.parametrize("name", corpus_names())
def test_section_spans_nest(name: str) -> None:
    doc = parsed(name)

    def check(sections: list[Section], lo: int, hi: int) -> None:
        previous_end = lo
        for s in sections:
            assert lo <= s.span[0] < s.span[1] <= hi
            assert s.span[0] >= previous_end, f"{s.marker} overlaps its elder sibling"
            assert s.marker_span[0] == s.span[0] == s.text_span[0]
            assert s.text_span[1] <= s.span[1]
            if s.children:
                assert s.text_span[1] == s.children[0].span[0]
            check(s.children, s.span[0], s.span[1])
            previous_end = s.span[1]

    check(doc.sections, 0, len(doc.text))
    assert all(s.level == 1 for s in doc.sections)
    for s in doc.walk_sections():
        assert all(c.level == s.level + 1 for c in s.children)


def test_document_rejects_a_span_that_does_not_slice_to_raw() -> None:
    text = "通政发〔2012〕26号\n"
    doc = zhengce.parse(text)
    assert doc.header.doc_number is not None
    good = doc.header.doc_number
    bad = good.model_copy(update={"span": (good.span[0] + 1, good.span[1])})
    with pytest.raises(pydantic.ValidationError, match="does not slice"):
        Document(header=doc.header.model_copy(update={"doc_number": bad}), text=text)


def test_document_rejects_a_span_out_of_bounds() -> None:
    text = "一、总体要求\n"
    doc = zhengce.parse(text)
    [section] = doc.sections
    assert section.heading == "总体要求"
    moved = section.model_copy(update={"heading_span": (len(text), len(text) + 4)})
    with pytest.raises(pydantic.ValidationError):
        Document(sections=[moved], text=text)


def test_document_rejects_a_flat_field_whose_span_is_wrong() -> None:
    text = "2012年3月19日\n"
    doc = zhengce.parse(text)
    assert doc.header.date_raw == "2012年3月19日"
    with pytest.raises(pydantic.ValidationError):
        Document(header=doc.header.model_copy(update={"date_span": (0, 4)}), text=text)


def test_document_accepts_the_spans_the_parser_built() -> None:
    doc = parsed("nantong-2012-26")
    rebuilt = Document.model_validate(
        {**doc.model_dump(), "text": doc.text}
    )
    assert rebuilt == doc


# ---------------------------------------------------------------- readable outlines
# Header fields and the section tree as ``zhengce.render.outline`` prints them
# (targets left out: they are pinned by the targets tests). Each file was read
# against its text when written.

OUTLINES = ("001", "015", "076", "098", "nantong-2012-26")


@pytest.mark.parametrize("name", OUTLINES)
def test_outline_matches_golden_file(name: str, update_golden: bool) -> None:
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    doc = zhengce.parse(text, source=Source(path=f"corpus/{name}.txt", encoding="utf-8"))
    # These files pin the header and the section tree; targets have goldens of their own.
    rendered = outline(doc.model_copy(update={"targets": []}))
    path = GOLDEN / f"{name}.outline.txt"
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(rendered, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"{path} missing: run pytest --update-golden and read the diff"
    assert rendered == path.read_text(encoding="utf-8")


def outline_header_rows() -> list[Any]:
    rows = []
    for name in OUTLINES:
        rows.append(pytest.param(name, id=name))
    return rows


@pytest.mark.parametrize("name", outline_header_rows())
def test_outline_header_fields_stand_one_per_line(name: str) -> None:
    doc = parsed(name)
    lines = outline(doc).splitlines()
    head = lines[: lines.index("sections:")] if "sections:" in lines else lines
    assert all(line.startswith("#") or ": " in line for line in head), head
