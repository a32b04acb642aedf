"""发文字号, 标题, 文种, 主送机关, 成文日期, 发文机关, 抄送/印发."""

from __future__ import annotations

from .models import Diagnostic, Header
from .source import Line


def parse_header(text: str, lines: list[Line]) -> tuple[Header, list[Diagnostic]]:
    return Header(), []
