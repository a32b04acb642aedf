"""Score target extraction against corpus/*.gold.json (run by hand).

Matching is by (value, unit); gold items marked ``optional`` are neither
rewarded nor penalised. Prints F1 and, over matched pairs, the share with
indicator character overlap >= 0.6, comparator agreement and deadline-year
agreement. ``-v`` lists misses and false positives.

    .venv/bin/python benchmarks/score_targets.py [-v] [corpus-dir]
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import zhengce


def _overlap(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 1.0 if not a and not b else 0.0
    from collections import Counter

    common = sum((Counter(a) & Counter(b)).values())
    if common == 0:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    root = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "corpus"
    tp = fp = fn = 0
    ind_ok = cmp_ok = dl_ok = matched = 0
    for gold_path in sorted(root.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "targets" not in gold:
            continue
        doc = zhengce.parse_file(gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")))
        preds = list(doc.targets)
        used: set[int] = set()
        for g in gold["targets"]:
            key = (Decimal(str(g["value"])), g["unit"])
            hit = None
            best = -1.0
            for i, p in enumerate(preds):
                if i in used or (p.value, p.unit) != key:
                    continue
                score = _overlap(p.indicator, g["indicator"])
                if score > best:
                    hit, best = i, score
            if hit is None:
                if not g.get("optional"):
                    fn += 1
                    if verbose:
                        print(f"MISS {gold_path.stem}: {g['value']} {g['unit']} | {g['text']}")
                continue
            used.add(hit)
            if g.get("optional"):
                continue
            p = preds[hit]
            tp += 1
            matched += 1
            ind_ok += best >= 0.6
            cmp_ok += p.comparator == g["comparator"]
            gy = g["deadline"][:4] if g.get("deadline") else None
            py = str(p.deadline.year) if p.deadline else None
            dl_ok += gy == py
            if verbose and best < 0.6:
                print(f"IND  {gold_path.stem}: {p.indicator!r} vs {g['indicator']!r}")
            if verbose and p.comparator != g["comparator"]:
                print(f"CMP  {gold_path.stem}: {p.comparator} vs {g['comparator']} | {g['text']}")
            if verbose and gy != py:
                print(f"DL   {gold_path.stem}: {py} vs {gy} | {g['text']}")
        for i, p in enumerate(preds):
            if i not in used:
                fp += 1
                if verbose:
                    print(f"FP   {gold_path.stem}: {p.value} {p.unit} [{p.indicator}] | {p.text}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"targets  tp={tp} fp={fp} fn={fn}  P={precision:.3f} R={recall:.3f} F1={f1:.3f}")
    if matched:
        print(
            f"indicator>=0.6 {ind_ok / matched:.3f}  comparator {cmp_ok / matched:.3f}  "
            f"deadline-year {dl_ok / matched:.3f}  (over {matched} matches)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
