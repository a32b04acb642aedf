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
