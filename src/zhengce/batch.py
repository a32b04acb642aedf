"""Parsing many documents: inputs, a process pool in input order, resumable output, progress.

``parse_many`` is the library's batch entry point; ``zhengce parse`` drives the
same machinery with a renderer that runs in the workers, so only finished
records travel back to the parent. Results come back in input order from a
bounded window of work in flight, so memory stays flat however many inputs
there are.

>>> import zhengce
>>> [type(item).__name__ for item in zhengce.parse_many(["corpus/001.txt", "no/such.txt"], jobs=1)]
['Document', 'ParseError']
"""

from __future__ import annotations

import fnmatch
import io
import itertools
import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO, TYPE_CHECKING, Any, TypeVar

from . import pipeline, source
from .errors import ZhengceError
from .models import Document, ParseError, Source
from .render import dumps, error_record, outline, to_record
from .source import DEFAULT_MAX_BYTES
from .tables import columns, csv_cell, rows

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

SUPPORTED_SUFFIXES: frozenset[str] = source.SUPPORTED_SUFFIXES
"""File name suffixes taken from a directory when no ``--glob`` is given
(the formats ``parse_file`` reads)."""

STDIN = "-"
CHUNK_SECONDS = 0.1
"""Parsing time sent to a worker at a time. Handing out a chunk and collecting its
results costs the parent about a millisecond, so a tenth of a second of work per
chunk keeps the parent's share small however many workers there are, while the
last chunks of a run still end close together. An input's time is learned from
the chunks done; until the first comes back, inputs go out one at a time."""
MAX_CHUNK = 256
"""Inputs in a chunk at most."""
WINDOW_PER_JOB = 4
"""Chunks in flight per worker: bounds memory while keeping every worker busy."""

Item = Document | ParseError


# ---------------------------------------------------------------------------
# Inputs


def iter_inputs(inputs: Iterable[str], *, glob: str | None = None) -> Iterator[str]:
    """The files named by ``inputs``, in order; directories are walked recursively.

    A directory contributes its files matching ``glob`` (a file-name pattern such
    as ``*.txt``), or with a suffix in :data:`SUPPORTED_SUFFIXES` when ``glob`` is
    None, in sorted path order. Other names (files, ``-``, missing paths) pass
    through unchanged, so a missing file gets its error record in place.
    """
    for name in inputs:
        if name != STDIN and os.path.isdir(name):
            yield from _walk(name, glob)
        else:
            yield name


def _walk(directory: str, glob: str | None) -> Iterator[str]:
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for file in sorted(files):
            if glob is not None:
                if not fnmatch.fnmatchcase(file, glob):
                    continue
            elif os.path.splitext(file)[1].lower() not in SUPPORTED_SUFFIXES:
                continue
            yield os.path.join(root, file)


def read_list(path: str) -> Iterator[str]:
    """The file names in a list file, one a line (``-``: stdin); blank lines are skipped."""
    stream: IO[str]
    if path == STDIN:
        stream = sys.stdin
        yield from (line.strip() for line in stream if line.strip())
        return
    with open(path, encoding="utf-8") as stream:
        yield from (line.strip() for line in stream if line.strip())


