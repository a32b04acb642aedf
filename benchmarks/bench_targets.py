"""Milliseconds per document for target extraction on corpus/ (run by hand).

    .venv/bin/python benchmarks/bench_targets.py [DIR ...] [--repeat N] [--profile]

Targets are read as ``zhengce.parse`` reads them (with the section tree and the
成文日期, found before timing). Reports the first pass (includes loading
vocabulary and, when a document needs it, jieba), the median steady state of
``--repeat`` passes, and whether jieba was loaded. ``--profile`` adds the
number of Python function calls of one steady pass: a measure of work that
does not depend on the load of the machine.
"""

from __future__ import annotations

import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

from zhengce import segmenter
from zhengce.header import parse_header
from zhengce.sections import parse_sections
from zhengce.source import read_text, split_lines
from zhengce.targets import find_targets


def main(argv: list[str]) -> int:
    repeat = 5
    if "--repeat" in argv:
        i = argv.index("--repeat")
        repeat = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2 :]
    profile = "--profile" in argv
    argv = [a for a in argv if a != "--profile"]
    dirs = [Path(a) for a in argv] or [Path(__file__).resolve().parent.parent / "corpus"]
    inputs = []
    for p in (p for d in dirs for p in sorted(d.glob("*.txt"))):
        text = read_text(p).text
        lines = split_lines(text)
        header, _ = parse_header(text, lines)
        sections, _ = parse_sections(text, lines, header=header)
        inputs.append((text, sections, header.date))
    chars = sum(len(t) for t, _, _ in inputs)

    def one_pass() -> int:
        return sum(len(find_targets(t, sections=s, date=d)[0]) for t, s, d in inputs)

    start = time.perf_counter()
    found = one_pass()
    first = time.perf_counter() - start
    passes = []
    for _ in range(repeat):
        start = time.perf_counter()
        one_pass()
        passes.append(time.perf_counter() - start)
    steady = statistics.median(passes)
    print(f"{len(inputs)} documents, {chars} characters, {found} targets")
    print(f"first pass  {1000 * first / len(inputs):8.2f} ms/document")
    print(
        f"steady      {1000 * steady / len(inputs):8.2f} ms/document, median of {repeat} "
        f"({chars / steady / 1e6:.2f} M chars/s)"
    )
    print(f"jieba loaded: {segmenter.is_loaded()}")
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(one_pass)
        stats = pstats.Stats(profiler)
        calls = stats.total_calls  # type: ignore[attr-defined]
        print(f"function calls per document: {calls / len(inputs):,.0f}")
        stats.sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
