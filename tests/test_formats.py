"""Input formats and bad or hostile inputs: the same document in every format gives the same
parse; every bad input ends as a coded ZhengceError or a Document, never a traceback."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

import zhengce
from zhengce.errors import ZhengceError
from zhengce.formats import docx as docx_format
from zhengce.formats.docx import format_number
from zhengce.source import SUPPORTED_SUFFIXES, decode, extract, sniff

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"

# Documents with fixtures made by tests/fixtures/make_fixtures.py (src: the 发文字号).
FIXTURE_DOCUMENTS = [
    pytest.param("nantong-2012-26", id="通政发〔2012〕26号"),
    pytest.param("001", id="国发〔2019〕5号"),
    pytest.param("015", id="国务院令第707号"),
]


def comparable(doc: zhengce.Document) -> dict[str, Any]:
    """What must not depend on the format: header fields, the section tree, targets."""
    h = doc.header
    return {
        "header": {
            "doc_number": h.doc_number.text if h.doc_number else None,
            "title": h.title,
            "doc_type": h.doc_type,
            "issuer": h.issuer,
            "date": h.date,
            "addressees": h.addressees,
            "signer": h.signer,
            "attachments": [a.name for a in h.attachments],
        },
        "sections": [
            (tuple(s.marker for s in path), s.level, s.heading) for s, path in _walk(doc.sections)
        ],
        "targets": [(t.value, t.unit) for t in doc.targets],
    }


def _walk(sections: list[zhengce.Section], path: tuple[Any, ...] = ()) -> Any:
    for section in sections:
        yield section, (*path, section)
        yield from _walk(section.children, (*path, section))


@pytest.mark.parametrize("name", FIXTURE_DOCUMENTS)
@pytest.mark.parametrize("variant", ["utf-8-sig", "gbk", "utf-16", "html", "docx", "pdf"])
def test_every_format_gives_the_same_parse(name: str, variant: str, tmp_path: Path) -> None:
    txt = CORPUS / f"{name}.txt"
    expected = zhengce.parse_file(txt)
    assert expected.sections and expected.header.doc_number
    if variant in ("html", "docx", "pdf"):
        path = FIXTURES / f"{name}.{variant}"
        fmt = variant
    else:
        path = tmp_path / f"{name}.txt"
        path.write_bytes(txt.read_text(encoding="utf-8").encode(variant))
        fmt = "text"
    doc = zhengce.parse_file(path)
    assert doc.source.format == fmt
    assert comparable(doc) == comparable(expected)


@pytest.mark.parametrize(
    ("variant", "encoding"),
    [("nantong-2012-26.html", "gb18030"), ("001.html", "utf-8"), ("001.docx", None)],
)
def test_source_reports_the_encoding(variant: str, encoding: str | None) -> None:
    assert zhengce.parse_file(FIXTURES / variant).source.encoding == encoding


def test_the_format_is_found_by_content_not_by_suffix(tmp_path: Path) -> None:
    for real in ("001.html", "001.docx", "001.pdf"):
        disguised = tmp_path / (real.replace(".", "_") + ".txt")
        disguised.write_bytes((FIXTURES / real).read_bytes())
        assert zhengce.parse_file(disguised).source.format == real.split(".")[1]


def test_supported_suffixes() -> None:
    assert {".txt", ".html", ".htm", ".docx", ".pdf"} <= SUPPORTED_SUFFIXES
    assert isinstance(SUPPORTED_SUFFIXES, frozenset)


# ---------------------------------------------------------------- encodings

ENCODED = [
    pytest.param("国发〔2019〕5号".encode(), "utf-8", id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + "国发〔2019〕5号".encode(), "utf-8-sig", id="utf-8 BOM"),
    pytest.param("通政发〔2012〕26号".encode("gbk"), "gb18030", id="gbk"),
    pytest.param("通政发〔2012〕26号 𠀀".encode("gb18030"), "gb18030", id="gb18030 4-byte"),
    pytest.param("國務院關於印發通知".encode("big5"), "big5", id="big5"),
    pytest.param("中華民國一百十二年十二月".encode("big5"), "big5", id="big5 ambiguous"),
    pytest.param("国务院令第707号".encode("utf-16"), "utf-16", id="utf-16 BOM"),
    pytest.param(codecs.BOM_UTF16_BE + "国务院".encode("utf-16-be"), "utf-16", id="utf-16-be BOM"),
    pytest.param("国务院".encode("utf-32"), "utf-32", id="utf-32 BOM"),
]


@pytest.mark.parametrize(("data", "encoding"), ENCODED)
def test_decoding(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.encoding == encoding
    assert decoded.text.encode(decoded.encoding if encoding != "utf-16" else "utf-16-le")


def test_decoding_never_replaces_characters() -> None:
    with pytest.raises(zhengce.ZhengceError) as info:
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd broken")
    assert info.value.code == "decode"


# ---------------------------------------------------------------- HTML


def test_html_drops_scripts_navigation_and_share_widgets() -> None:
    text = extract((FIXTURES / "001.html").read_bytes()).text
    for furniture in ("这段脚本不应出现", "首页", "分享到微信", "备案号", "打印本页", "visits"):
        assert furniture not in text
    assert text.splitlines()[0] == "国务院关于在市场监管领域全面推行"


def test_html_paragraphs_from_blocks_and_br() -> None:
    page = (
        "<html><body><div><p>一、总体要求</p><p>第一句。<br>第二句。</p><div>（一）甲</div></div>"
    )
    assert (
        extract(page.encode(), name="x.html").text == "一、总体要求\n第一句。\n第二句。\n（一）甲"
    )


def test_html_script_never_runs_and_nothing_is_fetched() -> None:
    page = (
        '<!DOCTYPE html SYSTEM "http://example.invalid/x.dtd"><html><body>'
        '<img src="http://example.invalid/x.png" onerror="alert(1)">'
        '<iframe src="http://example.invalid/"></iframe><script>while(true){}</script>'
        "<p>一、总体要求</p></body></html>"
    )
    assert extract(page.encode()).text == "一、总体要求"


def test_html_deeply_nested() -> None:
    page = "<html><body>" + "<div>" * 1000 + "<p>一、总体要求</p>" + "</div>" * 1000
    doc = zhengce.parse(extract(page.encode()).text)
    assert [s.marker for s in doc.sections] == ["一、"]
    deeper = "<html><body>" + "<div><span>" * 20000 + "<p>一、总体要求</p>"
    try:  # past libxml2's depth limit the content is lost: an error, not a crash
        extract(deeper.encode())
    except ZhengceError as exc:
        assert exc.code == "empty"


# ---------------------------------------------------------------- DOCX


def test_docx_numbering_is_rendered_into_the_text() -> None:
    text = extract((FIXTURES / "nantong-2012-26.docx").read_bytes()).text
    assert "\n一、发展思路和目标\n(一)发展思路。" in text
    with zipfile.ZipFile(FIXTURES / "nantong-2012-26.docx") as archive:
        body = archive.read("word/document.xml").decode()
    assert "一、发展思路和目标" not in body  # the marker comes from numbering.xml


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (10, "chineseCountingThousand", "一十"),
        (36, "chineseCounting", "三十六"),
        (105, "chineseCounting", "一百零五"),
        (3, "chineseLegalSimplified", "叁"),
        (1, "ideographTraditional", "甲"),
        (12, "decimal", "12"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "decimalFullWidth", "４"),
        (2, "lowerLetter", "b"),
        (4, "upperRoman", "IV"),
        (5, "bullet", "5"),
    ],
)
def test_word_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown


def _docx(
    document: str, numbering: str | None = None, *, compress: int = zipfile.ZIP_DEFLATED
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compress) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        if numbering is not None:
            archive.writestr("word/numbering.xml", numbering)
    return buffer.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _body(*paragraphs: str) -> str:
    return f"<w:document {W}><w:body>{''.join(paragraphs)}</w:body></w:document>"


def _p(text: str, num: tuple[int, int] | None = None) -> str:
    ppr = ""
    if num:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>'
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


NUMBERING = f"""<w:numbering {W}>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"""


def test_docx_counters_per_list_and_level() -> None:
    data = _docx(
        _body(
            _p("总体要求", (1, 0)),
            _p("指导思想", (1, 1)),
            _p("基本原则", (1, 1)),
            _p("第一", (1, 2)),
            _p("重点任务", (1, 0)),
            _p("统筹", (1, 1)),
            _p("另一个列表", (2, 0)),
            "<w:tbl><w:tr><w:tc>"
            + _p("指标")
            + "</w:tc><w:tc>"
            + _p("2025年")
            + "</w:tc></w:tr></w:tbl>",
        ),
        NUMBERING,
    )
    assert extract(data).text.splitlines() == [
        "一、总体要求", "（一）指导思想", "（二）基本原则", "1.第一", "二、重点任务", "（一）统筹",
        "五、另一个列表", "指标\t2025年",
    ]  # fmt: skip


# ---------------------------------------------------------------- bad and hostile input


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (300 * 1024 * 1024))
    return buffer.getvalue()


XXE = f"""<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document {W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + f"]><w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)

NO_TEXT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF\n"
)

