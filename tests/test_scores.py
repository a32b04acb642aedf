"""The score ratchet: the parser may not fall below ``corpus/scores.json`` on ``corpus/``.

Raise the file after an improvement with
``zhengce eval corpus --write-scores corpus/scores.json`` (it refuses to lower a
metric; ``--force`` does, and the diff of scores.json then needs a reason).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zhengce.evaluate import KEY_METRICS, Report, compare_scores, evaluate_dir, read_scores

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SCORES = CORPUS / "scores.json"


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate_dir(CORPUS)


def test_scores_file_holds_known_metrics() -> None:
    stored = read_scores(SCORES)
    assert stored, f"{SCORES} is missing or empty"
    assert set(stored) <= set(KEY_METRICS)
    assert all(0.0 <= value <= 1.0 for value in stored.values())


def test_every_gold_document_parses(report: Report) -> None:
    assert report.documents
    assert [d.name for d in report.documents if d.error] == []


def test_no_metric_falls_below_the_ratchet(report: Report) -> None:
    drops = compare_scores(report.key_metrics(), read_scores(SCORES))
    assert drops == [], "\n".join(f"{key}: {old:.4f} -> {new}" for key, old, new in drops)
