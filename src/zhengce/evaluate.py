"""Score parser output against gold annotations (``corpus/*.gold.json``, ANNOTATION.md).

The scorer is a pure function over two JSON-shaped dicts: a gold file and the
parser's output for the same text (:func:`score_document`). Every figure comes
from integer tallies that add up across documents (:class:`Tally`), so a
corpus score is the micro-average of its documents, and the rules below are
all an independent scorer needs.

Normalisation (:func:`norm`): strings are NFKC-normalised (full-width ``（一）``,
``１．``, ``％`` become ``(一)``, ``1.``, ``%``) and every whitespace character
is removed. Lists are normalised item by item; numbers and ``None`` stay.

Header
    Each key present in the gold ``header`` is one item, correct when the
    normalised prediction equals the normalised gold (``null == null`` is
    correct; ``addressees`` compare as ordered lists). ``doc_number`` is four
    items, ``doc_number.text|issuer_code|year|serial``, one per sub-key the
    gold gives; a gold ``doc_number: null`` scores all four, each correct iff
    the prediction has no ``doc_number``.

Sections
    Each section is its *path*: the tuple of normalised markers from the root.
    Gold and predicted paths are matched as multisets: the k-th occurrence of a
    path in the gold (pre-order) pairs with the k-th occurrence in the
    prediction, so a path printed twice must be found twice. On matched pairs:
    ``level`` equal, ``heading`` equal after normalisation (``null == null``).
    ``strict`` counts matches with both right.

Targets
    A gold item and a prediction are *compatible* when their normalised units
    are equal (``null`` unit = ``""``) and their values are equal within a
    relative tolerance of 1e-9. Compatibility is equality of (value, unit), so
    matching is one-to-one and greedy without losing matches: compatible pairs
    of *required* gold items (no ``"optional": true``) are taken in order of
    indicator overlap (high first), then text overlap, then gold index, then
    prediction index. Predictions left over are then matched, the same way, to
    optional gold items and dropped from both sides; optional gold items never
    count as missed. Precision = matched / (predictions - dropped), recall =
    matched / required gold items.

    On matches: indicator overlap is ``|chars(g) ∩ chars(p)| / max(len g, len p)``
    with ``chars`` the character multiset of the normalised strings (1 when
    both are empty, 0 when one is); reported as the mean and as the share of
    matches with overlap >= 0.6. ``comparator`` equal; deadline *year* equal
    (``null == null``); ``kind`` equal on the matches whose gold kind is a
    rate (growth_rate, reduction, share) and, separately, on all matches.
    ``strict`` counts matches with overlap >= 0.6, the right comparator, the
    right deadline year and, for rates, the right kind. Each attribute is
    scored only where the gold item has its key.

Ratios with a zero denominator: accuracies are ``None`` (nothing to score);
precision and recall are ``None`` when there is neither a gold item nor a
prediction, else 0 for a zero denominator; F1 is ``2PR / (P + R)`` and 0 when
``P + R == 0``.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import Document
from .render import to_record

HEADER_FIELDS = (
    "doc_number.text",
    "doc_number.issuer_code",
    "doc_number.year",
    "doc_number.serial",
    "title",
    "doc_type",
    "issuer",
    "date",
    "addressees",
)
DOC_NUMBER_KEYS = ("text", "issuer_code", "year", "serial")
RATE_KINDS = frozenset({"growth_rate", "reduction", "share"})
OVERLAP_THRESHOLD = 0.6
VALUE_REL_TOL = 1e-9
SCORE_SLACK = 1e-9

KEY_METRICS = (
    *(f"header.{name}" for name in HEADER_FIELDS),
    "header.accuracy",
    "sections.precision",
    "sections.recall",
    "sections.f1",
    "sections.strict_f1",
    "targets.precision",
    "targets.recall",
    "targets.f1",
    "targets.strict_f1",
)
"""The metrics kept in ``corpus/scores.json``: each rises when the parser improves.

