"""The ``zhengce`` command, called through ``main(argv)`` on corpus documents."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import zhengce
from _corpus import CORPUS, ROOT
from zhengce.cli import main
from zhengce.schema import document_schema

NANTONG = str(CORPUS / "nantong-2012-26.txt")
DOC_001 = str(CORPUS / "001.txt")
DOC_098 = str(CORPUS / "098.txt")


def test_one_file_prints_one_json_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", NANTONG]) == 0
    out, err = capsys.readouterr()
    record = json.loads(out)
    assert record["source"]["path"] == NANTONG
    assert record["header"]["doc_number"]["text"] == "通政发〔2012〕26号"
    assert record["header"]["date"] == "2012-03-19"
    assert [s["marker"] for s in record["sections"]] == ["一、", "二、", "三、"]
    assert "text" not in record
    assert err == ""


def test_several_files_print_json_lines_in_input_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", DOC_098, NANTONG, DOC_001]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["source"]["path"] for r in records] == [DOC_098, NANTONG, DOC_001]
    assert [r["header"]["doc_number"]["text"] for r in records] == [
        "通政〔2009〕3号", "通政发〔2012〕26号", "国发〔2019〕5号",
    ]


def test_a_bad_file_in_the_middle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "scan.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert main(["parse", DOC_098, str(bad), NANTONG]) == 1
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3
    assert records[0]["header"]["doc_number"]["text"] == "通政〔2009〕3号"
    assert records[1] == {
        "source": {"path": str(bad)},
        "error": {"type": "decode", "message": records[1]["error"]["message"]},
    }
    assert str(bad) in records[1]["error"]["message"]
    assert records[2]["header"]["doc_number"]["text"] == "通政发〔2012〕26号"
    [line] = err.splitlines()
    assert str(bad) in line


def test_missing_file_is_an_error_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "absent.txt")
    assert main(["parse", missing, NANTONG]) == 1
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["source"] == {"path": missing}
    assert first["error"]["type"] == "input"


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = (CORPUS / "nantong-2012-26.txt").read_text(encoding="utf-8").encode("gb18030")
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    assert main(["parse", "-"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"]["path"] == "-"
    assert record["source"]["encoding"] == "gb18030"
    assert record["header"]["doc_number"]["text"] == "通政发〔2012〕26号"


def test_outline_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "outline", DOC_098]) == 0
    out = capsys.readouterr().out
    assert f"# {DOC_098}" in out
    assert "doc_number: 通政〔2009〕3号" in out
    assert "issuer: 嵊州市通源乡人民政府" in out
    assert "date: 2009-01-09" in out


def test_jsonl_for_one_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "jsonl", DOC_098]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["header"]["addressees"] == ["各行政村"]


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "out.jsonl"
    assert main(["parse", DOC_098, NANTONG, "-o", str(out_path)]) == 0
    assert capsys.readouterr().out == ""
    records = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["path"] for r in records] == [DOC_098, NANTONG]


def test_refuses_to_write_over_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "doc.txt"
    original = (CORPUS / "098.txt").read_bytes()
    source.write_bytes(original)
    assert main(["parse", str(source), "-o", str(source)]) == 2
    assert "refusing" in capsys.readouterr().err
    assert source.read_bytes() == original


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "xml", DOC_098]) == 2
    assert main([]) == 2


def test_include_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--include-text", DOC_098]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["text"] == (CORPUS / "098.txt").read_text(encoding="utf-8")
    start, end = record["header"]["doc_number"]["span"]
    assert record["text"][start:end] == "通政〔2009〕3号"


def test_schema_command_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    committed = json.loads((ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    assert printed == committed


def test_committed_schema_is_in_sync_with_the_models() -> None:
    committed = json.loads((ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    assert document_schema() == committed, (
        "schemas/document.schema.json is stale: regenerate it with `zhengce schema`"
    )


def test_python_m_zhengce_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zhengce", "--version"],
        capture_output=True, text=True, check=False, timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"zhengce {zhengce.__version__}"