# ---------------------------------------------------------------------------
# Parsing one input (runs in a worker)


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back for one input: its name, the error message if any, a payload."""

    name: str
    error: str | None
    payload: Any


def parse_one(name: str, data: bytes | None = None, *, max_bytes: int | None) -> Item:
    """Parse the file ``name`` (or ``data`` read from stdin), never raising."""
    try:
        if data is not None:
            extracted = source.extract(data, name="<stdin>")
            return pipeline.parse(
                extracted.text,
                source=Source(path=name, format=extracted.format, encoding=extracted.encoding),
            )
        return pipeline.parse_file(name, max_bytes=max_bytes)
    except Exception as exc:  # a parser bug must not lose the other inputs
        error = error_record(name, exc)["error"]
        return ParseError(path=name, type=error["type"], message=error["message"])


def _identity(item: Item) -> Item:
    return item


def _process(
    work: tuple[str, bytes | None], *, max_bytes: int | None, render: Callable[[Item], Any]
) -> Outcome:
    name, data = work
    item = parse_one(name, data, max_bytes=max_bytes)
    error = item.message if isinstance(item, ParseError) else None
    return Outcome(name, error, render(item))


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> tuple[list[R], float]:
    """``func`` over ``chunk`` in a worker, and the seconds it took."""
    start = time.perf_counter()
    results = [func(x) for x in chunk]
    return results, time.perf_counter() - start


class _Pace:
    """The chunk size that gives ``CHUNK_SECONDS`` of work, from the chunks done so far."""

    def __init__(self) -> None:
        self.items = 0
        self.seconds = 0.0

    def size(self) -> int:
        if self.items == 0:
            return 1
        if self.seconds <= 0:
            return MAX_CHUNK
        return max(1, min(MAX_CHUNK, int(CHUNK_SECONDS * self.items / self.seconds)))

    def take(self, future: Future[tuple[list[R], float]]) -> list[R]:
        results, seconds = _result(future)
        self.items += len(results)
        self.seconds += seconds
        return results


# ---------------------------------------------------------------------------
# Ordered, bounded parallel map


def imap_ordered(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    chunksize: int | None = None,
    window: int | None = None,
    before_pool: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``map(func, items)`` over a process pool, in input order, with bounded work in flight.

    ``func`` must be picklable (a module-level function or a ``partial`` of one).
    With ``jobs <= 1``, or fewer than two items, runs in this process; otherwise
    ``before_pool`` is called once before the workers start. Items go to the
    workers ``chunksize`` at a time, or by default in chunks of about
    ``CHUNK_SECONDS`` of work.
    """
    iterator = iter(items)
    head: list[T] = []
    for x in iterator:
        head.append(x)
        if len(head) >= 2:
            break
    if jobs <= 1 or len(head) < 2:
        yield from (func(x) for x in head)
        yield from (func(x) for x in iterator)
        return

    from concurrent.futures import ProcessPoolExecutor

    if before_pool is not None:
        before_pool()
    limit = window if window is not None else jobs * WINDOW_PER_JOB
    pending: deque[Future[tuple[list[R], float]]] = deque()
    pace = _Pace()
    size = (lambda: chunksize) if chunksize is not None else pace.size
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        for chunk in _chunked(_chain(head, iterator), size):
            pending.append(executor.submit(_run_chunk, func, chunk))
            if len(pending) >= limit:
                yield from pace.take(pending.popleft())
        while pending:
            yield from pace.take(pending.popleft())
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[tuple[list[R], float]]) -> tuple[list[R], float]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        raise ZhengceError(
            "a worker process died (killed, or out of memory); try fewer --jobs"
        ) from None


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops handing out work and shuts them down."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _chain(head: list[T], rest: Iterator[T]) -> Iterator[T]:
    yield from head
    yield from rest


