"""examples/dask_corpus.py on a local Dask cluster of two worker processes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from _corpus import CORPUS, ROOT
from zhengce.cli import main

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")


def load_example() -> object:
    spec = importlib.util.spec_from_file_location(
        "dask_corpus", ROOT / "examples" / "dask_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dask_corpus"] = module
    spec.loader.exec_module(module)
    return module


def test_a_local_cluster_writes_what_zhengce_parse_writes(tmp_path: Path) -> None:
    example = load_example()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("001", "005", "015", "067", "nantong-2012-26"):
        (corpus / f"{name}.txt").write_bytes((CORPUS / f"{name}.txt").read_bytes())
    (corpus / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    paths = example.corpus_paths(corpus)  # type: ignore[attr-defined]
    assert [Path(p).name for p in paths] == [
        "001.txt", "005.txt", "015.txt", "067.txt", "nantong-2012-26.txt", "scan.txt",
    ]  # fmt: skip
    files = example.run(paths, tmp_path / "out", n_workers=2, npartitions=3)  # type: ignore[attr-defined]
    assert [Path(f).name for f in files] == [
        "part-00000.jsonl",
        "part-00001.jsonl",
        "part-00002.jsonl",
    ]
    got = b"".join(Path(f).read_bytes() for f in files)

    expected = tmp_path / "expected.jsonl"
    assert main(["parse", "-q", "-j", "1", "-o", str(expected), str(corpus)]) == 1
    assert got == expected.read_bytes()
    assert got.count(b'"error"') == 1
