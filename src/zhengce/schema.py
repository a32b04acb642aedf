"""The JSON Schema of zhengce's output, generated from the models."""

from __future__ import annotations

from typing import Any

from .models import Document


def document_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one parsed document as ``zhengce parse`` prints it."""
    schema = Document.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