BAD_INPUTS = [
    pytest.param(b"", "empty", "empty", id="empty file"),
    pytest.param(b" \n\t\r\n\xe3\x80\x80 ", "empty", "whitespace", id="whitespace only"),
    pytest.param(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "decode", "PNG", id="image named .txt"
    ),
    pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100), "decode", "JPEG", id="jpeg"),
    pytest.param(bytes(range(256)) * 8, "decode", "binary", id="random binary"),
    pytest.param(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "unsupported_format",
        ".doc",
        id="legacy .doc",
    ),
    pytest.param(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + bytes(600),
        "encrypted",
        "password",
        id="password-protected docx",
    ),
    pytest.param(_docx("<x/>")[:40], "corrupt", "truncated", id="truncated docx"),
    pytest.param(
        _docx(_body(_p("一、总体要求")))[:-30], "corrupt", "", id="docx without its directory end"
    ),
    pytest.param(
        _docx("<w:document><w:body><w:p>"), "corrupt", "not well-formed", id="docx broken xml"
    ),
    pytest.param(_docx(XXE), "unsafe", "XXE", id="docx XXE"),
    pytest.param(_docx(BILLION_LAUGHS), "unsafe", "entity", id="docx billion laughs"),
    pytest.param(
        _docx("<x/>", compress=zipfile.ZIP_STORED).replace(
            b"word/document.xml", b"word/otherdoc.xml"
        ),
        "unsupported_format",
        "not a .docx",
        id="zip that is not docx",
    ),
    pytest.param(b"%PDF-1.4\n1 0 obj<</Type/Catalog", "corrupt", "PDF", id="truncated pdf"),
    pytest.param(NO_TEXT_PDF, "no_text_layer", "OCR", id="pdf without text"),
]


