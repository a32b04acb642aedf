"""Does parse time grow linearly? Worst-case inputs at n and 10n characters.

    .venv/bin/python benchmarks/linear.py [--size N] [--only NAME]

For each generated worst case (long runs of digits, brackets, 、, 第, repeated
markers, a single long line, ten thousand numbered items, deep numbering) it
prints the seconds ``zhengce.parse`` takes on about N and 10·N characters and
their ratio; a ratio above 12 is flagged SUPER-LINEAR and the exit status is 1.
tests/test_linear.py runs the same cases as a hang detector.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

import zhengce


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: unit * max(1, n // len(unit))


def _items(n: int) -> str:
    out, i = [], 0
    while sum(map(len, out)) < n:
        i += 1
        out.append(f"{i}. 第{i}项任务，到2025年完成{i}%。\n")
    return "".join(out)


def _deep(n: int) -> str:
    markers = ["第一章 总则", "第一节 一般规定", "第一条 内容", "一、要求", "（一）任务", "1. 事项",
               "（1）细则", "① 条目", "1.1 分项", "1.1.1 细项"]  # fmt: skip
    block = "\n".join(markers) + "\n"
    return _repeat(block)(n)


CASES: dict[str, Callable[[int], str]] = {
    "digits": _repeat("1234567890"),
    "digits and dots": _repeat("1.2."),
    "brackets 〔〔〔": _repeat("〔"),
    "brackets 〔2012〕": _repeat("〔2012〕"),
    "parens （（（": _repeat("（"),
    "enumeration 、、、": _repeat("、"),
    "第第第": _repeat("第"),
    "一、一、一、": _repeat("一、"),
    "（一） repeated on one line": _repeat("（一）"),
    "（一） lines": _repeat("（一）\n"),
    "年年年": _repeat("2025年"),
    "percent runs": _repeat("提高到12%以上，"),
    "one long sentence": _repeat("到2025年全市科技服务业总收入超过150亿元"),
    "numbered items": _items,
    "deep numbering": _deep,
    "header words": _repeat("国务院办公厅关于印发"),
    "spaces": _repeat("　 "),
}


def timed(text: str) -> float:
    start = time.perf_counter()
    zhengce.parse(text)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=20_000, help="the smaller input, characters")
    parser.add_argument("--only", help="run one case")
    args = parser.parse_args(argv)
    zhengce.parse("一、预热\n")  # load vocabularies before timing
    worst = 0.0
    print(f"{'case':28} {'n':>9} {'t(n) s':>9} {'t(10n) s':>9} {'ratio':>6}")
    for name, make in CASES.items():
        if args.only and name != args.only:
            continue
        small, large = make(args.size), make(args.size * 10)
        t1 = min(timed(small) for _ in range(3))
        t10 = timed(large)
        ratio = t10 / max(t1, 1e-4)
        worst = max(worst, ratio)
        flag = "  SUPER-LINEAR" if ratio > 12 else ""
        print(f"{name:28} {len(small):>9} {t1:>9.4f} {t10:>9.4f} {ratio:>6.1f}{flag}", flush=True)
    print(f"worst ratio {worst:.1f} (limit 12)")
    return 1 if worst > 12 else 0


if __name__ == "__main__":
    sys.exit(main())
