#!/usr/bin/env python3
"""Run clipdown over many WARC archives (or JSONL shards) on a Dask cluster.

Each input file is one task: a worker runs one clipdown process over it (`clipdown WARC
--jsonl`, or `clipdown --jsonl < SHARD.jsonl`), which streams the file's pages through and
writes JSON Lines ({url, title, author, date, ..., markdown, warc_record_id}); the worker
writes them to OUT/<input name>.jsonl through a temporary file and a rename. A task is
idempotent: when a worker dies mid-task, Dask runs the task again on another worker and the
shard is written whole, once. Inputs whose shard already exists are skipped, so a rerun
after an interruption only does what is left.

  # one machine, 4 worker processes
  python3 clipdown_dask.py --local 4 --out shards/ crawl/*.warc.gz
  # a cluster: `dask scheduler` on one node, `dask worker tcp://HOST:8786` on each node
  python3 clipdown_dask.py --scheduler tcp://HOST:8786 --out /shared/shards/ /shared/crawl/*.warc.gz

The inputs and OUT must be on storage every worker can read and write (NFS, a cluster file
system) and clipdown installed on every worker (or --clipdown PATH). Extra clipdown flags go
after `--`: `... --out shards/ crawl/*.warc.gz -- --favor recall --links text`.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Retries of a task whose worker died (Dask's default is 3: it then reports the task failed).
ALLOWED_FAILURES = 5


def shard_name(path):
    """OUT/<name>.jsonl for an input: its file name without .gz/.warc/.jsonl."""
    name = Path(path).name
    for suffix in (".gz", ".warc", ".jsonl"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name + ".jsonl"


def convert_shard(path, out_dir, clipdown, flags):
    """One task: the whole input through one clipdown process, its JSON Lines written atomically.

    Returns (input, records written, what clipdown said on stderr)."""
    target = Path(out_dir) / shard_name(path)
    if target.exists():
        with open(target, "rb") as f:
            return path, sum(1 for _ in f), "exists"
    is_jsonl = path.endswith(".jsonl") or path.endswith(".jsonl.gz")
    cmd = [clipdown, "--jsonl", "--quiet", *flags] + ([] if is_jsonl else [path])
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=out_dir)
    try:
        with os.fdopen(fd, "wb") as out:
            if is_jsonl:
                with open(path, "rb") as records:
                    proc = subprocess.run(cmd, stdin=records, stdout=out, stderr=subprocess.PIPE,
                                          check=False)
            else:
                proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=out,
                                      stderr=subprocess.PIPE, check=False)
            out.flush()
            os.fsync(out.fileno())
        # 0: all converted; 3: some pages without article text (their records are written)
        if proc.returncode not in (0, 3):
            raise RuntimeError(f"clipdown exited {proc.returncode} on {path}: "
                               f"{proc.stderr.decode(errors='replace')[-2000:]}")
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    with open(target, "rb") as f:
        count = sum(1 for _ in f)
    return path, count, proc.stderr.decode(errors="replace")


def run(client, inputs, out_dir, clipdown, flags):
    """Submits one task per input and waits; returns [(input, records, stderr)] in input order."""
    os.makedirs(out_dir, exist_ok=True)
    futures = client.map(convert_shard, inputs, out_dir=str(out_dir), clipdown=clipdown,
                         flags=list(flags), pure=False, retries=2)
    return client.gather(futures)


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    flags = []
    if "--" in argv:
        flags = argv[argv.index("--") + 1:]
        argv = argv[: argv.index("--")]
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="address of a running scheduler (tcp://HOST:8786)")
    where.add_argument("--local", type=int, metavar="N",
                       help="start a cluster of N worker processes on this machine")
    parser.add_argument("--out", required=True, help="folder of the output shards")
    parser.add_argument("--clipdown", default="clipdown", help="the clipdown executable")
    parser.add_argument("inputs", nargs="+", help="WARC archives or JSONL shards")
    args = parser.parse_args(argv)

    import dask  # noqa: PLC0415 (imported here: --help works without Dask)
    from dask.distributed import Client, LocalCluster  # noqa: PLC0415

    dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES})
    cluster = None
    if args.local:
        cluster = LocalCluster(n_workers=args.local, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(args.scheduler)
    try:
        results = run(client, args.inputs, args.out, args.clipdown, flags)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    total = 0
    for path, count, stderr in results:
        total += count
        for line in stderr.splitlines():
            if line and line != "exists":
                print(line, file=sys.stderr)
    print(f"clipdown_dask: {total} records in {len(results)} shards under {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
