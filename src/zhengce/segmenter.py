"""Word segmentation with offsets: the one module that imports jieba.

jieba is imported lazily, into a private :class:`jieba.Tokenizer` with the
domain dictionary ``data/segmenter.dict``, the first time :func:`words` is
called, so ``import zhengce`` and documents without a candidate quantity never
pay its start-up.

Words are cut by the dictionary alone (no HMM). Part-of-speech tags are those of
jieba's own dictionary, as ``jieba.posseg`` gives them without its HMM, but only
the two that callers ask about are kept: ``d`` (adverb) and ``p`` (preposition);
every other word is tagged ``x``. Loading ``jieba.posseg`` itself (its HMM
tables and the full tag table) would double the start-up for nothing.

>>> [w.word for w in words("培育科技服务业集聚区")][:2]
['培育', '科技']
>>> [(w.word, w.pos) for w in words("将逐步达到")]
[('将', 'd'), ('逐步', 'd'), ('达到', 'x')]
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import tempfile
from array import array
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

__all__ = ["Word", "is_loaded", "iter_words", "words"]

# The split jieba.posseg makes before cutting: runs of these are cut by the
# dictionary; anything else (punctuation, spaces, %, -) is one word per character.
_CUT_RUN = re.compile("[\u4e00-\u9fd5a-zA-Z0-9+#&._]+")
_TAGS_KEPT = ("d", "p")


class Word(NamedTuple):
    """One word of a segmented string: ``text[start:end] == word``."""

    word: str
    start: int
    end: int
    pos: str


_STATE: dict[str, Any] = {}


def is_loaded() -> bool:
    """Whether jieba has been imported by this module (for tests and benchmarks)."""
    return "tokenizer" in _STATE


def _tagged(dictionary: str, tags: tuple[str, ...]) -> dict[str, str]:
    """The words of a jieba dictionary (``word freq tag`` lines) whose tag is in ``tags``."""
    if not dictionary.endswith("\n"):
        dictionary += "\n"
    out: dict[str, str] = {}
    for tag in tags:
        needle = f" {tag}\n"
        i = dictionary.find(needle)
        while i >= 0:
            line_start = dictionary.rfind("\n", 0, i) + 1
            word = dictionary[line_start:i].split(" ")[0]
            out[word] = tag
            i = dictionary.find(needle, i + 1)
    return out


def _import_jieba() -> Any:
    """``import jieba``, without the ``pkg_resources`` it tries first.

    jieba reads its dictionary through ``pkg_resources`` when it can be imported,
    and opens the file beside its module otherwise; importing ``pkg_resources``
    (all of setuptools' vendored packages) takes longer than the rest of jieba's
    import. A ``None`` in ``sys.modules`` makes that import fail, for the time of
    jieba's own import only.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


# ---- jieba's prefix dictionary, cached in a form that loads quickly ---------------------
#
# jieba builds its prefix dictionary (every word of dict.txt with its frequency, and
# every prefix of a word with 0: half a million entries) once, and keeps it in a
# marshal file in the temporary directory; loading that takes about a second, the
# largest part of a run's start-up. The same dictionary, its total and the d/p tags
# are kept here as two flat arrays (the words joined by line breaks, the counts as
# 64-bit integers), which load several times faster and hold only data. The file is
# named by jieba's version and dictionary size, and rebuilt when it cannot be read.

_CACHE_MAGIC = b"zhengce jieba prefix dictionary 1\n"


def _cache_file(jieba: Any) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    dictionary = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    size = os.path.getsize(dictionary)
    return Path(base) / "zhengce" / f"jieba-{jieba.__version__}-{size}.dict"


def _read_cache(path: Path) -> tuple[dict[str, int], int, dict[str, str]] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_CACHE_MAGIC):
        return None
    try:
        head_end = data.index(b"\n", len(_CACHE_MAGIC)) + 1
        head = json.loads(data[len(_CACHE_MAGIC) : head_end])
        at = head_end
        counts = array("q")
        counts.frombytes(data[at : at + head["counts"]])
        at += head["counts"]
        joined = data[at : at + head["words"]].decode("utf-8")
        at += head["words"]
        tagged = data[at : at + head["tags"]].decode("utf-8").split("\n")
        total = int(head["total"])
        del data  # the peak of memory is the dictionary being built: free what is read
        words = joined.split("\n")
        del joined
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    if len(words) != len(counts) or len(tagged) % 2:
        return None
    tags = dict(zip(tagged[::2], tagged[1::2], strict=True))
    return dict(zip(words, counts, strict=True)), total, tags


def _write_cache(path: Path, freq: dict[str, int], total: int, tags: dict[str, str]) -> None:
    """Write the cache atomically; a directory that cannot be written is no error."""
    counts = array("q", freq.values()).tobytes()
    words = "\n".join(freq).encode("utf-8")
    tagged = "\n".join(x for pair in tags.items() for x in pair).encode("utf-8")
    head = {"total": total, "counts": len(counts), "words": len(words), "tags": len(tagged)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(_CACHE_MAGIC + json.dumps(head).encode() + b"\n")
            out.write(counts + words + tagged)
        os.replace(temp, path)
    except OSError:
        return


def _prefix_dictionary(jieba: Any, tokenizer: Any) -> dict[str, str]:
    """Give ``tokenizer`` jieba's prefix dictionary; return the d/p tags of its words."""
    path = _cache_file(jieba)
    cached = _read_cache(path)
    if cached is not None:
        tokenizer.FREQ, tokenizer.total, tags = cached
        tokenizer.initialized = True
        return tags
    tokenizer.initialize()
    with tokenizer.get_dict_file() as f:
        tags = _tagged(f.read().decode("utf-8").replace("\r\n", "\n"), _TAGS_KEPT)
    _write_cache(path, tokenizer.FREQ, tokenizer.total, tags)
    return tags


@cache
def _tokenizer() -> tuple[Any, dict[str, str]]:
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tags = _prefix_dictionary(jieba, tokenizer)
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
        if tag is not None:  # a domain word's own tag overrides jieba's
            if tag in _TAGS_KEPT:
                tags[parts[0]] = tag
            else:
                tags.pop(parts[0], None)
    _STATE["tokenizer"] = tokenizer
    return tokenizer, tags


def words(text: str) -> list[Word]:
    """Segment ``text`` into words with offsets (tags: ``d``, ``p`` or ``x``)."""
    return list(iter_words(text))


def iter_words(text: str) -> Iterator[Word]:
    """The words of ``text`` one by one, for a caller that may stop at the first it needs."""
    tokenizer, tags = _tokenizer()
    start = 0
    for run in _CUT_RUN.finditer(text):
        for i in range(start, run.start()):  # the characters between runs
            yield Word(text[i], i, i + 1, "x")
        start = run.start()
        for word in tokenizer.cut(run.group(), HMM=False):
            end = start + len(word)
            yield Word(word, start, end, tags.get(word, "x"))
            start = end
    for i in range(start, len(text)):
        yield Word(text[i], i, i + 1, "x")
