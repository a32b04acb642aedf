"""Reading files: lossless decoding of a real corpus text in every supported encoding."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhengce
from _corpus import corpus_text
from zhengce.errors import DecodeError, EmptyInputError, InputError
from zhengce.source import Line, split_lines

TEXT = corpus_text("nantong-2012-26")  # 通政发〔2012〕26号


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", id="utf-8 with BOM"),
        pytest.param(TEXT.encode("gb18030"), "gb18030", id="gb18030"),
        pytest.param(TEXT.encode("gbk"), "gb18030", id="gbk bytes read as gb18030"),
        pytest.param(TEXT.encode("utf-16"), "utf-16", id="utf-16 with BOM"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16", id="utf-16-be with BOM"),
    ],
)
def test_decodes_without_loss(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    doc = zhengce.parse_file(path)
    assert doc.text == TEXT
    assert doc.source.encoding == encoding
    assert doc.source.path == str(path)
    assert doc.header.doc_number is not None and doc.header.doc_number.text == "通政发〔2012〕26号"


def test_undecodable_bytes_name_the_file_and_encodings(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    # valid UTF-8 of the first line, then bytes neither UTF-8 nor GB18030 decodes (0x80 alone)
    path.write_bytes("通政发〔2012〕26号\n".encode() + b"\x80\xff\x80\xff")
    with pytest.raises(DecodeError) as info:
        zhengce.parse_file(path)
    message = str(info.value)
    assert str(path) in message
    for encoding in ("utf-8", "utf-16", "gb18030"):
        assert encoding in message
    assert isinstance(info.value, zhengce.ZhengceError)


def test_utf8_bom_followed_by_invalid_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + TEXT.encode("gbk"))
    with pytest.raises(DecodeError, match=r"bom\.txt"):
        zhengce.parse_file(path)


def test_png_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02")
    with pytest.raises(DecodeError) as info:
        zhengce.parse_file(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b" \n\t\r\n", id="ascii whitespace"),
        pytest.param("\u3000\u3000\n".encode(), id="full-width spaces"),
        pytest.param(codecs.BOM_UTF8, id="only a BOM"),
    ],
)
def test_empty_input(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyInputError) as info:
        zhengce.parse_file(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        zhengce.parse_file(tmp_path / "absent.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        zhengce.parse_file(tmp_path)


def test_crlf_line_breaks_keep_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    crlf = TEXT.replace("\n", "\r\n")
    path.write_bytes(crlf.encode("utf-8"))
    doc = zhengce.parse_file(path)
    assert doc.text == crlf
    assert [s.marker for s in doc.sections] == ["一、", "二、", "三、"]
    for s in doc.walk_sections():
        assert crlf[slice(*s.marker_span)] == s.marker


# ---------------------------------------------------------------- the line index


def _lines_by_pattern(text: str) -> list[Line]:
    """split_lines as the pattern ``\\r\\n|\\r|\\n`` defines it (the reference)."""
    lines: list[Line] = []
    start = 0
    for brk in re.finditer(r"\r\n|\r|\n", text):
        lines.append(Line(start, brk.start(), text[start : brk.start()]))
        start = brk.end()
    if start < len(text):
        lines.append(Line(start, len(text), text[start:]))
    return lines


@pytest.mark.parametrize("text", ["", "\n", "\n\n", "一", "一\n", "\n一", "一\r\n\r（一）\r", TEXT])
def test_split_lines_examples(text: str) -> None:
    assert split_lines(text) == _lines_by_pattern(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一、 　\n\r\x0b\x0c\x1c\x85\u2028", max_size=30))
def test_split_lines_breaks_only_on_cr_and_lf(text: str) -> None:
    assert split_lines(text) == _lines_by_pattern(text)
