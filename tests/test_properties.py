"""Properties of parse over arbitrary text: it does not raise, every span slices to its raw
string, the output is deterministic and its JSON validates against the committed schema."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zhengce
from zhengce.models import _leaves
from zhengce.render import to_record

ROOT = Path(__file__).resolve().parents[1]

# Pieces of policy text, so that generated strings reach the interesting code paths.
PIECES = [
    "国发〔2019〕5号", "通政发〔2012〕26号", "一、", "二、", "（一）", "(二)", "1.", "2、", "（1）",
    "①", "第一条", "第二章", "第三节", "到2025年", "十四五", "达到", "以上", "不低于", "12%",
    "百分之十二", "150亿元", "万平方米", "家", "个", "。", "；", "：", "，", "\n", "\r\n", "　",
    "国务院", "关于", "的通知", "各省、自治区、直辖市人民政府：", "2012年3月19日", "二〇一二年三月十九日",
    "附件：", "抄送：", "〔", "〕", "、", "第", "年", "月", "日", "%", "0", "9", "．",
]  # fmt: skip

policy_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map(
    "".join
)


@cache
def validator() -> Any:
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_text)
def test_parse_never_raises_and_spans_slice_to_raw(text: str) -> None:
    doc = zhengce.parse(text)
    assert doc.text == text
    for raw, (start, end), where in _leaves(doc):
        assert 0 <= start <= end <= len(text), where
        assert text[start:end] == raw, where
    for section in doc.walk_sections():
        assert 0 <= section.span[0] <= section.span[1] <= len(text)
        assert section.marker_span[0] >= section.span[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policy_text)
def test_output_is_deterministic_and_valid_json(text: str) -> None:
    first = json.dumps(to_record(zhengce.parse(text)), ensure_ascii=False, sort_keys=True)
    second = json.dumps(to_record(zhengce.parse(text)), ensure_ascii=False, sort_keys=True)
    assert first == second
    validator().validate(json.loads(first))


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_unicode_text(text: str) -> None:
    doc = zhengce.parse(text)
    validator().validate(json.loads(doc.model_dump_json()))


# The pieces of deadline expressions, with every kind of space the pattern's \s takes.
DEADLINE_PIECES = [
    *"年月日到至截止直于在用今本明后底末前内之以度起开始期间规划“”\"「」-－—–~～〜0129２０一二两三五十",
    " ", "\n", "\u3000", "\xa0", "\x85", "\u2028", "\x1c", "十四五", "十三五", "六五", "十六五",
    "2025", "２０２５", "年底前", "至今", "上半年", "12月", "三年内", "截至", "截止到", "直至",
    "今年", "本年度", "明年底", "用三年", "2021—2025年", "“十四五”期间", "截至2025年底",
    "截止到 2025 年", "直至2030年前", "于2024年6月底前", "在2025年", "到２０２５年", "用3-5年时间",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(DEADLINE_PIECES), st.text(max_size=3)), max_size=30))
def test_deadline_scan_finds_what_a_full_scan_finds(pieces: list[str]) -> None:
    from zhengce.targets import deadlines

    text = "".join(pieces)
    full = [(m.span(), m.group()) for m in deadlines._pattern().finditer(text)]
    assert [(m.span(), m.group()) for m in deadlines._matches(text)] == full


@cache
def occurs_cases() -> tuple[list[Any], list[str]]:
    from zhengce.targets import reading
    from zhengce.targets.lexicon import lexicon

    lex = lexicon()
    patterns = [lex.norm, lex.grant, lex.modal, lex.past, lex.classifying, lex.aspirational]
    patterns += [reading._PERFECTIVE, reading._RECURRING]
    names = ("norms", "grant", "modal", "past", "meta_nouns", "classifying", "aspirational")
    words = sorted({w for name in names for w in lex.words[name]})
    # words whose match depends on what follows them: 已…的 (an attribute), 了解
    context = [f"{w}发展的" for w in sorted(lex.words["past"])[:5]] + ["了解", "为了"]
    return patterns, [*words, *context, "了", "解", "的", "每年", "，", "。", "为", "发展"]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_occurs_agrees_with_a_search_of_the_window(data: st.DataObject) -> None:
    """The reader's cached word lookups give what a search of the window itself gives."""
    from zhengce.targets.reading import _Occurs

    patterns, words = occurs_cases()
    text = "".join(data.draw(st.lists(st.sampled_from(words), max_size=12)))
    occurs = _Occurs(text)
    for _ in range(8):
        start, end, limit = sorted(
            data.draw(st.lists(st.integers(0, len(text)), min_size=3, max_size=3))
        )
        for pattern in patterns:
            expected = pattern.search(text, start, end) is not None
            assert occurs(pattern, start, end, limit) == expected, (pattern.pattern[:40], start, end)


def test_the_reader_spaces_are_the_spaces_its_patterns_match() -> None:
    import re

    from zhengce._re import SPACES as _SPACES
    from zhengce.targets.lexicon import _WHITE_SPACE

    space = re.compile(f"[{_WHITE_SPACE}]")
    assert _SPACES == {chr(c) for c in range(0x110000) if space.match(chr(c))}


@cache
def end_cases() -> tuple[list[Any], list[str]]:
    from zhengce.targets import reading
    from zhengce.targets.lexicon import lexicon

    lex = lexicon()
    words = {*lex.pre_comparators, *lex.words["verbs"], *lex.words["growth"]}
    words |= {*lex.words["reduction"], "分别", "等", "比2020年", "较“十三五”末", "水平", "相比"}
    patterns = [pattern for pattern, _ in reading._end_chars().values()]
    return patterns, [*sorted(words), "了", "的", " ", "\u3000", "\n", "年", "五", "”", "指标"]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_end_search_gated_by_last_character_finds_what_the_search_finds(
    data: st.DataObject,
) -> None:
    from zhengce.targets import reading
    from zhengce.targets.lexicon import lexicon

    lex = lexicon()
    gated = [
        lex.pre_comparator_at_end, lex.verb_at_end, lex.growth_at_end, lex.reduction_at_end,
        reading._BASELINE_END, reading._RESPECTIVELY_END, reading._SUMMARY_END,
        reading._TRAILING_BRACKET,
    ]  # fmt: skip
    ids, words = end_cases()
    assert {id(p) for p in ids} == {id(p) for p in gated}  # every gated pattern is tested
    # the endings of each pattern drawn as often as all the words together
    endings = ["比2020年", "较“十三五”末", "水平", "相比", "的", "了", "分别", "等", " ", "\n"]
    endings += ["（FP16）", "(x)", "）", ")", "（"]
    pieces = st.one_of(st.sampled_from(words), st.sampled_from(endings))
    text = "".join(data.draw(st.lists(pieces, max_size=10)))
    start = data.draw(st.integers(0, len(text)))
    for end in range(start, len(text) + 1):
        for window in (True, False):
            lo = max(start, end - reading._WINDOW) if window else start
            for pattern in gated:
                plain = pattern.search(text, lo, end)
                found = reading._at_end(pattern, text, start, end, window=window)
                assert (found and found.span()) == (plain and plain.span()), pattern.pattern[:40]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"、，,。；;：:和及与或并等年以每的 \n\u3000", "以及", "每年", "指标", "发展"]), max_size=14).map("".join))
def test_connector_end_gated_by_last_character_finds_what_the_search_finds(text: str) -> None:
    from zhengce.targets import reading

    for s in range(len(text) + 1):
        for e in range(s, len(text) + 1):
            plain = reading._CONNECTOR_END.search(text, s, e)
            found = reading._connector_end(text, s, e)
            assert (found and found.span()) == (plain and plain.span())
