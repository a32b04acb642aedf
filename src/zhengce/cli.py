"""The ``zhengce`` command: thin over the library; exit codes are decided only in main().

Exit status: 0 every input parsed, 1 some input failed (after the rest were
processed), 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .errors import ZhengceError
from .render import dumps
from .source import DEFAULT_MAX_BYTES

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhengce",
        description="Parse Chinese government policy documents into structured data.",
    )
    parser.add_argument("--version", action="version", version=f"zhengce {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    p = commands.add_parser(
        "parse",
        help="parse documents and print JSON, JSON Lines or an outline",
        description="Parse policy documents. One input prints JSON; several print JSON Lines, "
        "one record per input in input order. '-' reads standard input.",
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="PATH",
        help="files or directories (walked recursively) to parse; '-' reads stdin",
    )
    p.add_argument(
        "--format",
        choices=("json", "jsonl", "outline", "csv", "parquet"),
        default=None,
        help="json (default for one file), jsonl (default otherwise), outline (readable tree), "
        "csv or parquet (a table: see --table)",
    )
    p.add_argument(
        "--table",
        choices=("documents", "sections", "targets"),
        default="documents",
        help="with --format csv/parquet: one row per document (default), section or target",
    )
    p.add_argument(
        "-o", "--output", metavar="OUT", help="write here (atomically: OUT.part until done)"
    )
    p.add_argument(
        "--include-text", action="store_true", help="add the decoded text (spans refer to it)"
    )
    p.add_argument(
        "--glob",
        metavar="PATTERN",
        help="file names to take from directories (default: the formats zhengce reads, *.txt)",
    )
    p.add_argument(
        "--from-list", metavar="FILE", help="read file names, one a line, from FILE ('-': stdin)"
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: the number of cores; 1 parses in this process)",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="with -o (jsonl, csv or parquet): keep the records OUT (or OUT.part) already "
        "has, skip their inputs, parse the rest",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse files larger than N bytes (default {DEFAULT_MAX_BYTES}; 0: no limit)",
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar and no summary on stderr"
    )
    p.set_defaults(handler=_cmd_parse)

    s = commands.add_parser("schema", help="print the JSON Schema of the output")
    s.set_defaults(handler=_cmd_schema)

    e = commands.add_parser(
        "eval",
        help="score the parser against gold annotations",
        description="Parse every NAME.txt that has a NAME.gold.json in DIR and score the parse "
        "against the gold (matching rules: zhengce.evaluate and the README).",
    )
    e.add_argument("directory", metavar="DIR", help="directory of NAME.txt + NAME.gold.json")
    e.add_argument("--show", type=int, default=0, metavar="N", help="list N misses of each kind")
    e.add_argument("--json", action="store_true", help="print the full score object as JSON")
    e.add_argument("--markdown", action="store_true", help="print the README's score table")
    e.add_argument(
        "--write-scores", metavar="FILE", help="store the key metrics (refuses to lower any)"
    )
    e.add_argument("--force", action="store_true", help="with --write-scores: allow lowering")
    e.set_defaults(handler=_cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.handler(args))
    except ZhengceError as exc:  # e.g. an unwritable output file
        print(f"zhengce: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import document_schema

    sys.stdout.write(json.dumps(document_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from . import evaluate

    report = evaluate.evaluate_dir(args.directory)
    if not report.documents:
        print(f"zhengce: no NAME.txt with a NAME.gold.json in {args.directory}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        sys.stdout.write(dumps(report.to_json(), indent=2) + "\n")
    elif args.markdown:
        sys.stdout.write(evaluate.format_markdown(report))
    else:
        sys.stdout.write(evaluate.format_report(report, show=args.show))
    if args.write_scores:
        current = report.key_metrics()
        drops = evaluate.compare_scores(current, evaluate.read_scores(args.write_scores))
        for key, old, new in drops:
            print(f"zhengce: {key} would fall from {old:.6f} to {new}", file=sys.stderr)
        if drops and not args.force:
            print(f"zhengce: {args.write_scores} left unchanged (--force lowers)", file=sys.stderr)
            return EXIT_FAILED
        evaluate.write_scores(args.write_scores, current)
    return EXIT_FAILED if any(d.error for d in report.documents) else EXIT_OK


def _cmd_parse(args: argparse.Namespace) -> int:
    from . import batch

    inputs: list[str] = args.inputs
    if not inputs and not args.from_list:
        print("zhengce parse: give a PATH, '-' or --from-list FILE", file=sys.stderr)
        return EXIT_USAGE
    single = len(inputs) == 1 and not args.from_list and not os.path.isdir(inputs[0])
    fmt = args.format or ("json" if single else "jsonl")
    output = args.output if args.output and args.output != "-" else None
    if output and any(_same_file(output, name) for name in inputs if name != "-"):
        print(f"zhengce: refusing to write output over input {output}", file=sys.stderr)
        return EXIT_USAGE
    if fmt == "parquet" and output is None:
        print("zhengce parse: --format parquet needs -o FILE", file=sys.stderr)
        return EXIT_USAGE
    if args.resume and (output is None or fmt not in batch.RESUMABLE):
        print("zhengce parse: --resume needs -o FILE and jsonl, csv or parquet", file=sys.stderr)
        return EXIT_USAGE

    def names() -> Iterator[str]:
        yield from batch.iter_inputs(inputs, glob=args.glob)
        if args.from_list:
            yield from batch.read_list(args.from_list)

    sink = batch.PartialOutput(output, binary=fmt == "parquet") if output else None
    resumed = batch.Resumed()
    if sink is not None and args.resume:
        try:
            resumed = batch.read_resumable(sink.resume_source(), fmt=fmt, table=args.table)
        except (ValueError, RuntimeError) as exc:
            print(f"zhengce: cannot resume from {sink.resume_source()}: {exc}", file=sys.stderr)
            return EXIT_USAGE
    skip = set(resumed.done)
    if output:
        skip |= {output, output + ".part", output + ".part" + batch.InputLog.SUFFIX}

    def todo() -> Iterator[str]:
        return (name for name in names() if name not in skip)

    show = not args.quiet and sys.stderr.isatty()
    total = sum(1 for _ in todo()) if show and args.from_list != "-" else None
    progress = batch.Progress(total, enabled=show)
    render = functools.partial(
        batch.render, fmt=fmt, table=args.table, include_text=args.include_text
    )
    stream: Any = (
        sink.open(resumed, keep_earlier=fmt == "parquet") if sink is not None else sys.stdout
    )
    parquet = None
    if fmt == "parquet" and sink is not None:
        try:  # a resumed run first copies the rows of the inputs already done
            parquet = batch.ParquetSink(
                stream,
                table=args.table,
                earlier=sink.earlier,
                keep=resumed.done if args.table != "documents" else None,
            )
        except BaseException as exc:
            sink.restore()  # the earlier OUT.part stays as it was
            if isinstance(exc, (ValueError, RuntimeError)):  # no pyarrow, another table
                print(f"zhengce: {exc}", file=sys.stderr)
                return EXIT_USAGE
            raise
        sink.drop_earlier()
    if fmt == "csv" and not resumed.keep:
        stream.write(batch.csv_header(args.table))
    # A table of sections or targets has no row for some inputs: a log says which are done.
    log = (
        batch.InputLog(sink.part, resumed if args.resume else None)
        if sink is not None and fmt in ("csv", "parquet") and args.table != "documents"
        else None
    )
    failed = 0
    try:
        for outcome in batch.outcomes(
            todo(), jobs=args.jobs, max_bytes=args.max_bytes or None, render=render
        ):
            if outcome.error is not None:
                failed += 1
                progress.clear()
                message = str(outcome.error)
                if not message.startswith(f"{outcome.name}:"):  # errors name their file already
                    message = f"{outcome.name}: {message}"
                print(f"zhengce: {message}", file=sys.stderr)
            if parquet is not None:
                parquet.write(outcome.payload)
            else:
                stream.write(outcome.payload)
            if log is not None:
                end = 0  # a Parquet input is done once its rows are handed to the writer
                if parquet is None:
                    stream.flush()
                    end = stream.buffer.tell()
                log.record(outcome.name, end, error=outcome.error is not None)
            progress.update(failed=outcome.error is not None)
        if parquet is not None:
            parquet.close()
    except BaseException as exc:
        progress.clear()
        if sink is None:
            raise
        keep = fmt in batch.RESUMABLE
        if parquet is not None:
            with contextlib.suppress(Exception):  # its footer makes OUT.part readable
                parquet.close()
        sink.abandon(keep=keep)
        if log is not None:
            log.close(keep=keep)
        if isinstance(exc, KeyboardInterrupt):
            kept = f"; complete records kept in {sink.part} (--resume goes on)" if keep else ""
            print(f"zhengce: interrupted after {progress.count} inputs{kept}", file=sys.stderr)
            return EXIT_INTERRUPTED
        if keep:
            print(
                f"zhengce: complete records kept in {sink.part} (--resume goes on)", file=sys.stderr
            )
        raise
    if sink is not None:
        sink.finish()
        if log is not None:
            log.close(keep=False)
    else:
        stream.flush()
    progress.clear()
    batch_run = progress.count + len(resumed.done) != 1
    if not args.quiet and (output is not None or (sys.stderr.isatty() and batch_run)):
        resumed_note = f", {len(resumed.done)} kept from before" if args.resume else ""
        print(
            f"zhengce: {progress.count - failed} parsed, {failed} failed{resumed_note} "
            f"in {progress.elapsed():.2f} s",
            file=sys.stderr,
        )
    return EXIT_FAILED if failed or resumed.failed else EXIT_OK


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False
