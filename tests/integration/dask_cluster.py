#!/usr/bin/env python3
"""The Dask recipe (src/contrib/dask/clipdown_dask.py) on a LocalCluster of worker processes.

WARC shards are crawled by wget from a local server (the golden samples, each under many
addresses so that a shard takes a while). Checked:
- every shard's JSON Lines equal a direct `clipdown SHARD --jsonl`, record for record, and
  every record arrives exactly once (record ids unique, counts equal);
- with a worker killed (SIGKILL) while it converts a shard, Dask runs the task again and the
  output is the same: no record lost, none doubled;
- a rerun skips the shards already written.
"""
import http.server
import importlib.util
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import common
import warc_archives

SHARDS = 6
COPIES = 40  # addresses per sample page in each shard


def load_recipe(source):
    spec = importlib.util.spec_from_file_location(
        "clipdown_dask", Path(source) / "src" / "contrib" / "dask" / "clipdown_dask.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def crawl_shards(wget, samples, work):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             warc_archives.handler_for(samples))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pages = sorted(p.name for p in samples.glob("*.html"))
    shards = []
    for shard in range(SHARDS):
        urls = [f"/{name}?shard={shard}&copy={copy}" for copy in range(COPIES) for name in pages]
        shards.append(str(warc_archives.crawl(wget, port, urls, work / f"shard-{shard}", True,
                                              work)))
    server.shutdown()
    return shards


def read_shards(out):
    return {p.name: p.read_text().splitlines() for p in sorted(Path(out).glob("*.jsonl"))}


def compare(recipe, got, expected, what):
    common.check(sorted(got) == sorted(expected), f"{what}: shards {sorted(got)}")
    ids = []
    for name, lines in expected.items():
        common.check(got.get(name) == lines, f"{what}: {name} differs from a direct run")
        ids += [json.loads(line)["warc_record_id"] for line in got.get(name, [])]
    total = sum(len(lines) for lines in expected.values())
    common.check(len(ids) == total and len(set(ids)) == total,
                 f"{what}: {len(ids)} records ({len(set(ids))} distinct), {total} expected")


def main():
    args = common.parse_args(__doc__)
    try:
        from dask.distributed import Client, LocalCluster  # noqa: PLC0415
    except ImportError:
        common.missing_tool(f"Dask distributed not importable by {sys.executable} "
                            "(apt install python3-distributed)")
    wget = common.find_tool("wget", "apt install wget")
    recipe = load_recipe(args.source)
    work = args.work
    shards = crawl_shards(wget, args.source / "samples", work)

    expected = {}
    for shard in shards:
        proc = common.run_clipdown(args.binary, [shard, "--jsonl", "--quiet"])
        expected[recipe.shard_name(shard)] = proc.stdout.splitlines()
    print(f"{len(shards)} shards, {sum(len(v) for v in expected.values())} pages", flush=True)

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    try:
        # 1. a plain run
        out = work / "out-plain"
        recipe.run(client, shards, out, args.binary, ["--quiet"])
        compare(recipe, read_shards(out), expected, "plain run")

        # 2. a worker killed while it converts a shard
        out = work / "out-killed"
        os.makedirs(out, exist_ok=True)
        futures = client.map(recipe.convert_shard, shards, out_dir=str(out),
                             clipdown=args.binary, flags=["--quiet"], pure=False, retries=2)
        pids = client.run(os.getpid)
        killed = None
        deadline = time.monotonic() + 60
        while killed is None and time.monotonic() < deadline:
            busy = [addr for addr, keys in client.processing().items() if keys]
            if busy and any(not f.done() for f in futures):
                time.sleep(0.2)  # into the task's clipdown run
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed = busy[0]
            time.sleep(0.05)
        common.check(killed is not None, "no worker was busy to be killed")
        client.gather(futures)
        print(f"killed worker {killed} mid-run", flush=True)
        compare(recipe, read_shards(out), expected, "run with a killed worker")

        # 3. a rerun skips what is written
        results = recipe.run(client, shards, out, args.binary, ["--quiet"])
        common.check(all(stderr == "exists" for _p, _n, stderr in results),
                     "a rerun converted shards again")
    finally:
        client.close()
        cluster.close()
    common.finish("Dask cluster recipe")


if __name__ == "__main__":
    main()
