"""The segmenter's cache of jieba's prefix dictionary: the same dictionary, loaded faster."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from _corpus import CORPUS
from zhengce import segmenter


def _fresh(cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, dict[str, str]]:
    """A new tokenizer given its prefix dictionary by the segmenter (cache under ``cache``)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    jieba = segmenter._import_jieba()
    tokenizer = jieba.Tokenizer()
    tags = segmenter._prefix_dictionary(jieba, tokenizer)
    return tokenizer, tags


def test_cached_prefix_dictionary_is_the_one_jieba_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jieba = segmenter._import_jieba()
    jieba.setLogLevel(logging.WARNING)
    own = jieba.Tokenizer()
    own.initialize()
    built, built_tags = _fresh(tmp_path, monkeypatch)  # jieba initialises, the cache is written
    [cache] = (tmp_path / "zhengce").iterdir()
    loaded, loaded_tags = _fresh(tmp_path, monkeypatch)  # read from the cache
    assert loaded.initialized
    assert loaded.FREQ == built.FREQ == own.FREQ
    assert loaded.total == built.total == own.total
    assert loaded_tags == built_tags
    assert loaded_tags["逐步"] == "d" and loaded_tags["在"] == "p"
    # the same words, cut the same way, on real text
    text = (CORPUS / "nantong-2012-26.txt").read_text("utf-8")
    for line in text.splitlines()[:80]:
        assert list(loaded.cut(line, HMM=False)) == list(own.cut(line, HMM=False))
    assert cache.name.startswith(f"jieba-{jieba.__version__}-")


DAMAGES = [
    pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
    pytest.param(lambda data: b"not a cache" + data, id="foreign file"),
    pytest.param(lambda data: data.replace(b'"total"', b'"totals"', 1), id="bad header"),
    pytest.param(lambda data: data[:-7], id="tags cut short"),
]


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_cache_is_not_read(tmp_path: Path, damage: Any) -> None:
    cache = tmp_path / "jieba.dict"
    freq = {"科技": 30, "科": 0, "服务业": 12, "服务": 40, "在": 900}
    segmenter._write_cache(cache, freq, 982, {"在": "p", "逐步": "d"})
    assert segmenter._read_cache(cache) == (freq, 982, {"在": "p", "逐步": "d"})
    cache.write_bytes(damage(cache.read_bytes()))
    assert segmenter._read_cache(cache) is None


def test_a_damaged_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "zhengce"
    directory.mkdir()
    jieba = segmenter._import_jieba()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = segmenter._cache_file(jieba)
    cache.write_bytes(b"zhengce jieba prefix dictionary 1\n{}\n")
    tokenizer, tags = _fresh(tmp_path, monkeypatch)
    assert tokenizer.initialized and tags["在"] == "p"
    rebuilt = segmenter._read_cache(cache)
    assert rebuilt is not None and rebuilt[0] == tokenizer.FREQ


def test_an_unwritable_cache_directory_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache directory would be")
    tokenizer, tags = _fresh(blocked, monkeypatch)
    assert tokenizer.initialized and tags