def _chunked(items: Iterable[T], size: Callable[[], int]) -> Iterator[list[T]]:
    """Lists of ``size()`` items (asked anew for each list), the last one shorter."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size())):
        yield chunk


def _work_items(names: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
    """Pair each name with its bytes when it is ``-`` (stdin is read here, in the parent)."""
    stdin: bytes | None = None
    for name in names:
        if name == STDIN:
            if stdin is None:
                stdin = sys.stdin.buffer.read()
            yield name, stdin
        else:
            yield name, None


def _jobs(jobs: int | None) -> int:
    return max(1, jobs if jobs is not None else (os.cpu_count() or 1))


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Iterator[Document | ParseError]:
    """Parse many files, yielding a Document or a :class:`ParseError` per path, in input order.

    ``jobs`` worker processes (default: the machine's cores; ``1`` parses in this
    process). Work in flight is bounded, so a long iterable of paths is consumed
    lazily and memory stays flat. ``"-"`` reads standard input.
    """
    names = (os.fspath(p) for p in paths)
    for outcome in outcomes(names, jobs=jobs, max_bytes=max_bytes, render=_identity):
        yield outcome.payload


def outcomes(
    names: Iterable[str],
    *,
    jobs: int | None,
    max_bytes: int | None,
    render: Callable[[Item], Any],
) -> Iterator[Outcome]:
    """Parse ``names`` and ``render`` each result in the workers, yielding in input order."""
    func = partial(_process, max_bytes=max_bytes, render=render)
    return imap_ordered(func, _work_items(names), jobs=_jobs(jobs), before_pool=_warm_up)


def _warm_up() -> None:
    """Load jieba once in the parent when workers are forked, so they share it."""
    import multiprocessing

    if multiprocessing.get_start_method(allow_none=False) == "fork":
        from . import segmenter

        segmenter.words("")


# ---------------------------------------------------------------------------
# Rendering for the command line (runs in the workers)

RESUMABLE = frozenset({"jsonl", "csv", "parquet"})


def render(item: Item, *, fmt: str, table: str = "documents", include_text: bool = False) -> Any:
    """One input's output: text for json/jsonl/outline/csv, a list of rows for parquet."""
    if fmt == "parquet":
        return [{k: _arrow_value(v) for k, v in row.items()} for row in rows(item, table)]
    if fmt == "csv":
        buffer = io.StringIO()
        import csv  # here, not at import: `import zhengce` stays lean

        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerows([csv_cell(row[c]) for c in columns(table)] for row in rows(item, table))
        return buffer.getvalue()
    if isinstance(item, ParseError):
        if fmt == "outline":
            return f"# {item.path}\n! error {item.type}: {item.message}\n\n"
        record: dict[str, Any] = {
            "source": {"path": item.path},
            "error": {"type": item.type, "message": item.message},
        }
    elif fmt == "outline":
        return outline(item) + "\n"
    elif fmt == "jsonl" and not include_text:
        return item.model_dump_json() + "\n"  # serialised in pydantic's core: 3x json.dumps
    else:
        record = to_record(item, include_text=include_text)
    return dumps(record, indent=2 if fmt == "json" else None) + "\n"


def csv_header(table: str) -> str:
    """The byte-order mark (so Excel reads UTF-8) and the header row."""
    buffer = io.StringIO()
    import csv

    csv.writer(buffer, lineterminator="\r\n").writerow(columns(table))
    return "\ufeff" + buffer.getvalue()


def _arrow_value(value: Any) -> Any:
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value


# ---------------------------------------------------------------------------
# Resuming: the complete records already in an output file


@dataclass
class Resumed:
    """The complete records of an earlier run: where, how many bytes, their paths, their errors."""

    source: str | None = None
    keep: int = 0
    """Bytes at the start of ``source`` that hold complete records (and a CSV header)."""
    done: frozenset[str] = frozenset()
    failed: int = 0
    failed_paths: frozenset[str] = frozenset()


def read_resumable(path: str, *, fmt: str, table: str = "documents") -> Resumed:
    """Scan ``path`` for complete records, streaming; a half-written last record is dropped.

    A CSV of sections or targets has no row for a document without any, so its
    finished inputs are read from the input log written beside it (:class:`InputLog`).
    """
    if fmt not in RESUMABLE:
        raise ValueError(f"--resume reads jsonl, csv or parquet output, not {fmt}")
    if fmt == "parquet":
        return _scan_parquet(path, table)
    if fmt == "csv" and table != "documents":
        return InputLog.read(path)
    try:
        stream = open(path, "rb")
    except FileNotFoundError:
        return Resumed()
    with stream:
        keep, done, failed = _scan_jsonl(stream) if fmt == "jsonl" else _scan_csv(stream)
    return Resumed(path, keep, frozenset(done), failed)


