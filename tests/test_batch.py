"""Batch parsing: many inputs in order, bad files as error records, resume, jobs, inputs."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

import zhengce
from _corpus import CORPUS
from zhengce import batch
from zhengce.cli import main

# Three real documents of different kinds: a 意见 (国发), a 通知, a 国务院令 (articles).
GOOD = [str(CORPUS / f"{name}.txt") for name in ("001", "005", "015")]
# "Not a text": the first bytes of a PNG file.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
# Valid neither as UTF-8 (a lone continuation byte) nor as GB18030 (0x81 needs a second byte
# from 0x30-0x39 or 0x40-0xFE, not a space).
UNDECODABLE = "国务院办公厅".encode() + b"\x81\x20" + "关于印发".encode()


@pytest.fixture
def bad(tmp_path: Path) -> dict[str, str]:
    """Files a corpus crawl really produces, under .txt names."""
    files = {
        "png": tmp_path / "scan.txt",
        "empty": tmp_path / "empty.txt",
        "gbk": tmp_path / "gbk.txt",
        "undecodable": tmp_path / "broken.txt",
    }
    files["png"].write_bytes(PNG)
    files["empty"].write_bytes(b"")
    # A GBK file under a .txt name is not bad: the decoder takes GB18030, a superset of GBK.
    files["gbk"].write_bytes((CORPUS / "nantong-2012-26.txt").read_text("utf-8").encode("gbk"))
    files["undecodable"].write_bytes(UNDECODABLE)
    return {k: str(v) for k, v in files.items()}


def mixed(bad: dict[str, str]) -> list[str]:
    return [GOOD[0], bad["png"], GOOD[1], bad["empty"], bad["gbk"], bad["undecodable"], GOOD[2]]


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_one_record_per_input_in_order_with_errors_for_bad_files(
    tmp_path: Path, bad: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    status, stdout, err = run(["parse", "-j", "1", "-o", str(out), *mixed(bad)], capsys)
    assert status == 1
    assert stdout == ""
    got = records(out)
    assert [r["source"]["path"] for r in got] == mixed(bad)  # type: ignore[index]
    errors = {r["source"]["path"]: r["error"]["type"] for r in got if "error" in r}  # type: ignore[index]
    assert errors == {bad["png"]: "decode", bad["empty"]: "empty", bad["undecodable"]: "decode"}
    gbk = got[4]
    assert gbk["source"]["encoding"] == "gb18030"  # type: ignore[index]
    assert gbk["header"]["doc_number"]["text"] == "通政发〔2012〕26号"  # type: ignore[index]
    assert got[6]["header"]["doc_number"]["text"] == "中华人民共和国国务院令\n第707号"  # type: ignore[index]
    # One line per failure, then the summary.
    lines = err.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(f"zhengce: {bad['png']}: ")
    assert lines[-1].startswith("zhengce: 4 parsed, 3 failed in ")
    assert not Path(str(out) + ".part").exists()


def test_jobs_2_writes_what_jobs_1_writes(
    tmp_path: Path, bad: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    for jobs in ("1", "2"):
        assert (
            main(["parse", "-q", "-j", jobs, "-o", str(tmp_path / f"{jobs}.jsonl"), *mixed(bad)])
            == 1
        )
        table = ["--format", "csv", "--table", "targets"]
        assert (
            main(["parse", "-q", "-j", jobs, *table, "-o", str(tmp_path / f"{jobs}.csv"), *GOOD])
            == 0
        )
    assert (tmp_path / "1.jsonl").read_bytes() == (tmp_path / "2.jsonl").read_bytes()
    assert (tmp_path / "1.csv").read_bytes() == (tmp_path / "2.csv").read_bytes()
    assert len(records(tmp_path / "2.jsonl")) == 7


def test_parse_many_yields_documents_and_errors_in_order(bad: dict[str, str]) -> None:
    one = list(zhengce.parse_many(mixed(bad), jobs=1))
    two = list(zhengce.parse_many(iter(mixed(bad)), jobs=2))
    assert [type(x).__name__ for x in one] == [
        "Document", "ParseError", "Document", "ParseError", "Document", "ParseError", "Document",
    ]  # fmt: skip
    assert one == two
    assert one[3] == zhengce.ParseError(
        path=bad["empty"],
        type="empty",
        message=one[3].message,  # type: ignore[union-attr]
    )
    assert isinstance(one[0], zhengce.Document)
    assert one[0].header.doc_number is not None
    assert one[0].header.doc_number.text == "国发〔2019〕5号"


def test_parse_many_passes_max_bytes(bad: dict[str, str]) -> None:
    [item] = zhengce.parse_many([GOOD[0]], jobs=1, max_bytes=100)
    assert isinstance(item, zhengce.ParseError)
    assert GOOD[0] in item.message


# --- resume -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name"),
    [pytest.param(["--format", "jsonl"], "out.jsonl", id="jsonl"),
     pytest.param(["--format", "csv"], "out.csv", id="csv-documents")],
)  # fmt: skip
def test_interrupted_and_resumed_equals_one_run(
    tmp_path: Path,
    bad: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    fmt: list[str],
    name: str,
) -> None:
    inputs = mixed(bad)
    whole = tmp_path / ("whole-" + name)
    assert main(["parse", "-q", "-j", "1", *fmt, "-o", str(whole), *inputs]) == 1
    expected = whole.read_bytes()
    out = tmp_path / name

    # Stopped after three inputs, with the last record half written (as a killed run leaves
    # OUT.part): the half record is dropped and its input parsed again.
    part = Path(str(out) + ".part")
    assert main(["parse", "-q", "-j", "1", *fmt, "-o", str(out), *inputs[:3]]) == 1
    part.write_bytes(out.read_bytes() + expected[len(out.read_bytes()) :][:25])
    out.unlink()
    status, _, err = run(["parse", "--resume", "-j", "1", *fmt, "-o", str(out), *inputs], capsys)
    assert status == 1  # the error records kept from before still count
    assert out.read_bytes() == expected
    assert not part.exists()
    assert ", 3 kept from before in " in err

    # OUT itself cut mid-record, no .part: the same.
    out.write_bytes(expected[: len(expected) // 2])
    assert main(["parse", "-q", "--resume", "-j", "2", *fmt, "-o", str(out), *inputs]) == 1
    assert out.read_bytes() == expected

    # Cut inside a quoted field that holds a line break (015's number is printed on two
    # lines): the line break is not the end of a record.
    inside = ("国务院令\n" if name.endswith(".csv") else "国务院令\\n").encode()
    cut = expected.index(inside) + len(inside)
    out.write_bytes(expected[:cut])
    assert main(["parse", "-q", "--resume", "-j", "1", *fmt, "-o", str(out), *inputs]) == 1
    assert out.read_bytes() == expected

    # Nothing left to do: unchanged.
    assert main(["parse", "-q", "--resume", *fmt, "-o", str(out), *inputs]) == 1
    assert out.read_bytes() == expected


def test_resume_needs_an_appendable_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "x")
    for argv in (
        ["parse", "--resume", *GOOD],
        ["parse", "--resume", "--format", "outline", "-o", out, *GOOD],
    ):
        status, _, err = run(argv, capsys)
        assert status == 2
        assert "--resume needs -o FILE" in err


@pytest.mark.parametrize("table", ["sections", "targets"])
def test_interrupted_table_of_sections_or_targets_resumes_from_its_input_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], table: str
) -> None:
    inputs = sorted(str(p) for p in CORPUS.glob("*.txt"))[:12]  # 001 has no targets: no rows
    fmt = ["--format", "csv", "--table", table]
    whole = tmp_path / "whole.csv"
    assert main(["parse", "-q", "-j", "1", *fmt, "-o", str(whole), *inputs]) == 0
    out = tmp_path / "out.csv"
    part, log = Path(f"{out}.part"), Path(f"{out}.part.inputs")
    real = batch.outcomes

    def stopped_after_five(*args: Any, **kwargs: Any) -> Iterator[Any]:
        for i, outcome in enumerate(real(*args, **kwargs)):
            if i == 5:
                raise KeyboardInterrupt
            yield outcome

    monkeypatch.setattr(batch, "outcomes", stopped_after_five)
    assert main(["parse", "-q", "-j", "1", *fmt, "-o", str(out), *inputs]) == 130
    assert part.exists() and log.exists() and not out.exists()
    assert len(log.read_text("utf-8").splitlines()) == 5
    with part.open("ab") as rows:  # rows written, then a crash before their log line
        rows.write("x,y,“半行”\r\n".encode())
    monkeypatch.setattr(batch, "outcomes", real)
    status, _, err = run(["parse", "--resume", "-j", "1", *fmt, "-o", str(out), *inputs], capsys)
    assert status == 0
    assert ", 5 kept from before in " in err
    assert out.read_bytes() == whole.read_bytes()
    assert not part.exists() and not log.exists()

    # A completed table keeps no log: resuming it is refused with the reason.
    status, _, err = run(["parse", "--resume", *fmt, "-o", str(out), *inputs], capsys)
    assert status == 2
    assert "only from the OUT.part of an interrupted run" in err


@pytest.mark.parametrize("table", ["documents", "sections", "targets"])
def test_interrupted_parquet_table_resumes_to_the_rows_of_one_run(
    tmp_path: Path,
    bad: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    table: str,
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    corpus = [str(CORPUS / f"{n}.txt") for n in ("001", "003", "005", "006", "002", "007")]
    corpus += [str(CORPUS / f"{n}.txt") for n in ("011", "012", "013", "014")]
    # the sixth input (002) has sections and targets; 006 and 013 have neither
    inputs = [*corpus[:4], bad["png"], *corpus[4:8], bad["empty"], bad["gbk"], *corpus[8:]]
    fmt = ["--format", "parquet", "--table", table]
    whole = tmp_path / "whole.parquet"
    assert main(["parse", "-q", "-j", "1", *fmt, "-o", str(whole), *inputs]) == 1
    out = tmp_path / "out.parquet"
    part = Path(f"{out}.part")
    real = batch.outcomes

    def stopped_after(n: int) -> Any:
        def outcomes(*args: Any, **kwargs: Any) -> Iterator[Any]:
            for i, outcome in enumerate(real(*args, **kwargs)):
                if i == n:
                    raise KeyboardInterrupt
                yield outcome

        return outcomes

    # Ctrl-C after six inputs: OUT.part is a complete Parquet file of those six.
    monkeypatch.setattr(batch, "outcomes", stopped_after(6))
    assert main(["parse", "-q", "-j", "1", *fmt, "-o", str(out), *inputs]) == 130
    assert part.exists() and not out.exists()
    assert pq.read_table(part).num_rows <= pq.read_table(whole).num_rows
    if table != "documents":  # the last input's rows written, its log line not: parsed again
        assert corpus[4] in pq.read_table(part)["path"].to_pylist()
        log = Path(f"{out}.part.inputs")
        log.write_text("".join(log.read_text("utf-8").splitlines(keepends=True)[:-1]), "utf-8")
    # Stopped again, four inputs later: the rows of both runs are kept.
    monkeypatch.setattr(batch, "outcomes", stopped_after(4))
    assert main(["parse", "-q", "--resume", "-j", "1", *fmt, "-o", str(out), *inputs]) == 130
    monkeypatch.setattr(batch, "outcomes", real)
    status, _, err = run(["parse", "--resume", "-j", "2", *fmt, "-o", str(out), *inputs], capsys)
    assert status == 1  # an error record kept from before still counts
    assert f", {10 if table == 'documents' else 9} kept from before in " in err
    assert not part.exists()
    assert pq.read_table(out).to_pylist() == pq.read_table(whole).to_pylist()


def test_parquet_resume_refuses_a_file_a_killed_run_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    Path(f"{out}.part").write_bytes(b"PAR1" + b"\0" * 100)  # row groups, no footer yet
    argv = ["parse", "--resume", "--format", "parquet", "-o", str(out), GOOD[0]]
    status, _, err = run(argv, capsys)
    assert status == 2
    assert "not a complete Parquet file" in err
    assert "parse again without --resume" in err


def test_a_failed_run_leaves_no_complete_looking_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyError):  # any exception while writing, here from the renderer
        _write_then_fail(out)
    assert not out.exists()
    assert Path(str(out) + ".part").read_text("utf-8") == "complete record\n"


def _write_then_fail(out: Path) -> None:
    sink = batch.PartialOutput(str(out))
    stream = sink.open()
    try:
        stream.write("complete record\n")
        raise KeyError("renderer")
    except BaseException:
        sink.abandon(keep=True)
        raise


# --- inputs -------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "crawl"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a").mkdir()
    shutil.copy(GOOD[0], root / "b" / "deep" / "001.txt")
    shutil.copy(GOOD[1], root / "a" / "005.txt")
    shutil.copy(GOOD[2], root / "015.txt")
    shutil.copy(GOOD[2], root / "a" / "015.md")
    (root / "a" / "notes.csv").write_text("not a document\n", encoding="utf-8")
    page = "".join(f"<p>{line}</p>" for line in Path(GOOD[1]).read_text("utf-8").splitlines())
    (root / "a" / "page.htm").write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    return root


def test_directories_are_walked_recursively_in_sorted_order(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["parse", "-q", str(tree)], capsys)
    assert status == 0
    paths = [json.loads(line)["source"]["path"] for line in out.splitlines()]
    assert paths == [
        str(tree / "015.txt"),
        str(tree / "a" / "005.txt"),
        str(tree / "a" / "page.htm"),  # every format zhengce reads; not .md or .csv
        str(tree / "b" / "deep" / "001.txt"),
    ]
    page = json.loads(out.splitlines()[2])
    assert page["source"]["format"] == "html"
    assert page["header"]["doc_number"]["text"] == "国办发〔2019〕2号"


def test_glob_picks_the_files_of_a_directory(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["parse", "-q", "--glob", "*.md", str(tree)], capsys)
    assert status == 0
    [record] = [json.loads(line) for line in out.splitlines()]
    assert record["source"]["path"] == str(tree / "a" / "015.md")
    assert record["header"]["doc_number"]["serial"] == 707
    assert list(batch.iter_inputs([str(tree)], glob="0*.txt")) == [
        str(tree / "015.txt"), str(tree / "a" / "005.txt"), str(tree / "b" / "deep" / "001.txt"),
    ]  # fmt: skip


def test_from_list_file_and_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text(f"{GOOD[2]}\n\n{GOOD[0]}\n", encoding="utf-8")
    status, out, _ = run(["parse", "-q", "--from-list", str(listing), GOOD[1]], capsys)
    assert status == 0
    paths = [json.loads(line)["source"]["path"] for line in out.splitlines()]
    assert paths == [GOOD[1], GOOD[2], GOOD[0]]  # arguments first, then the list

    monkeypatch.setattr("sys.stdin", io.StringIO(f"{GOOD[1]}\n{tmp_path / 'missing.txt'}\n"))
    status, out, _ = run(["parse", "-q", "--from-list", "-"], capsys)
    assert status == 1
    got = [json.loads(line) for line in out.splitlines()]
    assert got[0]["header"]["doc_number"]["text"] == "国办发〔2019〕2号"
    assert got[1]["error"]["type"] == "input"


def test_no_input_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["parse"], capsys)
    assert status == 2
    assert "--from-list" in err


def test_progress_line() -> None:
    stream = io.StringIO()
    progress = batch.Progress(4, enabled=True, stream=stream)
    progress.start -= 2.0  # two seconds in
    progress.update(failed=False)
    progress.update(failed=True)
    assert progress.line(progress.start + 2.0) == "2/4   50%  1.0 docs/s  ETA 0:02  failed 1"
    assert stream.getvalue().startswith("\r\x1b[K1/4")
    silent = batch.Progress(None, enabled=False, stream=stream)
    silent.update(failed=False)
    assert silent.line(silent.start + 1.0) == "1  1.0 docs/s  failed 0"


def test_ctrl_c_keeps_the_complete_records_and_resume_finishes(tmp_path: Path) -> None:
    corpus = sorted(str(p) for p in CORPUS.glob("*.txt"))
    out = tmp_path / "out.jsonl"
    part = Path(str(out) + ".part")
    zhengce_cli = [sys.executable, "-m", "zhengce", "parse", "-q", "-o", str(out)]
    run = subprocess.Popen([*zhengce_cli, "-j", "2", *corpus], start_new_session=True)
    deadline = time.monotonic() + 120
    while not (part.exists() and part.stat().st_size > 50_000) and run.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGINT)  # as a terminal's Ctrl-C: parent and workers
    status = run.wait(timeout=120)
    if status == 0:  # finished before the signal arrived: nothing to test here
        pytest.skip("the run ended before Ctrl-C")
    assert status == 130
    assert not out.exists()
    kept = part.read_bytes()
    assert kept and kept.endswith(b"\n")
    subprocess.run([*zhengce_cli, "--resume", "-j", "1", *corpus], check=True)
    whole = tmp_path / "whole.jsonl"
    assert main(["parse", "-q", "-j", "1", "-o", str(whole), *corpus]) in (0, 1)
    assert out.read_bytes() == whole.read_bytes()
    assert out.read_bytes().startswith(kept)


def test_import_zhengce_loads_no_batch_machinery() -> None:
    code = (
        "import sys, zhengce; "
        "print(sorted(m for m in ('pandas', 'pyarrow', 'dask', 'jieba', 'multiprocessing', "
        "'concurrent.futures') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _die_on_3(x: int) -> int:
    if x == 3:
        os._exit(1)
    return x


def _square(x: int) -> int:
    return x * x


def test_ordered_map_keeps_order_as_chunks_grow() -> None:
    # Cheap items: after the first window of single items, chunks grow to MAX_CHUNK.
    assert list(batch.imap_ordered(_square, range(2000), jobs=2)) == [x * x for x in range(2000)]


def test_chunk_size_follows_the_time_inputs_take() -> None:
    def done(result: list[int], seconds: float) -> Future[tuple[list[int], float]]:
        future: Future[tuple[list[int], float]] = Future()
        future.set_result((result, seconds))
        return future

    pace = batch._Pace()
    assert pace.size() == 1  # nothing known yet: one input at a time
    assert pace.take(done([1, 2, 3, 4], 0.02)) == [1, 2, 3, 4]
    assert pace.size() == int(batch.CHUNK_SECONDS / 0.005)  # 5 ms an input
    pace.take(done([5], 2.0))  # a slow input: the mean goes up to about 0.4 s
    assert pace.size() == 1
    quick = batch._Pace()
    quick.take(done([1], 0.0))
    assert quick.size() == batch.MAX_CHUNK
    sizes = iter([1, 2, 3, 10])
    assert list(batch._chunked(range(10), lambda: next(sizes, 4))) == [
        [0],
        [1, 2],
        [3, 4, 5],
        [6, 7, 8, 9],
    ]


def test_a_dead_worker_is_a_zhengce_error() -> None:
    with pytest.raises(zhengce.ZhengceError, match="worker process died"):
        list(batch.imap_ordered(_die_on_3, range(8), jobs=2, chunksize=1))


def test_max_bytes_refuses_larger_files(capsys: pytest.CaptureFixture[str]) -> None:
    small = min(GOOD, key=lambda p: Path(p).stat().st_size)
    limit = Path(small).stat().st_size
    status, out, _ = run(["parse", "-q", "--max-bytes", str(limit), *GOOD], capsys)
    assert status == 1
    got = [json.loads(line) for line in out.splitlines()]
    assert ["error" in r for r in got] == [p != small for p in GOOD]
    assert {r["error"]["type"] for r in got if "error" in r} == {"input"}
    assert main(["parse", "-q", "--max-bytes", "0", *GOOD]) == 0  # 0: no limit
