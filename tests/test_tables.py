"""Table rows (documents, sections, targets), CSV for Excel, Parquet and DataFrames."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

import zhengce
from _corpus import CORPUS, parsed
from zhengce import tables
from zhengce.cli import main

NANTONG = str(CORPUS / "nantong-2012-26.txt")


def test_document_row_of_a_real_notice() -> None:
    [row] = tables.document_rows(parsed("nantong-2012-26"))
    assert row == {
        "path": NANTONG,
        "doc_number": "通政发〔2012〕26号",
        "issuer_code": "通政发",
        "year": 2012,
        "serial": 26,
        "title": row["title"],
        "doc_type": "意见",
        "issuer": row["issuer"],
        "date": dt.date(2012, 3, 19),
        "addressees": "各县(市)、区人民政府；市经济技术开发区管委会；市各委、办、局；市各直属单位",
        "n_sections": len(parsed("nantong-2012-26").walk_sections()),
        "n_targets": len(parsed("nantong-2012-26").targets),
        "error": None,
        "error_message": None,
    }
    assert list(row) == list(tables.DOCUMENT_COLUMNS)


def test_error_record_is_a_documents_row_and_nothing_else() -> None:
    error = zhengce.ParseError(path="scan.txt", type="decode", message="scan.txt: binary data")
    [row] = tables.document_rows(error)
    assert row["path"] == "scan.txt"
    assert (row["error"], row["error_message"]) == ("decode", "scan.txt: binary data")
    assert row["doc_number"] is None and row["n_sections"] is None
    assert tables.section_rows(error) == [] and tables.target_rows(error) == []


def test_section_rows_carry_the_marker_path() -> None:
    doc = parsed("nantong-2012-26")
    got = tables.section_rows(doc)
    assert len(got) == len(doc.walk_sections())
    assert [(r["section_path"], r["level"], r["heading"]) for r in got[:3]] == [
        ("一、", 1, "发展思路和目标"),
        ("一、 / (一)", 2, "发展思路"),
        ("一、 / (二)", 2, "发展目标"),
    ]
    for row in got:
        assert doc.text[row["start"] : row["end"]].startswith(row["marker"])


def test_target_rows_carry_the_document_keys() -> None:
    doc = parsed("nantong-2012-26")
    got = tables.target_rows(doc)
    assert len(got) == len(doc.targets) > 0
    income = next(r for r in got if r["value"] == Decimal("15000000000"))
    assert income["path"] == NANTONG
    assert income["doc_number"] == "通政发〔2012〕26号"
    assert income["date"] == dt.date(2012, 3, 19)
    assert (income["unit"], income["comparator"], income["kind"]) == ("元", ">", "level")
    assert income["deadline"] == dt.date(2015, 12, 31)
    assert doc.text[income["start"] : income["end"]] == income["text"]
    assert list(income) == list(tables.TARGET_COLUMNS)


def test_unknown_table() -> None:
    with pytest.raises(ValueError, match="unknown table 'rows'"):
        tables.rows(parsed("nantong-2012-26"), "rows")


# --- CSV --------------------------------------------------------------------------------------


def csv_of(argv: list[str], tmp_path: Path) -> bytes:
    out = tmp_path / "out.csv"
    assert main(["parse", "-q", "-j", "1", "--format", "csv", "-o", str(out), *argv]) in (0, 1)
    return out.read_bytes()


def test_csv_opens_with_a_bom_and_quotes_per_rfc_4180(tmp_path: Path) -> None:
    names = ("067", "005", "015")
    data = csv_of(["--table", "sections", *(str(CORPUS / f"{n}.txt") for n in names)], tmp_path)
    assert data.startswith(b"\xef\xbb\xbfpath,section_path,marker,level,heading,start,end\r\n")
    text = data.decode("utf-8-sig")
    # 067: a heading with a straight quote, “策源" as printed: quoted, the quote doubled.
    assert '"聚焦基础理论短板，开展“策源""行动"' in text
    # Full-width ，and “” need no quoting.
    assert ",（一）,2,带量采购，以量换价," in text
    assert ",2,建立健全随机抽查“两库”," not in text  # (001 is not in this run)
    got = list(csv.reader(io.StringIO(text, newline="")))
    expected = [
        [tables.csv_cell(r[c]) for c in tables.SECTION_COLUMNS]
        for name in names
        for r in tables.section_rows(zhengce.parse_file(CORPUS / f"{name}.txt"))
    ]
    assert [[str(x) for x in row] for row in expected] == got[1:]


def test_csv_fields_with_newlines_commas_and_quotes_round_trip(tmp_path: Path) -> None:
    # 015: the 国务院令 number is printed on two lines.
    data = csv_of([str(CORPUS / "015.txt")], tmp_path)
    assert '"中华人民共和国国务院令\r\n第707号"'.encode() not in data  # the text's own \n kept
    assert '"中华人民共和国国务院令\n第707号"'.encode() in data
    assert data.endswith(b"\r\n") and data.count(b"\r\n") == 2

    odd = tmp_path / "odd.txt"
    odd.write_text(
        '关于"试点",调整的通知\n国办发〔2020〕1号\n一、总体要求，"A,B"两项\n', encoding="utf-8"
    )
    text = csv_of(["--table", "sections", str(odd)], tmp_path).decode("utf-8-sig")
    [_, row] = list(csv.reader(io.StringIO(text, newline="")))
    assert row[1:5] == ["一、", "一、", "1", '总体要求，"A,B"两项']
    assert ',"总体要求，""A,B""两项",' in text


def test_csv_error_rows_fill_the_error_columns(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    text = csv_of([NANTONG, str(empty)], tmp_path).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["path"] for r in rows] == [NANTONG, str(empty)]
    assert rows[0]["error"] == "" and rows[0]["date"] == "2012-03-19" and rows[0]["year"] == "2012"
    assert rows[1]["error"] == "empty" and rows[1]["doc_number"] == ""


def test_csv_numbers_are_exact(tmp_path: Path) -> None:
    text = csv_of(["--table", "targets", NANTONG], tmp_path).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert any(r["value"] == "15000000000" and r["unit"] == "元" for r in rows)
    assert {r["aspirational"] for r in rows} <= {"true", "false"}


# --- Parquet and DataFrames -------------------------------------------------------------------


def test_parquet_tables(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for table, build in (("documents", tables.document_rows), ("targets", tables.target_rows)):
        out = tmp_path / f"{table}.parquet"
        argv = ["parse", "-q", "-j", "1", "--format", "parquet", "--table", table, "-o", str(out)]
        assert main([*argv, NANTONG, str(empty)]) == 1
        got = pq.read_table(out).to_pylist()
        items = list(zhengce.parse_many([NANTONG, str(empty)], jobs=1))
        want = [
            {k: float(v) if isinstance(v, Decimal) else v for k, v in row.items()}
            for item in items
            for row in build(item)
        ]
        assert got == want


def test_parquet_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "parquet", NANTONG]) == 2
    assert "needs -o" in capsys.readouterr().err


def test_to_dataframe() -> None:
    pytest.importorskip("pandas")
    items = list(zhengce.parse_many([NANTONG, str(CORPUS / "015.txt"), "missing.txt"], jobs=1))
    docs = zhengce.to_dataframe(items)
    assert list(docs.columns) == list(tables.DOCUMENT_COLUMNS)
    assert docs["year"].iloc[0] == 2012
    assert docs["year"].isna().tolist() == [False, True, True]  # a 令号 has no year; an error
    assert str(docs["year"].dtype) == "Int64"
    assert str(docs["date"].iloc[0].date()) == "2012-03-19"
    assert docs["error"].tolist()[2] == "input"
    targets = zhengce.to_dataframe(items, table="targets")
    assert len(targets) == sum(len(i.targets) for i in items if isinstance(i, zhengce.Document))
    assert targets["value"].dtype == "float64"
    sections = zhengce.to_dataframe(items, table="sections")
    assert sections["section_path"].iloc[1] == "一、 / (一)"
