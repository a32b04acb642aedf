"""The scorer on hand-made gold/prediction pairs whose figures are known exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import zhengce
from zhengce.cli import main
from zhengce.evaluate import (
    KEY_METRICS,
    char_overlap,
    compare_scores,
    norm,
    read_scores,
    score_document,
    values_equal,
)
from zhengce.render import to_record

LB, RB = "\u3014", "\u3015"  # the 发文字号 year brackets, spelled out (RUF001)


def metrics(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, float | None]:
    return score_document(gold, pred).metrics()


def sec(marker: str, level: int, heading: str | None, *children: dict[str, Any]) -> dict[str, Any]:
    return {"marker": marker, "level": level, "heading": heading, "children": list(children)}


def tgt(value: float, unit: str | None, indicator: str, **extra: Any) -> dict[str, Any]:
    item = {"text": f"{indicator}{value}{unit or ''}", "indicator": indicator}
    return {**item, "value": value, "unit": unit, **extra}


# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("（一）", "(一)"),
        ("1．", "1."),
        ("１８％", "18%"),
        ("各县（市）、区人民政府 ", "各县(市)、区人民政府"),
        ("南通市　人民政府", "南通市人民政府"),  # ideographic space
        ("关于印发\n方案的通知", "关于印发方案的通知"),
    ],
)
def test_width_and_whitespace_fold(a: str, b: str) -> None:
    assert norm(a) == norm(b)


@pytest.mark.parametrize(("a", "b"), [("1、", "1."), (f"{LB}2012{RB}", "[2012]"), ("一、", "(一)")])
def test_distinct_markers_stay_distinct(a: str, b: str) -> None:
    assert norm(a) != norm(b)


def test_char_overlap_is_multiset_intersection_over_longer() -> None:
    assert char_overlap("科技服务业总收入", "服务业总收入") == 6 / 8
    assert char_overlap("新新增", "新增增") == 2 / 3  # multiset, not set
    assert char_overlap("收入", None) == 0.0
    assert char_overlap("占比", "比占") == 1.0  # order is ignored


def test_values_equal_within_relative_tolerance() -> None:
    assert values_equal(0.1 + 0.2, 0.3)
    assert values_equal(15000000000, 1.5e10)
    assert not values_equal(1.0, 1.001)
    assert not values_equal(None, None)
    assert values_equal(0, 0)


# ---------------------------------------------------------------- header

NANTONG = {"text": f"通政发{LB}2012{RB}26号", "issuer_code": "通政发", "year": 2012, "serial": 26}


def test_header_fields_scored_only_when_in_gold() -> None:
    gold = {
        "header": {
            "doc_number": NANTONG,
            "title": None,
            "date": "2012-03-19",
            "addressees": ["各县(市)、区人民政府", "市各委、办、局"],
        }
    }
    pred = {
        "header": {
            "doc_number": {**NANTONG, "serial": 62, "family": "standard", "span": [0, 12]},
            "title": None,
            "doc_type": "意见",
            "date": "2012-03-19",
            "addressees": ["各县（市）、区人民政府 ", "市各委、办、局"],
        }
    }
    m = metrics(gold, pred)
    assert m["header.doc_number.text"] == 1.0
    assert m["header.doc_number.issuer_code"] == 1.0
    assert m["header.doc_number.year"] == 1.0
    assert m["header.doc_number.serial"] == 0.0
    assert m["header.title"] == 1.0  # null == null
    assert m["header.date"] == 1.0
    assert m["header.addressees"] == 1.0  # width-folded
    assert m["header.doc_type"] is None  # not annotated
    assert m["header.issuer"] is None
    assert m["header.accuracy"] == 6 / 7


def test_addressees_compare_as_ordered_lists() -> None:
    gold = {"header": {"addressees": ["甲", "乙"]}}
    assert metrics(gold, {"header": {"addressees": ["乙", "甲"]}})["header.addressees"] == 0.0
    assert metrics(gold, {"header": {"addressees": ["甲"]}})["header.addressees"] == 0.0


def test_null_doc_number_scores_four_items() -> None:
    gold: dict[str, Any] = {"header": {"doc_number": None}}
    right = metrics(gold, {"header": {"doc_number": None}})
    wrong = metrics(gold, {"header": {"doc_number": NANTONG}})
    for sub in ("text", "issuer_code", "year", "serial"):
        assert right[f"header.doc_number.{sub}"] == 1.0
        assert wrong[f"header.doc_number.{sub}"] == 0.0
    assert score_document(gold, {}).counts["header.doc_number.text.n"] == 1


def test_missing_prediction_is_wrong_not_skipped() -> None:
    gold = {"header": {"doc_number": NANTONG, "issuer": "南通市人民政府"}}
    m = metrics(gold, {})
    assert m["header.doc_number.text"] == 0.0
    assert m["header.issuer"] == 0.0
    assert m["header.accuracy"] == 0.0


def test_wrong_header_fields_are_listed_with_both_values() -> None:
    tally = score_document({"header": {"date": "2012-03-19"}}, {"header": {"date": "2012-03-09"}})
    [miss] = tally.misses
    assert miss.kind == "header wrong"
    assert miss.text == 'date: gold "2012-03-19", got "2012-03-09"'


# ---------------------------------------------------------------- sections

GOLD_TREE = [
    sec("一、", 1, "总体要求", sec("（一）", 2, "指导思想"), sec("（二）", 2, "基本原则")),
    sec("二、", 1, "主要任务", sec("（一）", 2, "培育主体")),
]


def test_section_paths_precision_recall_level_heading() -> None:
    pred = [
        sec("一、", 1, "总体要求", sec("(一)", 2, "指导思想"), sec("(三)", 2, "多出来的")),
        sec("二、", 1, "主要任务和措施", sec("（一）", 3, "培育主体")),
    ]
    m = metrics({"sections": GOLD_TREE}, {"sections": pred})
    assert (m["sections.precision"], m["sections.recall"]) == (4 / 5, 4 / 5)
    assert m["sections.f1"] == pytest.approx(0.8)
    assert m["sections.level"] == 3 / 4  # 二、/（一） at level 3
    assert m["sections.heading"] == 3 / 4  # 二、 heading differs
    assert m["sections.strict_f1"] == pytest.approx(0.4)  # 2 of 5 fully right


def test_section_path_is_the_chain_not_the_marker() -> None:
    flat = [sec("一、", 1, "总体要求"), sec("（一）", 1, "指导思想")]  # child lifted to the root
    m = metrics({"sections": GOLD_TREE}, {"sections": flat})
    assert m["sections.precision"] == 1 / 2
    assert m["sections.recall"] == 1 / 5


def test_duplicate_paths_match_as_a_multiset_in_order() -> None:
    gold = {"sections": [sec("一、", 1, "正文"), sec("一、", 1, "附件")]}
    once = score_document(gold, {"sections": [sec("一、", 1, "正文")]})
    assert once.metrics()["sections.recall"] == 1 / 2
    assert once.metrics()["sections.precision"] == 1.0
    assert once.metrics()["sections.heading"] == 1.0  # first with first
    assert [m.text for m in once.misses] == ["一、 附件"]
    both = metrics(gold, {"sections": [sec("一、", 1, "正文"), sec("一、", 1, "附件")]})
    assert both["sections.heading"] == 1.0
    thrice = metrics(gold, {"sections": [sec("一、", 1, "正文")] * 3})
    assert (thrice["sections.precision"], thrice["sections.recall"]) == (2 / 3, 1.0)
    assert thrice["sections.heading"] == 1 / 2


def test_digit_markers_fold_width() -> None:
    gold = {"sections": [sec("1．", 1, None), sec("（1）", 1, None)]}
    pred = {"sections": [sec("1.", 1, None), sec("(1)", 1, None)]}
    assert metrics(gold, pred)["sections.f1"] == 1.0


def test_no_sections_annotated_as_empty_punishes_predictions() -> None:
    m = metrics({"sections": []}, {"sections": [sec("一、", 1, None)]})
    assert (m["sections.precision"], m["sections.recall"], m["sections.f1"]) == (0.0, 0.0, 0.0)
    empty = metrics({"sections": []}, {"sections": []})
    assert empty["sections.f1"] is None
    assert metrics({}, {"sections": [sec("一、", 1, None)]})["sections.precision"] is None


# ---------------------------------------------------------------- targets

DEADLINE = "2015-12-31"
GOLD_TARGETS = [
    tgt(15000000000, "元", "科技服务业总收入", comparator=">", deadline=DEADLINE, kind="level"),
    tgt(18, "%", "研发经费投入占比重", comparator=">=", deadline=DEADLINE, kind="share"),
    tgt(10, "家", "科技服务业集聚区", comparator="=", deadline=DEADLINE, kind="increment"),
    tgt(300000, "平方米", "科技园区建筑面积", comparator=">=", deadline=None, optional=True),
]


def test_targets_prf_with_optional_dropped() -> None:
    pred = [
        tgt(1.5e10, "元", "服务业总收入", comparator=">", deadline=DEADLINE, kind="level"),
        tgt(18, "％", "占比", comparator=">=", deadline="2016-12-31", kind="growth_rate"),
        tgt(300000, "平方米", "园区", comparator=">=", deadline=None, kind="level"),
        tgt(20, "家", "孵化器", comparator=">=", deadline=DEADLINE, kind="increment"),
    ]
    tally = score_document({"targets": GOLD_TARGETS}, {"targets": pred})
    c, m = tally.counts, tally.metrics()
    assert (c["targets.gold"], c["targets.pred"], c["targets.matched"]) == (3, 3, 2)
    assert c["targets.dropped"] == 1
    assert m["targets.precision"] == m["targets.recall"] == 2 / 3
    assert m["targets.f1"] == pytest.approx(2 / 3)
    assert m["targets.indicator_overlap"] == pytest.approx((6 / 8 + 2 / 9) / 2)
    assert m["targets.indicator_ge_0.6"] == 1 / 2
    assert m["targets.comparator"] == 1.0
    assert m["targets.deadline_year"] == 1 / 2
    assert m["targets.kind_rate"] == 0.0  # share predicted as growth_rate
    assert m["targets.kind"] == 1 / 2
    assert m["targets.strict_f1"] == pytest.approx(1 / 3)
    assert [(x.kind, x.text) for x in tally.misses] == [
        ("target missed", "科技服务业集聚区10家 [科技服务业集聚区 10家]"),
        ("target spurious", "孵化器20家 [孵化器 20家]"),
    ]


def test_optional_gold_neither_rewards_nor_penalises() -> None:
    gold = {"targets": [tgt(1, "所", "中等职业学校", optional=True)]}
    assert metrics(gold, {"targets": []})["targets.recall"] is None
    found = score_document(gold, {"targets": [tgt(1, "所", "学校")]})
    assert (found.counts["targets.pred"], found.counts["targets.dropped"]) == (0, 1)
    assert found.metrics()["targets.f1"] is None


def test_required_gold_is_matched_before_optional() -> None:
    gold = {
        "targets": [
            tgt(10, "家", "龙头企业", optional=True),
            tgt(10, "家", "示范园区"),
        ]
    }
    m = metrics(gold, {"targets": [tgt(10, "家", "龙头企业")]})
    assert (m["targets.precision"], m["targets.recall"]) == (1.0, 1.0)
    assert m["targets.indicator_overlap"] == 0.0


def test_matching_prefers_the_closest_indicator() -> None:
    gold = {"targets": [tgt(5, "个", "新增企业"), tgt(5, "个", "新建园区")]}
    pred = {"targets": [tgt(5, "个", "新建园区"), tgt(5, "个", "新增企业")]}
    m = metrics(gold, pred)
    assert m["targets.f1"] == 1.0
    assert m["targets.indicator_overlap"] == 1.0


def test_value_and_unit_must_both_agree() -> None:
    gold = {"targets": [tgt(150, "亿元", "总收入"), tgt(18, "%", "比重")]}
    pred = {"targets": [tgt(15000000000, "元", "总收入"), tgt(18, "个百分点", "比重")]}
    m = metrics(gold, pred)
    assert (m["targets.precision"], m["targets.recall"]) == (0.0, 0.0)


def test_null_unit_equals_empty_unit() -> None:
    gold = {"targets": [tgt(10000, None, "产教融合型企业")]}
    assert metrics(gold, {"targets": [tgt(10000, "", "企业")]})["targets.recall"] == 1.0


def test_null_deadlines_agree() -> None:
    gold = {"targets": [tgt(3, "个", "基地", deadline=None)]}
    assert (
        metrics(gold, {"targets": [tgt(3, "个", "基地", deadline=None)]})["targets.deadline_year"]
        == 1.0
    )
    assert (
        metrics(gold, {"targets": [tgt(3, "个", "基地", deadline="2020-12-31")]})[
            "targets.deadline_year"
        ]
        == 0.0
    )


def test_targets_not_annotated_are_not_scored() -> None:
    tally = score_document({"header": {}}, {"targets": [tgt(3, "个", "基地")]})
    assert tally.counts["targets.pred"] == 0
    assert tally.metrics()["targets.precision"] is None


def test_a_document_is_scored_like_its_json() -> None:
    doc = zhengce.parse(f"通政发{LB}2012{RB}26号\n一、发展思路和目标\n")
    gold = {"header": {"date": None}, "sections": [], "targets": []}
    assert score_document(gold, doc).counts == score_document(gold, to_record(doc)).counts


def test_tallies_add_up_to_micro_averages() -> None:
    a = score_document({"header": {"date": "2012-03-19"}}, {"header": {"date": "2012-03-19"}})
    b = score_document({"header": {"date": "2012-03-19", "issuer": "国务院"}}, {})
    a.add(b)
    assert a.metrics()["header.date"] == 1 / 2
    assert a.metrics()["header.accuracy"] == 1 / 3


# ---------------------------------------------------------------- ratchet


def test_compare_scores_allows_float_slack_only() -> None:
    assert compare_scores({"a": 0.5 - 1e-12}, {"a": 0.5}) == []
    assert compare_scores({"a": 0.49}, {"a": 0.5}) == [("a", 0.5, 0.49)]
    assert compare_scores({}, {"a": 0.5}) == [("a", 0.5, None)]
    assert compare_scores({"a": 0.5, "b": 0.1}, {"a": 0.4}) == []


# ---------------------------------------------------------------- CLI


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("国务院关于X的意见\n一、总体要求\n", encoding="utf-8")
    gold = {
        "header": {"doc_type": "意见", "date": None},
        "sections": [sec("一、", 1, "总体要求")],
        "targets": [tgt(10, "家", "示范企业")],
    }
    (tmp_path / "a.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "lonely.gold.json").write_text("{}", encoding="utf-8")  # no text: ignored
    return tmp_path


def test_cli_eval_prints_a_table(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(corpus_dir), "--show", "5"]) == 0
    out = capsys.readouterr().out
    assert "1 documents" in out
    assert "target missed (1):" in out
    assert "示范企业" in out


def test_cli_eval_json(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(corpus_dir), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 1
    assert [d["name"] for d in report["per_document"]] == ["a"]
    assert set(KEY_METRICS) <= set(report["metrics"])
    assert report["counts"]["targets.gold"] == 1
    assert report["counts"]["sections.gold"] == 1


def test_cli_eval_without_gold_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("一、总体要求\n", encoding="utf-8")
    assert main(["eval", str(tmp_path)]) == 2
    assert main(["eval", str(tmp_path / "missing")]) == 2


def test_cli_eval_unparsable_text_scores_empty_and_exits_1(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus_dir / "b.txt").write_bytes(b"")
    (corpus_dir / "b.gold.json").write_text('{"header": {"date": null}}', encoding="utf-8")
    assert main(["eval", str(corpus_dir), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    [b] = [d for d in report["per_document"] if d["name"] == "b"]
    assert b["error"] is not None
    assert b["metrics"]["header.date"] == 1.0  # null gold, empty parse


def test_write_scores_refuses_to_lower_unless_forced(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scores = corpus_dir / "scores.json"
    assert main(["eval", str(corpus_dir), "--write-scores", str(scores)]) == 0
    written = read_scores(scores)
    assert set(written) <= set(KEY_METRICS)
    assert "targets.recall" in written and "header.accuracy" in written
    scores.write_text(json.dumps({**written, "header.accuracy": 1.5}), encoding="utf-8")
    before = scores.read_text(encoding="utf-8")
    assert main(["eval", str(corpus_dir), "--write-scores", str(scores)]) == 1
    assert "header.accuracy would fall" in capsys.readouterr().err
    assert scores.read_text(encoding="utf-8") == before
    assert main(["eval", str(corpus_dir), "--write-scores", str(scores), "--force"]) == 0
    assert read_scores(scores) == written