def _scan_jsonl(stream: IO[bytes]) -> tuple[int, set[str], int]:
    keep, done, failed = 0, set(), 0
    for line in stream:
        if not line.endswith(b"\n"):
            break
        try:
            record = json.loads(line)
            path = record["source"]["path"]
        except (ValueError, KeyError, TypeError):
            break
        done.add(path)
        failed += "error" in record
        keep += len(line)
    return keep, done, failed


def _scan_parquet(path: str, table: str) -> Resumed:
    """The inputs of a Parquet table: its ``path`` column, or the input log of a table of
    sections or targets. Only a closed file (with its footer) can be read."""
    if not os.path.exists(path):
        return Resumed()
    pq = _parquet_module()
    import pyarrow as pa

    try:
        found = pq.ParquetFile(path)
        if table != "documents":
            logged = InputLog.read(path)
            return Resumed(path, 0, logged.done, logged.failed, logged.failed_paths)
        if found.schema_arrow.names != list(columns("documents")):
            raise ValueError("its columns are not those of --table documents")
        rows = found.read(columns=["path", "error"]).to_pylist()
    except (OSError, pa.ArrowException) as exc:
        raise ValueError(
            f"not a complete Parquet file ({exc}); a run that was killed, not interrupted, "
            "cannot close one: parse again without --resume"
        ) from None
    done = {row["path"] for row in rows}
    failed = frozenset(row["path"] for row in rows if row["error"])
    return Resumed(path, 0, frozenset(done), len(failed), failed)


def _parquet_module() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise RuntimeError(
            "--format parquet needs pyarrow: pip install 'zhengce[parquet]'"
        ) from None
    return pq


def _scan_csv(stream: IO[bytes]) -> tuple[int, set[str], int]:
    import csv

    header_line = stream.readline()
    if not header_line.endswith(b"\r\n"):
        return 0, set(), 0
    header = next(csv.reader([header_line.decode("utf-8-sig")]))
    if "error" not in header:
        raise ValueError("--resume reads CSV of --table documents (one row per input)")
    error_col = header.index("error")
    keep, done, failed = len(header_line), set(), 0
    record: list[bytes] = []
    quotes = 0
    for line in stream:  # a record spans lines where a quoted field holds a line break
        record.append(line)
        quotes += line.count(b'"')
        if quotes % 2 == 0 and line.endswith(b"\r\n"):
            data = b"".join(record)
            row = next(csv.reader([data.decode("utf-8")]))
            done.add(row[0])
            failed += bool(row[error_col])
            keep += len(data)
            record, quotes = [], 0
    return keep, done, failed


class InputLog:
    """Beside a table of sections or targets: the inputs whose rows are all written.

    One JSON line per input, ``{"path", "end", "error"}``, appended after the
    input's rows are flushed, ``end`` being the size of a CSV then (0 for Parquet).
    A crash between the two writes leaves rows with no line: ``--resume`` cuts a
    CSV back to the last ``end``, and copies from a Parquet file only the rows of
    logged inputs, then parses that input again. The log lives while ``OUT.part``
    is written and is removed with it when the run completes.
    """

    SUFFIX = ".inputs"

    def __init__(self, csv_path: str, resumed: Resumed | None = None) -> None:
        self.path = csv_path + self.SUFFIX
        self.stream = open(self.path, "w", encoding="utf-8", newline="\n")
        if resumed is not None:
            for name in sorted(resumed.done):  # their rows end at or before resumed.keep
                self._line(name, resumed.keep, error=name in resumed.failed_paths)
            self.stream.flush()

    @classmethod
    def read(cls, csv_path: str) -> Resumed:
        log = csv_path + cls.SUFFIX
        if not os.path.exists(csv_path):
            return Resumed()
        if not os.path.exists(log):
            raise ValueError(
                f"no {cls.SUFFIX} log beside it: a sections or targets table can be resumed "
                "only from the OUT.part of an interrupted run"
            )
        size = os.path.getsize(csv_path)
        keep, done, failed = 0, set(), set()
        with open(log, encoding="utf-8") as lines:
            for line in lines:
                try:
                    entry = json.loads(line)
                    name, end, error = entry["path"], int(entry["end"]), bool(entry["error"])
                except (ValueError, KeyError, TypeError):
                    break
                if not line.endswith("\n") or end > size:
                    break
                keep = max(keep, end)
                done.add(name)
                if error:
                    failed.add(name)
        return Resumed(csv_path, keep, frozenset(done), len(failed), frozenset(failed))

    def record(self, name: str, end: int, *, error: bool) -> None:
        self._line(name, end, error=error)
        self.stream.flush()

    def _line(self, name: str, end: int, *, error: bool) -> None:
        self.stream.write(json.dumps({"path": name, "end": end, "error": error}) + "\n")

    def close(self, *, keep: bool) -> None:
        self.stream.close()
        if not keep:
            os.unlink(self.path)


