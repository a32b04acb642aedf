"""The ``zhengce`` command: thin over the library; exit codes are decided only in main().

Exit status: 0 every input parsed, 1 some input failed (after the rest were
processed), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from . import __version__
from .errors import ZhengceError
from .models import Document, Source
from .pipeline import parse, parse_file
from .render import dumps, error_record, outline, to_record
from .source import decode

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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
    p.add_argument("inputs", nargs="+", metavar="FILE", help="text files to parse ('-' for stdin)")
    p.add_argument(
        "--format",
        choices=("json", "jsonl", "outline"),
        default=None,
        help="json (default for one input), jsonl (default for several), outline (readable tree)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    p.add_argument(
        "--include-text", action="store_true", help="add the decoded text (spans refer to it)"
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
    inputs: list[str] = args.inputs
    fmt = args.format or ("json" if len(inputs) == 1 else "jsonl")
    if args.output and any(_same_file(args.output, name) for name in inputs if name != "-"):
        print(f"zhengce: refusing to write output over input {args.output}", file=sys.stderr)
        return EXIT_USAGE
    failed = 0
    with _output(args.output) as out:
        for name, result in _parse_all(inputs):
            if isinstance(result, BaseException):
                failed += 1
                print(f"zhengce: {name}: {result}", file=sys.stderr)
                record = error_record(name, result)
                if fmt == "outline":
                    out.write(f"# {name}\n! error {record['error']['type']}: {result}\n\n")
                else:
                    out.write(dumps(record, indent=2 if fmt == "json" else None) + "\n")
                continue
            if fmt == "outline":
                out.write(outline(result) + "\n")
            else:
                record = to_record(result, include_text=args.include_text)
                out.write(dumps(record, indent=2 if fmt == "json" else None) + "\n")
    return EXIT_FAILED if failed else EXIT_OK


def _parse_all(inputs: Sequence[str]) -> Iterator[tuple[str, Document | BaseException]]:
    for name in inputs:
        try:
            if name == "-":
                decoded = decode(sys.stdin.buffer.read(), name="<stdin>")
                yield name, parse(decoded.text, source=Source(path="-", encoding=decoded.encoding))
            else:
                yield name, parse_file(name)
        except ZhengceError as exc:
            yield name, exc
        except Exception as exc:  # a parser bug must not lose the other inputs
            yield name, exc


class _output:
    """stdout, or a file written atomically (a temporary file renamed at the end)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.tmp: str | None = None
        self.stream: IO[str] = sys.stdout

    def __enter__(self) -> IO[str]:
        if self.path and self.path != "-":
            target = Path(self.path)
            fd, self.tmp = tempfile.mkstemp(
                dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}."
            )
            self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        return self.stream

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self.tmp is None:
            self.stream.flush()
            return
        self.stream.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)  # type: ignore[arg-type]
        else:
            os.unlink(self.tmp)


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False
