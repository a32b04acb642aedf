"""The public surface: ``__all__`` pinned, frozen models, numbers that stay numbers in JSON."""

from __future__ import annotations

import json
from decimal import Decimal

import pydantic
import pytest

import zhengce
from _corpus import parsed
from zhengce.render import to_record

PUBLIC = [
    "SCHEMA_VERSION",
    "Attachment",
    "Diagnostic",
    "DocNumber",
    "Document",
    "EmbeddedDocument",
    "Header",
    "ParseError",
    "Period",
    "Section",
    "Source",
    "Target",
    "ZhengceError",
    "extract_targets",
    "parse",
    "parse_file",
    "parse_many",
    "to_dataframe",
]


def test_all_is_pinned() -> None:
    assert zhengce.__all__ == PUBLIC
    for name in PUBLIC:
        assert hasattr(zhengce, name), name


def test_version_is_a_string() -> None:
    assert isinstance(zhengce.__version__, str) and zhengce.__version__.count(".") == 2


@pytest.mark.parametrize(
    ("get", "field", "value"),
    [
        pytest.param(lambda d: d, "sections", [], id="Document.sections"),
        pytest.param(lambda d: d.header, "date", None, id="Header.date"),
        pytest.param(lambda d: d.header.doc_number, "serial", 27, id="DocNumber.serial"),
        pytest.param(lambda d: d.sections[0], "heading", "总体", id="Section.heading"),
        pytest.param(lambda d: d.source, "path", "x", id="Source.path"),
    ],
)
def test_models_are_frozen(get, field: str, value: object) -> None:  # type: ignore[no-untyped-def]
    obj = get(parsed("nantong-2012-26"))
    with pytest.raises(pydantic.ValidationError):
        setattr(obj, field, value)


def test_extra_fields_are_refused() -> None:
    with pytest.raises(pydantic.ValidationError):
        zhengce.Source(path="a.txt", colour="red")  # type: ignore[call-arg]


def test_json_numbers_stay_numbers() -> None:
    doc = parsed("nantong-2012-26")
    record = json.loads(json.dumps(to_record(doc), ensure_ascii=False))
    number = record["header"]["doc_number"]
    assert number["year"] == 2012 and number["serial"] == 26
    assert isinstance(number["year"], int)
    assert record["sections"][0]["level"] == 1
    assert record["header"]["date"] == "2012-03-19"
    assert all(isinstance(x, int) for x in number["span"])
    for target in record["targets"]:
        assert isinstance(target["value"], (int, float)) and not isinstance(target["value"], bool)


def test_exact_decimals_print_as_plain_numbers() -> None:
    # src: corpus/nantong-2012-26.txt "科技服务业总收入超过150亿元", "3.2个百分点" style values
    from zhengce.models import Number

    class Holder(pydantic.BaseModel):
        value: Number

    assert json.loads(Holder(value=Decimal("15000000000")).model_dump_json()) == {"value": 15000000000}
    assert json.loads(Holder(value=Decimal("3.2")).model_dump_json()) == {"value": 3.2}
    assert Holder(value=Decimal("13.5")).value == Decimal("13.5")


def test_schema_version_is_reported() -> None:
    assert parsed("001").schema_version == zhengce.SCHEMA_VERSION