Accuracies on matched items (level, heading, comparator …) are left out: they
can fall when recall rises. The ``strict_f1`` figures carry them instead.
"""

MISS_KINDS = (
    "header wrong",
    "target missed",
    "target spurious",
    "section missed",
    "section spurious",
)


# ---------------------------------------------------------------- normalisation


def norm(value: Any) -> Any:
    """Width- and whitespace-normalise strings (recursively in lists).

    >>> norm("（一） ") , norm("１．"), norm(["市各委、办、局 "])
    ('(一)', '1.', ['市各委、办、局'])
    """
    if isinstance(value, str):
        return "".join(ch for ch in unicodedata.normalize("NFKC", value) if not ch.isspace())
    if isinstance(value, (list, tuple)):
        return [norm(item) for item in value]
    return value


def same(gold: Any, predicted: Any) -> bool:
    """Equality after :func:`norm`; numbers compare as numbers (``2012 == 2012.0``)."""
    g, p = norm(gold), norm(predicted)
    if _is_number(g) and _is_number(p):
        return bool(g == p)
    return type(g) is type(p) and bool(g == p)


def char_overlap(gold: str | None, predicted: str | None) -> float:
    """``|multiset(g) ∩ multiset(p)| / max(len g, len p)`` over normalised strings.

    >>> char_overlap("科技服务业总收入", "服务业总收入")
    0.75
    >>> char_overlap("", ""), char_overlap("收入", None)
    (1.0, 0.0)
    """
    g, p = norm(gold or ""), norm(predicted or "")
    longest = max(len(g), len(p))
    if longest == 0:
        return 1.0
    common = sum((Counter(g) & Counter(p)).values())
    return common / longest


def values_equal(gold: Any, predicted: Any) -> bool:
    """Numeric equality within a relative tolerance of 1e-9 (``None`` matches nothing)."""
    if not (_is_number(gold) and _is_number(predicted)):
        return False
    return math.isclose(float(gold), float(predicted), rel_tol=VALUE_REL_TOL, abs_tol=0.0)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# ---------------------------------------------------------------- tallies


@dataclass(frozen=True)
class Miss:
    """One thing the parser got wrong, with the text to look at."""

    document: str
    kind: str
    """One of :data:`MISS_KINDS`."""
    text: str


@dataclass
class Tally:
    """Counts that add up across documents; every metric is a ratio of them."""

    counts: Counter[str] = field(default_factory=Counter)
    overlap_sum: float = 0.0
    misses: list[Miss] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.counts.update(other.counts)
        self.overlap_sum += other.overlap_sum
        self.misses.extend(other.misses)

    def hit(self, key: str, correct: bool) -> None:
        """One scored item ``key``: ``key.n`` += 1, ``key.correct`` += correct."""
        self.counts[f"{key}.n"] += 1
        self.counts[f"{key}.correct"] += int(correct)

    def metrics(self) -> dict[str, float | None]:
        """All metrics, flat and sorted by section (``header.date``, ``targets.f1`` …)."""
        c = self.counts
        out: dict[str, float | None] = {}
        for name in HEADER_FIELDS:
            out[f"header.{name}"] = _ratio(c[f"header.{name}.correct"], c[f"header.{name}.n"])
        out["header.accuracy"] = _ratio(
            sum(c[f"header.{n}.correct"] for n in HEADER_FIELDS),
            sum(c[f"header.{n}.n"] for n in HEADER_FIELDS),
        )
        for part in ("sections", "targets"):
            gold, pred = c[f"{part}.gold"], c[f"{part}.pred"]
            p, r, f = _prf(c[f"{part}.matched"], gold, pred)
            out[f"{part}.precision"], out[f"{part}.recall"], out[f"{part}.f1"] = p, r, f
            out[f"{part}.strict_f1"] = _prf(c[f"{part}.strict"], gold, pred)[2]
            if part == "sections":
                out["sections.level"] = _ratio(c["sections.level.correct"], c["sections.level.n"])
                out["sections.heading"] = _ratio(
                    c["sections.heading.correct"], c["sections.heading.n"]
                )
        n = c["targets.indicator.n"]
        out["targets.indicator_overlap"] = self.overlap_sum / n if n else None
        out["targets.indicator_ge_0.6"] = _ratio(c["targets.indicator.correct"], n)
        for name in ("comparator", "deadline_year", "kind_rate", "kind"):
            out[f"targets.{name}"] = _ratio(c[f"targets.{name}.correct"], c[f"targets.{name}.n"])
        return out


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _prf(matched: int, gold: int, pred: int) -> tuple[float | None, float | None, float | None]:
    if gold == 0 and pred == 0:
        return None, None, None
    p = matched / pred if pred else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ---------------------------------------------------------------- scoring


def score_document(
    gold: Mapping[str, Any], predicted: Document | Mapping[str, Any], *, name: str = ""
) -> Tally:
    """Score one parse against its gold file; only the parts the gold has are scored.

    >>> gold = {"header": {"date": "2012-03-19", "title": None}}
    >>> tally = score_document(gold, {"header": {"date": "2012-03-19", "title": "X"}})
    >>> tally.metrics()["header.date"], tally.metrics()["header.title"]
    (1.0, 0.0)
    """
    pred: Mapping[str, Any] = to_record(predicted) if isinstance(predicted, Document) else predicted
    tally = Tally()
    for part in ("header", "sections", "targets"):
        if part in gold:
            tally.counts[f"{part}.documents"] += 1
    if "header" in gold:
        _score_header(gold["header"] or {}, pred.get("header") or {}, name, tally)
    if "sections" in gold:
        _score_sections(gold["sections"] or [], pred.get("sections") or [], name, tally)
    if "targets" in gold:
        _score_targets(gold["targets"] or [], pred.get("targets") or [], name, tally)
    return tally


def _score_header(
    gold: Mapping[str, Any], pred: Mapping[str, Any], name: str, tally: Tally
) -> None:
    for key, gold_value in gold.items():
        if key == "doc_number":
            got = pred.get("doc_number")
            if gold_value is None:
                for sub in DOC_NUMBER_KEYS:
                    tally.hit(f"header.doc_number.{sub}", got is None)
                    if got is not None:
                        _wrong(tally, name, f"doc_number.{sub}", None, got.get(sub))
                continue
            for sub in DOC_NUMBER_KEYS:
                if sub in gold_value:
                    value = got.get(sub) if got else None
                    ok = same(gold_value[sub], value)
                    tally.hit(f"header.doc_number.{sub}", ok)
                    if not ok:
                        _wrong(tally, name, f"doc_number.{sub}", gold_value[sub], value)
        elif key in HEADER_FIELDS:
            value = pred.get(key)
            if key == "addressees" and value == [] and gold_value is None:
                value = None
            ok = same(gold_value, value)
            tally.hit(f"header.{key}", ok)
            if not ok:
                _wrong(tally, name, key, gold_value, value)


def _wrong(tally: Tally, name: str, key: str, gold: Any, pred: Any) -> None:
    shown = json.dumps(gold, ensure_ascii=False), json.dumps(pred, ensure_ascii=False)
    tally.misses.append(Miss(name, "header wrong", f"{key}: gold {shown[0]}, got {shown[1]}"))


def flatten_sections(
    sections: Iterable[Mapping[str, Any]], parent: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Mapping[str, Any]]]:
    """``(path, section)`` in pre-order; ``path`` is the normalised markers from the root."""
    for section in sections:
        path = (*parent, norm(section.get("marker") or ""))
        yield path, section
        yield from flatten_sections(section.get("children") or [], path)


def _score_sections(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    name: str,
    tally: Tally,
) -> None:
    gold_flat, pred_flat = list(flatten_sections(gold)), list(flatten_sections(pred))
    tally.counts["sections.gold"] += len(gold_flat)
    tally.counts["sections.pred"] += len(pred_flat)
    waiting: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for path, section in pred_flat:
        waiting.setdefault(path, []).append(section)
    for path, g in gold_flat:
        queue = waiting.get(path)
        if not queue:
            tally.misses.append(Miss(name, "section missed", _section_text(path, g)))
            continue
        p = queue.pop(0)
        tally.counts["sections.matched"] += 1
        strict = True
        if "level" in g:
            ok = same(g["level"], p.get("level"))
            tally.hit("sections.level", ok)
            strict &= ok
        if "heading" in g:
            ok = same(g["heading"], p.get("heading"))
            tally.hit("sections.heading", ok)
            strict &= ok
        tally.counts["sections.strict"] += int(strict)
    for path, p in pred_flat:
        if any(p is q for q in waiting.get(path, ())):
            tally.misses.append(Miss(name, "section spurious", _section_text(path, p)))


def _section_text(path: tuple[str, ...], section: Mapping[str, Any]) -> str:
    heading = section.get("heading")
    return " / ".join(path) + (f" {heading}" if heading else "")


def _score_targets(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    name: str,
    tally: Tally,
) -> None:
    required = [i for i, g in enumerate(gold) if not g.get("optional")]
    optional = [i for i, g in enumerate(gold) if g.get("optional")]
    free = set(range(len(pred)))
    pairs = _greedy_pairs(gold, pred, required, free)
    dropped = _greedy_pairs(gold, pred, optional, free)
    tally.counts["targets.gold"] += len(required)
    tally.counts["targets.pred"] += len(pred) - len(dropped)
    tally.counts["targets.dropped"] += len(dropped)
    tally.counts["targets.matched"] += len(pairs)
    for i, j in pairs:
        g, p = gold[i], pred[j]
        strict = True
        if "indicator" in g:
            overlap = char_overlap(g["indicator"], p.get("indicator"))
            tally.overlap_sum += overlap
            tally.hit("targets.indicator", overlap >= OVERLAP_THRESHOLD)
            strict &= overlap >= OVERLAP_THRESHOLD
        if "comparator" in g:
            ok = g["comparator"] == p.get("comparator")
            tally.hit("targets.comparator", ok)
            strict &= ok
        if "deadline" in g:
            ok = _year(g["deadline"]) == _year(p.get("deadline"))
            tally.hit("targets.deadline_year", ok)
            strict &= ok
        if "kind" in g:
            ok = g["kind"] == p.get("kind")
            tally.hit("targets.kind", ok)
            if g["kind"] in RATE_KINDS:
                tally.hit("targets.kind_rate", ok)
                strict &= ok
        tally.counts["targets.strict"] += int(strict)
    matched_gold = {i for i, _ in pairs}
    for i in required:
        if i not in matched_gold:
            tally.misses.append(Miss(name, "target missed", _target_text(gold[i])))
    for j in sorted(free):
        tally.misses.append(Miss(name, "target spurious", _target_text(pred[j])))


def _greedy_pairs(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    gold_indices: Sequence[int],
    free: set[int],
) -> list[tuple[int, int]]:
    """Pair gold items with free predictions (removing them from ``free``), best first."""
    candidates: list[tuple[float, float, int, int]] = []
    for i in gold_indices:
        g = gold[i]
        for j in sorted(free):
            p = pred[j]
            if norm(g.get("unit") or "") == norm(p.get("unit") or "") and values_equal(
                g.get("value"), p.get("value")
            ):
                candidates.append(
                    (
                        -char_overlap(g.get("indicator"), p.get("indicator")),
                        -char_overlap(g.get("text"), p.get("text")),
                        i,
                        j,
                    )
                )
    candidates.sort()
    pairs: list[tuple[int, int]] = []
    taken: set[int] = set()
    for _, _, i, j in candidates:
        if i in taken or j not in free:
            continue
        taken.add(i)
        free.discard(j)
        pairs.append((i, j))
    return sorted(pairs)


def _year(date: Any) -> int | None:
    if isinstance(date, str) and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


def _target_text(target: Mapping[str, Any]) -> str:
    value: Any = target.get("value")
    shown = _number(value) if _is_number(value) else "?"
    unit = target.get("unit") or ""
    return f"{target.get('text') or ''} [{target.get('indicator') or '?'} {shown}{unit}]"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


# ---------------------------------------------------------------- corpus


@dataclass
class DocumentScore:
    name: str
    tally: Tally
    error: str | None = None
    """Why the text could not be parsed (then it was scored as an empty parse)."""


@dataclass
class Report:
    """Scores of a whole directory: per document and micro-averaged over all."""

    documents: list[DocumentScore]

    def total(self) -> Tally:
        total = Tally()
        for doc in self.documents:
            total.add(doc.tally)
        return total

    def key_metrics(self) -> dict[str, float]:
        """The :data:`KEY_METRICS` that are defined, as stored in ``scores.json``."""
        metrics = self.total().metrics()
        return {k: v for k in KEY_METRICS if (v := metrics[k]) is not None}

    def to_json(self) -> dict[str, Any]:
        total = self.total()
        return {
            "documents": len(self.documents),
            "metrics": total.metrics(),
            "counts": dict(sorted(total.counts.items())),
            "per_document": [
                {
                    "name": d.name,
                    "error": d.error,
                    "metrics": d.tally.metrics(),
                    "counts": dict(sorted(d.tally.counts.items())),
                }
                for d in self.documents
            ],
            "misses": [
                {"document": m.document, "kind": m.kind, "text": m.text} for m in total.misses
            ],
        }


def gold_files(directory: Path) -> list[tuple[str, Path, Path]]:
    """``(name, NAME.txt, NAME.gold.json)`` for every text with a gold file, by name."""
    out = []
    for gold in sorted(directory.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        text = gold.with_name(f"{name}.txt")
        if text.is_file():
            out.append((name, text, gold))
    return out


def evaluate_dir(directory: str | Path) -> Report:
    """Parse every ``NAME.txt`` that has a ``NAME.gold.json`` in ``directory`` and score it."""
    from .pipeline import parse_file

    documents = []
    for name, text, gold_path in gold_files(Path(directory)):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        error = None
        predicted: Document | Mapping[str, Any]
        try:
            predicted = parse_file(text)
        except Exception as exc:  # a parser bug scores as an empty parse, not a crash
            predicted, error = {}, f"{type(exc).__name__}: {exc}"
        documents.append(DocumentScore(name, score_document(gold, predicted, name=name), error))
    return Report(documents)


# ---------------------------------------------------------------- text report


def format_report(report: Report, *, show: int = 0) -> str:
    """The per-document table, the corpus metrics and up to ``show`` misses of each kind."""
    lines = [
        f"{'document':<20} {'header':>7} {'sec P':>6} {'sec R':>6} {'sec F1':>6}"
        f" {'tgt P':>6} {'tgt R':>6} {'tgt F1':>6}  targets gold/pred/matched",
    ]
    for doc in report.documents:
        m, c = doc.tally.metrics(), doc.tally.counts
        lines.append(
            f"{doc.name:<20} {_pct(m['header.accuracy']):>7}"
            f" {_pct(m['sections.precision']):>6} {_pct(m['sections.recall']):>6}"
            f" {_pct(m['sections.f1']):>6}"
            f" {_pct(m['targets.precision']):>6} {_pct(m['targets.recall']):>6}"
            f" {_pct(m['targets.f1']):>6}"
            + (
                f"  {c['targets.gold']}/{c['targets.pred']}/{c['targets.matched']}"
                if c["targets.documents"]
                else "  -"
            )
            + (f"  ! {doc.error}" if doc.error else "")
        )
    total = report.total()
    lines += ["", f"{len(report.documents)} documents", ""]
    lines += [f"{key:<30} {_pct(value):>7}" for key, value in total.metrics().items()]
    if show > 0:
        for kind in MISS_KINDS:
            misses = worst(total.misses, kind, show)
            if misses:
                lines += ["", f"{kind} ({sum(m.kind == kind for m in total.misses)}):"]
                lines += [f"  {m.document}: {m.text}" for m in misses]
    return "\n".join(lines) + "\n"


def format_markdown(report: Report) -> str:
    """The compact score table of the README (percentages, ``-`` when nothing was scored)."""
    m = report.total().metrics()

    def pct(*keys: str) -> str:
        return " / ".join(_pct(m[k]) for k in keys)

    left = [(f"`{name}`", pct(f"header.{name}")) for name in HEADER_FIELDS]
    left.append(("all header fields", pct("header.accuracy")))
    right = [
        ("sections P / R / F1", pct("sections.precision", "sections.recall", "sections.f1")),
        ("sections level / heading", pct("sections.level", "sections.heading")),
        ("sections strict F1", pct("sections.strict_f1")),
        ("targets P / R / F1", pct("targets.precision", "targets.recall", "targets.f1")),
        ("targets strict F1", pct("targets.strict_f1")),
        (
            "indicator overlap: mean / share ≥ 0.6",
            pct("targets.indicator_overlap", "targets.indicator_ge_0.6"),
        ),
        ("comparator", pct("targets.comparator")),
        ("deadline year", pct("targets.deadline_year")),
        ("kind: rates / all", pct("targets.kind_rate", "targets.kind")),
    ]
    right += [("", "")] * (len(left) - len(right))
    lines = [
        "| header (accuracy %) | | sections and targets (%) | |",
        "| --- | ---: | --- | ---: |",
    ]
    lines += [
        f"| {a} | {b} | {c} | {d} |".replace("  ", " ")
        for (a, b), (c, d) in zip(left, right, strict=True)
    ]
    return "\n".join(lines) + "\n"


def worst(misses: Sequence[Miss], kind: str, n: int) -> list[Miss]:
    """Up to ``n`` misses of ``kind``, from the documents with most of them first."""
    of_kind = [m for m in misses if m.kind == kind]
    per_document = Counter(m.document for m in of_kind)
    order = sorted(range(len(of_kind)), key=lambda i: (-per_document[of_kind[i].document], i))
    return [of_kind[i] for i in order[:n]]


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


# ---------------------------------------------------------------- ratchet


def compare_scores(
    current: Mapping[str, float], stored: Mapping[str, float]
) -> list[tuple[str, float, float | None]]:
    """``(metric, stored, current)`` for every stored metric the current scores fall below."""
    drops = []
    for key, old in sorted(stored.items()):
        new = current.get(key)
        if new is None or new < old - SCORE_SLACK:
            drops.append((key, old, new))
    return drops


def read_scores(path: str | Path) -> dict[str, float]:
    file = Path(path)
    if not file.exists():
        return {}
    data = json.loads(file.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data.items()}


def write_scores(path: str | Path, scores: Mapping[str, float]) -> None:
    text = json.dumps(dict(sorted(scores.items())), indent=2)
    Path(path).write_text(text + "\n", encoding="utf-8")
