#!/usr/bin/env python3
"""--jsonl acceptance test: `parallel --pipe -N 20 clipdown --jsonl` gives the same records as a
direct `clipdown --jsonl` run (skipped without ../shared/bench).

The input has one {"url": <ground-truth url>, "html": <page>} record per benchmark page, then one
{"path": <sample>} record per golden sample (read with --jsonl-paths <samples folder>, without
which path records are refused). Each output record must carry the keys url, title,
author, date, source, markdown and error, in input order; no page may fail.
"""
import json
from pathlib import Path

import common

RECORD_KEYS = {"url", "title", "author", "date", "source", "type", "markdown", "error"}


def read_records(text, what):
    """The JSON objects of a JSON Lines text (dies when a line is not one)."""
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            common.fail(f"{what}: line {number} is blank")
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as e:
            common.die(f"{what}: line {number} is not JSON ({e}): {line[:200]!r}")
    return records


def main():
    args = common.parse_args(__doc__)
    parallel = common.find_tool("parallel", "apt-get install parallel")
    version = common.run([parallel, "--version"], timeout=60).stdout
    if "GNU parallel" not in version:
        common.missing_tool(f"{parallel} is not GNU parallel (apt-get install parallel)")
    pages = common.bench_pages(args.bench)
    truth = common.ground_truth(args.bench)
    samples = common.sample_inputs(args.source)

    records = [{"url": truth[common.page_id(p)]["url"], "html": common.read_page_text(p)}
               for p in pages]
    records += [{"path": str(p)} for p in samples]
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    (args.work / "in.jsonl").write_text(jsonl, encoding="utf-8")
    print(f"{len(records)} input records, {len(jsonl.encode()) / 1e6:.1f} MB")

    jsonl_args = ["--jsonl", "--jsonl-paths", str(Path(args.source) / "samples")]
    direct = common.run_clipdown(args.binary, jsonl_args, stdin=jsonl, timeout=600)
    # --block: a record (one whole page) may be larger than parallel's default 1 MB block.
    piped = common.run([parallel, "--will-cite", "--pipe", "-N", "20", "--block", "32M",
                        "--keep-order", "--halt", "now,fail=1", args.binary, *jsonl_args],
                       stdin=jsonl, timeout=600)
    if piped.returncode != 0:
        common.die(f"parallel --pipe exited {piped.returncode}: {piped.stderr[-2000:]}")
    (args.work / "direct.jsonl").write_text(direct.stdout, encoding="utf-8")
    (args.work / "parallel.jsonl").write_text(piped.stdout, encoding="utf-8")

    got_direct = read_records(direct.stdout, "direct")
    got_piped = read_records(piped.stdout, "parallel")
    common.check(len(got_direct) == len(records),
                 f"direct: {len(records)} records in, {len(got_direct)} out")
    common.check(len(got_piped) == len(records),
                 f"parallel: {len(records)} records in, {len(got_piped)} out")
    for number, (a, b) in enumerate(zip(got_direct, got_piped), 1):
        if a != b:
            keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            common.fail(f"record {number} differs between direct and parallel runs: {keys}")
    for number, (rec, src) in enumerate(zip(got_direct, records), 1):
        missing = RECORD_KEYS - set(rec)
        common.check(not missing, f"record {number} lacks {sorted(missing)}")
        common.check(not rec.get("error"), f"record {number} failed: {rec.get('error')!r}")
        common.check(rec.get("title"), f"record {number} has no title")
        common.check(rec.get("markdown"), f"record {number} has no markdown")
        if "url" in src:
            common.check(rec.get("url"), f"record {number}: no url, the input had one")
    common.finish("jsonl through parallel --pipe")


if __name__ == "__main__":
    main()
