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
from .source import DEFAULT_MAX_BYTES, load, split_lines


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
    """Read a .txt, .html, .docx or .pdf file (the format found by content) and parse its text.

    ``Document.text`` is the extracted text the spans refer to; ``source.format``
    and ``source.encoding`` say how it was read. Raises
    :class:`~zhengce.errors.ZhengceError` (naming the file, with a ``code``)
    when it cannot be read, is larger than ``max_bytes``, is damaged,
    encrypted or hostile, has no text, or cannot be decoded without loss.
    """
    extracted = load(path, max_bytes=max_bytes)
    return parse(
        extracted.text,
        source=Source(path=str(path), format=extracted.format, encoding=extracted.encoding),
    )
