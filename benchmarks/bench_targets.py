"""Milliseconds per document for target extraction on corpus/ (run by hand).

    .venv/bin/python benchmarks/bench_targets.py [DIR ...] [--repeat N]

Reports the first pass (includes loading vocabulary and, when a document needs
it, jieba) and the steady state, and whether jieba was loaded.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from zhengce import segmenter
from zhengce.source import read_text
from zhengce.targets import find_targets


def main(argv: list[str]) -> int:
    repeat = 5
    if "--repeat" in argv:
        i = argv.index("--repeat")
        repeat = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2 :]
    dirs = [Path(a) for a in argv] or [Path(__file__).resolve().parent.parent / "corpus"]
    texts = [read_text(p).text for d in dirs for p in sorted(d.glob("*.txt"))]
    chars = sum(map(len, texts))
    start = time.perf_counter()
    found = sum(len(find_targets(t)[0]) for t in texts)
    first = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            find_targets(t)
    steady = (time.perf_counter() - start) / repeat
    print(f"{len(texts)} documents, {chars} characters, {found} targets")
    print(f"first pass  {1000 * first / len(texts):8.2f} ms/document")
    print(
        f"steady      {1000 * steady / len(texts):8.2f} ms/document "
        f"({chars / steady / 1e6:.2f} M chars/s)"
    )
    print(f"jieba loaded: {segmenter.is_loaded()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
