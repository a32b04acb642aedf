"""Fuzz parse_file/parse with generated and mutated inputs: each must end as a Document or a
ZhengceError. Any other exception is a failure: printed, and the input saved under /tmp.

    .venv/bin/python benchmarks/fuzz.py [-n 100000] [--seed 0] [--jobs 2]

Inputs are mutations (truncation, byte flips, inserted and deleted bytes, splices of two
inputs, re-encoding, repeated chunks, XML edits inside a .docx) of corpus texts and of the
HTML/DOCX/PDF fixtures, and texts generated from pieces of policy language. tests/test_fuzz.py
runs a few hundred in CI.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import random
import sys
import tempfile
import time
import traceback
import zipfile
from multiprocessing import Pool
from pathlib import Path

import zhengce
from zhengce.errors import ZhengceError
from zhengce.formats import ZIP_ERRORS
from zhengce.source import extract

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAVE = Path(tempfile.gettempdir()) / "zhengce-fuzz"

PIECES = [
    "国发〔2019〕5号", "一、", "（一）", "(二)", "1.", "2、", "（1）", "①", "第一条", "第二章",
    "到2025年", "十四五", "达到", "以上", "12%", "百分之十二", "150亿元", "。", "；", "：",
    "\n", "　", "〔", "〕", "、", "第", "年", "<p>", "<br>", "</div>", "<script>", "&nbsp;",
    "&#x4e00;", "\x00", "\ufeff", "\ud7ff", "𠀀",
]  # fmt: skip


def seeds() -> list[tuple[str, bytes]]:
    out = []
    for path in sorted((ROOT / "corpus").glob("*.txt"))[:40]:
        out.append((".txt", path.read_bytes()))
    for path in sorted(FIXTURES.glob("*.*")):
        if path.suffix in (".html", ".docx", ".pdf"):
            out.append((path.suffix, path.read_bytes()))
    return out


def mutate(rng: random.Random, pool: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    kind = rng.random()
    if kind < 0.15:  # generated text
        text = "".join(
            rng.choice(PIECES) if rng.random() < 0.7 else chr(rng.randrange(0x20, 0x10000))
            for _ in range(rng.randrange(0, 200))
        )
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        encoding = rng.choice(["utf-8", "gb18030", "utf-16", "big5", "utf-8-sig"])
        return ".txt", text.encode(encoding, "ignore")
    weights = [1 if s == ".pdf" else 4 if s in (".docx", ".html") else 2 for s, _ in pool]
    suffix, data = rng.choices(pool, weights)[0]
    if suffix == ".txt" and len(data) > 3000:  # a window keeps each parse quick
        start = rng.randrange(0, len(data) - 3000)
        data = data[start : start + rng.randrange(1, 3000)]
    if suffix == ".docx" and rng.random() < 0.5:
        return suffix, _mutate_docx(rng, data)
    for _ in range(rng.randrange(1, 4)):
        data = _mutate_bytes(rng, data, pool)
    return rng.choice([suffix, suffix, ".txt", ""]), data


def _mutate_bytes(rng: random.Random, data: bytes, pool: list[tuple[str, bytes]]) -> bytes:
    op = rng.randrange(8)
    n = len(data)
    if n == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 50)))
    if op == 0:  # truncate
        return data[: rng.randrange(0, n)]
    if op == 1:  # flip bytes
        buf = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            buf[rng.randrange(n)] = rng.randrange(256)
        return bytes(buf)
    if op == 2:  # insert random bytes
        at = rng.randrange(n)
        return data[:at] + os.urandom(rng.randrange(1, 30)) + data[at:]
    if op == 3:  # delete a range
        at = rng.randrange(n)
        return data[:at] + data[at + rng.randrange(1, 200) :]
    if op == 4:  # splice with another input
        other = rng.choice(pool)[1]
        return data[: rng.randrange(n)] + other[rng.randrange(len(other)) :]
    if op == 5:  # re-encode text
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return data[::-1][:n]
        return text.encode(rng.choice(["gb18030", "utf-16", "big5", "utf-16-le"]), "ignore")
    if op == 6:  # repeat a chunk
        at = rng.randrange(n)
        chunk = data[at : at + rng.randrange(1, 20)]
        return data[:at] + chunk * rng.randrange(2, 500) + data[at:]
    return data[: rng.randrange(n)] + bytes([0]) + data[rng.randrange(n) :]


def _mutate_docx(rng: random.Random, data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
    except ZIP_ERRORS:  # a seed that is itself a broken archive: mutate its bytes instead
        return data[: rng.randrange(len(data) + 1)]
    target = rng.choice(["word/document.xml", "word/numbering.xml", "word/styles.xml"])
    if target in parts:
        xml = parts[target]
        op = rng.randrange(4)
        if op == 0:
            at = rng.randrange(len(xml))
            xml = xml[:at] + xml[at + rng.randrange(1, 100) :]
        elif op == 1:
            xml = xml.replace(
                b'w:val="',
                rng.choice([b'w:val="9', b'w:val="-', b'w:val="x']),
                rng.randrange(1, 50),
            )
        elif op == 2:
            xml = xml.replace(
                b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * rng.randrange(1, 300), 1
            )
        else:
            xml = xml.replace(b"%1", rng.choice([b"%9", b"%%", b"%1%2%3%4%5%6%7%8%9", b""]))
        parts[target] = xml
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def check(index: int, suffix: str, data: bytes) -> str | None:
    """Run one input; ``None`` when it ended as a Document or a ZhengceError."""
    try:
        if index % 50 == 0:  # through parse_file, from disk
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"input{suffix}"
                path.write_bytes(data)
                zhengce.parse_file(path)
        else:
            zhengce.parse(extract(data, name=f"input{suffix}", suffix=suffix).text)
    except ZhengceError:
        return None
    except Exception:
        SAVE.mkdir(exist_ok=True)
        saved = SAVE / f"failure-{index}{suffix or '.bin'}"
        saved.write_bytes(data)
        return f"input {index} saved as {saved}:\n{traceback.format_exc()}"
    return None


def _work(args: tuple[int, int, int]) -> tuple[int, list[str], dict[str, int]]:
    seed, start, count = args
    logging.disable(logging.CRITICAL)  # pdfminer warns on every damaged file
    pool = seeds()
    failures, outcomes = [], {"inputs": 0}
    for index in range(start, start + count):
        rng = random.Random(seed * 1_000_003 + index)
        suffix, data = mutate(rng, pool)
        result = check(index, suffix, data)
        outcomes["inputs"] += 1
        if result is not None:
            failures.append(result)
    return count, failures, outcomes


def run(n: int, *, seed: int = 0, jobs: int = 1) -> list[str]:
    """Fuzz ``n`` inputs; return the failures (empty when all ended properly)."""
    chunk = 500
    tasks = [(seed, start, min(chunk, n - start)) for start in range(0, n, chunk)]
    failures: list[str] = []
    done = 0
    began = time.perf_counter()
    if jobs <= 1:
        results = map(_work, tasks)
    else:
        results = Pool(jobs).imap_unordered(_work, tasks)
    for count, failed, _outcomes in results:
        done += count
        failures.extend(failed)
        for failure in failed:
            print(failure, file=sys.stderr, flush=True)
        if n > chunk:
            seconds = time.perf_counter() - began
            print(f"{done}/{n} inputs, {len(failures)} failures, {seconds:.0f} s", flush=True)
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    failures = run(args.n, seed=args.seed, jobs=args.jobs)
    print(f"{args.n} inputs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
