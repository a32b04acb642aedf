"""parse() and parse_file(): the one place the stages are chained.

    bytes ──source──▶ text ──header──▶ Header
                         └──sections──▶ Section tree ──targets──▶ Target records
"""

from __future__ import annotations

from pathlib import Path

from . import header as header_stage
from . import sections as sections_stage
from . import targets as targets_stage
from .models import Document, Source
from .source import DEFAULT_MAX_BYTES, read_text, split_lines


def parse(text: str, *, source: Source | None = None) -> Document:
    """Parse the text of one policy document.

    Never raises on odd structure: what looked wrong is in ``diagnostics``.
    """
    lines = split_lines(text)
    header, header_diagnostics = header_stage.parse_header(text, lines)
    sections, section_diagnostics = sections_stage.parse_sections(text, lines, header=header)
    targets, target_diagnostics = targets_stage.find_targets(
        text, sections=sections, date=header.date
    )
    if source is None:
        source = Source()
    return Document(
        source=source.model_copy(update={"chars": len(text)}),
        header=header,
        sections=sections,
        targets=targets,
        diagnostics=[*header_diagnostics, *section_diagnostics, *target_diagnostics],
        text=text,
    )


def parse_file(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode and parse a file.

    Raises :class:`~zhengce.errors.ZhengceError` (naming the file) when it cannot
    be read, is larger than ``max_bytes``, or cannot be decoded without loss.
    """
    decoded = read_text(path, max_bytes=max_bytes)
    return parse(decoded.text, source=Source(path=str(path), encoding=decoded.encoding))