@pytest.mark.parametrize(("data", "code", "says"), BAD_INPUTS)
def test_bad_input_is_a_coded_error(data: bytes, code: str, says: str, tmp_path: Path) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    with pytest.raises(ZhengceError) as info:
        zhengce.parse_file(path)
    assert info.value.code == code
    assert says in str(info.value) and str(path) in str(info.value)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    bomb = _zip_bomb()
    assert len(bomb) < 1024 * 1024
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    with pytest.raises(ZhengceError) as info:
        zhengce.parse_file(path)
    assert info.value.code == "unsafe" and "zip bomb" in str(info.value)


def test_zip_bomb_lying_about_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_format, "MAX_PART_BYTES", 1000)
    data = _docx(_body(*[_p("一、总体要求")] * 100))
    with pytest.raises(ZhengceError) as info:
        extract(data)
    assert info.value.code == "unsafe"


def test_encrypted_pdf() -> None:
    with pytest.raises(ZhengceError) as info:
        zhengce.parse_file(FIXTURES / "encrypted.pdf")
    assert info.value.code == "encrypted" and "password" in str(info.value)


@pytest.mark.parametrize("cut", [0.2, 0.5, 0.9])
@pytest.mark.parametrize("fixture", ["001.docx", "001.pdf"])
def test_truncated_fixtures(fixture: str, cut: float) -> None:
    data = (FIXTURES / fixture).read_bytes()
    try:
        doc = extract(data[: int(len(data) * cut)], name=fixture)
    except ZhengceError as exc:
        assert exc.code in ("corrupt", "no_text_layer", "unsupported_format", "decode")
    else:
        assert doc.text


def test_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("一、总体要求\n".encode() * 1000)
    with pytest.raises(ZhengceError) as info:
        zhengce.parse_file(path, max_bytes=1000)
    assert info.value.code == "input" and "limit of 1000" in str(info.value)


def test_a_batch_goes_on_past_bad_inputs(tmp_path: Path) -> None:
    inputs = [CORPUS / "001.txt"]
    for i, (data, *_rest) in enumerate(p.values for p in BAD_INPUTS):
        path = tmp_path / f"bad{i}.txt"
        path.write_bytes(data)
        inputs.append(path)
    inputs += [FIXTURES / "015.docx", FIXTURES / "015.pdf"]
    results: list[zhengce.Document | ZhengceError] = []
    for path in inputs:
        try:
            results.append(zhengce.parse_file(path))
        except ZhengceError as exc:
            results.append(exc)
    assert [type(r).__name__ for r in results[:1] + results[-2:]] == ["Document"] * 3
    assert all(isinstance(r, ZhengceError) for r in results[1:-2])


def test_sniff_table() -> None:
    assert sniff(b"  \n<!doctype HTML>") == "html"
    assert sniff(b"<p>x</p>", suffix=".htm") == "html"
    assert sniff("<p>不是网页".encode()) == "text"
    assert sniff(b"junk\n%PDF-1.5") == "pdf"


def test_fuzz_html_with_control_characters_deep_in_the_page() -> None:
    """benchmarks/fuzz.py input 73143: a NUL past the sampled prefix broke lxml's drop_tree."""
    with pytest.raises(ZhengceError) as info:
        zhengce.parse_file(FIXTURES / "fuzz-control-chars.html")
    assert info.value.code in ("corrupt", "decode")


def test_fuzz_docx_whose_zip_header_claims_an_unknown_version() -> None:
    """benchmarks/fuzz.py input 47811 (seed 7): zipfile raised NotImplementedError."""
    with pytest.raises(ZhengceError) as info:
        zhengce.parse_file(FIXTURES / "fuzz-zip-version.docx")
    assert info.value.code == "corrupt"
    assert "fuzz-zip-version.docx" in str(info.value)