# ---------------------------------------------------------------------------
# Output: written to OUT.part, renamed to OUT when complete


class PartialOutput:
    """An output file written as ``OUT.part`` and renamed to ``OUT`` only when complete.

    When the run stops early the ``.part`` file keeps every complete record, so
    ``--resume`` can continue from it; a crash never leaves a half-written file
    under the name ``OUT``.
    """

    def __init__(self, path: str, *, binary: bool = False) -> None:
        self.path = path
        self.part = path + ".part"
        self.binary = binary

    def resume_source(self) -> str:
        """The file an interrupted run left: ``OUT.part`` if newer than ``OUT``."""
        if os.path.exists(self.part) and (
            not os.path.exists(self.path)
            or os.path.getmtime(self.part) >= os.path.getmtime(self.path)
        ):
            return self.part
        return self.path

    def open(self, resumed: Resumed | None = None, *, keep_earlier: bool = False) -> IO[Any]:
        """Start ``OUT.part`` with the complete records of an earlier run, if any.

        With ``keep_earlier`` the earlier file is not copied byte for byte (Parquet
        records are not a prefix of the file): it stays as ``self.earlier`` until
        :meth:`drop_earlier`, for the caller to copy its records.
        """
        old = None
        self.earlier: str | None = None
        if os.path.exists(self.part):  # it may be the file the records are copied from
            old = self.part + ".old"
            os.replace(self.part, old)
        self._old = old
        raw = open(self.part, "wb")  # closed in finish() or abandon()
        if resumed is not None and resumed.source is not None:
            source = old if resumed.source == self.part else resumed.source
            if keep_earlier:
                self.earlier = source
            elif resumed.keep:
                with open(source, "rb") as earlier:  # type: ignore[arg-type]
                    _copy(earlier, raw, resumed.keep)
        raw.flush()
        if not keep_earlier:
            self.drop_earlier()
        if self.binary:
            self.stream: IO[Any] = raw
        else:
            self.stream = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=False)
        return self.stream

    def restore(self) -> None:
        """Give up the new ``OUT.part`` and put back the earlier one, if any."""
        self.stream.close()
        os.unlink(self.part)
        if self._old is not None:
            os.replace(self._old, self.part)
            self._old = None

    def drop_earlier(self) -> None:
        """Remove the earlier ``OUT.part`` once its records are in the new one."""
        if self._old is not None:
            os.unlink(self._old)
            self._old = None
        self.earlier = None

    def finish(self) -> None:
        self.stream.close()
        os.replace(self.part, self.path)

    def abandon(self, *, keep: bool) -> None:
        try:
            self.stream.close()
        finally:
            if not keep:
                os.unlink(self.part)


def _copy(src: IO[bytes], dst: IO[bytes], size: int, *, block: int = 1 << 20) -> None:
    while size > 0:
        data = src.read(min(block, size))
        if not data:
            raise OSError("the file to resume from shrank while it was copied")
        dst.write(data)
        size -= len(data)


