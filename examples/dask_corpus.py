"""Parse a corpus too large for one machine on a Dask cluster, writing JSON Lines part files.

Why Dask bag: zhengce is pure Python over a list of file paths, one independent
task per document, and a bag is exactly a partitioned list of Python objects.
Dask installs from PyPI with pip alone (no JVM as for Spark, no Ray runtime),
runs the same code on a laptop (``LocalCluster``) and on a cluster
(``dask-scheduler`` plus ``dask-worker`` on each machine, or dask-jobqueue on
a batch system), and ``to_textfiles`` has each worker write its own part of
the output straight to shared storage, so nothing funnels through the client.

Recipe::

    pip install 'zhengce[dist]'                      # on the client and every worker
    # one machine, all its cores:
    python examples/dask_corpus.py corpus/ out/
    # a cluster: start `dask scheduler` on one host and `dask worker tcp://HOST:8786`
    # on the others, with the corpus and out/ on storage they all see:
    python examples/dask_corpus.py /shared/corpus /shared/out --scheduler tcp://HOST:8786

The output is ``out/part-00000.jsonl`` … in input order (sorted paths): the
part files concatenated are what ``zhengce parse -o all.jsonl corpus/`` writes,
one record per input, an error record in place of each input that could not be
parsed. Tables then come from those records, or per partition with
``zhengce.to_dataframe`` (``bag.map_partitions(zhengce.parse_many, jobs=1)``
yields Documents and ``zhengce.ParseError`` records).

Each task uses only functions importable from ``zhengce`` (``parse_many`` and
``batch.render``), so workers need zhengce installed but not this file.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from zhengce import batch, parse_many


def corpus_paths(root: str | Path, *, glob: str | None = None) -> list[str]:
    """The files ``zhengce parse`` would take from ``root``, in the same (sorted) order."""
    return list(batch.iter_inputs([str(root)], glob=glob))


def parse_bag(paths: Sequence[str], *, npartitions: int) -> Any:
    """A bag of JSON Lines records (without the newline), one per path, in path order."""
    import dask.bag as db

    return (
        db.from_sequence(paths, npartitions=npartitions)
        .map_partitions(parse_many, jobs=1)  # one process per worker task: Dask is the pool
        .map(batch.render, fmt="jsonl")
        .map(str.rstrip)
    )


def run(
    paths: Sequence[str],
    out_dir: str | Path,
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
    npartitions: int | None = None,
) -> list[str]:
    """Parse ``paths`` on a cluster and write ``out_dir/part-NNNNN.jsonl``; return the part files.

    ``scheduler`` is the address of a running Dask scheduler; without it a
    ``LocalCluster`` of ``n_workers`` single-threaded processes (default: the
    machine's cores) is started and closed.
    """
    from distributed import Client, LocalCluster

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=n_workers or os.cpu_count() or 1,
            threads_per_worker=1,  # the parser holds the GIL: processes, not threads
            processes=True,
            dashboard_address=None,
        )
    client = Client(scheduler if scheduler is not None else cluster)
    try:
        workers = len(client.scheduler_info()["workers"]) or 1
        parts = npartitions or max(1, min(len(paths), workers * 4))
        bag = parse_bag(paths, npartitions=parts)
        written: list[str] = bag.to_textfiles(
            str(out / "part-*.jsonl"),
            name_function=lambda i: f"{i:05d}",
            last_endline=True,
            encoding="utf-8",
        )
        return sorted(written)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="directory of documents (walked recursively)")
    parser.add_argument("out", help="directory for part-NNNNN.jsonl")
    parser.add_argument("--glob", help="file names to take (default: the formats zhengce reads)")
    parser.add_argument("--scheduler", help="address of a Dask scheduler (default: local)")
    parser.add_argument("--workers", type=int, help="local cluster size (default: cores)")
    args = parser.parse_args(argv)
    paths = corpus_paths(args.corpus, glob=args.glob)
    files = run(paths, args.out, scheduler=args.scheduler, n_workers=args.workers)
    failed = 0
    for file in files:
        with open(file, encoding="utf-8") as lines:
            failed += sum("error" in json.loads(line) for line in lines)
    print(f"{len(paths)} inputs, {failed} failed, {len(files)} part files in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
