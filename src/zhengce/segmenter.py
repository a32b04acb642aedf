"""Word segmentation with offsets: the one module that imports jieba.

jieba is imported lazily, into a private :class:`jieba.Tokenizer` with the
domain dictionary ``data/segmenter.dict``, the first time :func:`words` is
called, so ``import zhengce`` and documents without a candidate quantity never
pay its start-up.

>>> [w.word for w in words("培育科技服务业集聚区")][:2]
['培育', '科技']
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Word", "is_loaded", "words"]


@dataclass(frozen=True)
class Word:
    """One word of a segmented string: ``text[start:end] == word``."""

    word: str
    start: int
    end: int
    pos: str


_STATE: dict[str, Any] = {}


def is_loaded() -> bool:
    """Whether jieba has been imported by this module (for tests and benchmarks)."""
    return "tagger" in _STATE


@cache
def _tagger() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    dictionary = resources.files("zhengce") / "data" / "segmenter.dict"
    entries = [
        line
        for line in dictionary.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for line in entries:
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 else None
        tag = parts[2] if len(parts) > 2 else None
        tokenizer.add_word(parts[0], freq, tag)
    tagger = jieba.posseg.POSTokenizer(tokenizer)
    _STATE["tagger"] = tagger
    return tagger


def words(text: str) -> list[Word]:
    """Segment ``text`` into words with part-of-speech tags and offsets."""
    out: list[Word] = []
    start = 0
    for pair in _tagger().cut(text, HMM=False):
        end = start + len(pair.word)
        out.append(Word(pair.word, start, end, pair.flag))
        start = end
    return out