# ---------------------------------------------------------------------------
# Progress on a terminal


class Progress:
    """``count/total  docs/s  ETA  failed`` redrawn on stderr at most ten times a second."""

    def __init__(self, total: int | None, *, enabled: bool, stream: IO[str] | None = None) -> None:
        self.total = total
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.perf_counter()
        self.count = 0
        self.failed = 0
        self._drawn = 0.0

    def update(self, *, failed: bool) -> None:
        self.count += 1
        self.failed += failed
        if self.enabled:
            now = time.perf_counter()
            if now - self._drawn >= 0.1 or self.count == self.total:
                self._drawn = now
                self.stream.write("\r\x1b[K" + self.line(now))
                self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = (now if now is not None else time.perf_counter()) - self.start
        rate = self.count / elapsed if elapsed > 0 else 0.0
        parts = [f"{self.count}" + (f"/{self.total}" if self.total is not None else "")]
        if self.total:
            parts.append(f"{100 * self.count // self.total:3d}%")
        parts.append(f"{rate:.1f} docs/s")
        if self.total is not None and rate > 0:
            parts.append(f"ETA {_clock((self.total - self.count) / rate)}")
        parts.append(f"failed {self.failed}")
        return "  ".join(parts)

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def elapsed(self) -> float:
        return time.perf_counter() - self.start


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


# ---------------------------------------------------------------------------
# Parquet, written in row groups


class ParquetSink:
    """Rows buffered and written as Parquet row groups (``pip install zhengce[parquet]``)."""

    def __init__(
        self,
        stream: IO[bytes],
        *,
        table: str,
        batch_rows: int = 10_000,
        earlier: str | None = None,
        keep: frozenset[str] | None = None,
    ) -> None:
        """Write a ``table`` to ``stream``, first the rows of the Parquet file ``earlier``
        (those of the inputs in ``keep`` when given: a resumed run's finished inputs)."""
        pq = _parquet_module()
        import pyarrow as pa
        import pyarrow.compute as pc

        from .tables import BOOL_COLUMNS, DATE_COLUMNS, INT_COLUMNS, NUMBER_COLUMNS

        def kind(name: str) -> Any:
            if name in INT_COLUMNS:
                return pa.int64()
            if name in DATE_COLUMNS:
                return pa.date32()
            if name in NUMBER_COLUMNS:
                return pa.float64()
            if name in BOOL_COLUMNS:
                return pa.bool_()
            return pa.string()

        self._pa = pa
        self.schema = pa.schema([(name, kind(name)) for name in columns(table)])
        self.writer = pq.ParquetWriter(stream, self.schema)
        self.batch_rows = batch_rows
        self.buffer: list[dict[str, Any]] = []
        self.closed = False
        if earlier is not None:
            found = pq.ParquetFile(earlier)
            if found.schema_arrow.names != self.schema.names:
                raise ValueError(f"{earlier} holds another table: its columns differ")
            kept = pa.array(sorted(keep), pa.string()) if keep is not None else None
            for i in range(found.num_row_groups):  # one row group at a time: memory stays flat
                group = found.read_row_group(i).cast(self.schema)
                if kept is not None:
                    group = group.filter(pc.is_in(group["path"], value_set=kept))
                if group.num_rows:
                    self.writer.write_table(group)

    def write(self, new_rows: list[dict[str, Any]]) -> None:
        self.buffer.extend(new_rows)
        if len(self.buffer) >= self.batch_rows:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            batch = self._pa.Table.from_pylist(self.buffer, schema=self.schema)
            self.writer.write_table(batch)
            self.buffer = []

    def close(self) -> None:
        """Write what is buffered and the footer: the file is complete and readable."""
        if self.closed:
            return
        self.closed = True
        try:
            self.flush()
        finally:
            self.writer.close()
