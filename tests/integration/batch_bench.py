#!/usr/bin/env python3
"""Batch acceptance tests over the 181 benchmark pages (skipped without ../shared/bench).

  --check jobs    `-o DIR --jobs 2` writes exactly the same files, byte for byte, as `--jobs 1`.
  --check rerun   a second run without --force changes nothing (same bytes, inodes and mtimes),
                  exits 0 and says so on stderr; with --force every file is rewritten (by a
                  rename: a new inode) to the same bytes.
  --check kill    SIGKILL or SIGTERM midway through a larger batch (the pages x5, via @list)
                  leaves no partial .md file: every .md present equals the one a full run wrote.
"""
import re
import shutil
import signal
import subprocess
import time

import common

# What the rerun's stderr must mention: that existing files were kept or skipped.
SAID_SKIPPED = re.compile(r"skip|exist|kept|unchanged|up to date", re.IGNORECASE)
# Copies of the benchmark in the kill test's input list, and when each signal is sent (s).
KILL_COPIES = 5
KILL_PLAN = [(signal.SIGKILL, 0.2), (signal.SIGTERM, 0.2), (signal.SIGKILL, 1.0),
             (signal.SIGTERM, 1.0)]


def contents(folder):
    """{relative path: bytes} of every file under folder."""
    return {rel: data for rel, (data, _ino, _mtime) in common.tree_snapshot(folder).items()}


def compare_trees(a, b, what):
    """fail() for every file that is only in one tree or differs; returns the number compared."""
    ta, tb = contents(a), contents(b)
    for rel in sorted(set(ta) - set(tb)):
        common.fail(f"{what}: {rel} only in {a.name}")
    for rel in sorted(set(tb) - set(ta)):
        common.fail(f"{what}: {rel} only in {b.name}")
    for rel in sorted(set(ta) & set(tb)):
        common.check(ta[rel] == tb[rel], f"{what}: {rel} differs")
    return len(ta)


def check_only_md(folder, what):
    """fail() for files other than .md (leftover temp files) in a finished batch's folder."""
    others = [str(p.relative_to(folder)) for p in folder.rglob("*")
              if p.is_file() and p.suffix != ".md"]
    common.check(not others, f"{what}: files other than .md left behind: {others[:10]}")


def check_jobs(args, pages):
    one, two = args.work / "jobs1", args.work / "jobs2"
    t0 = time.monotonic()
    common.run_clipdown(args.binary, [*pages, "-o", one, "--jobs", "1"], timeout=900)
    t1 = time.monotonic()
    common.run_clipdown(args.binary, [*pages, "-o", two, "--jobs", "2"], timeout=900)
    t2 = time.monotonic()
    print(f"--jobs 1: {t1 - t0:.1f} s, --jobs 2: {t2 - t1:.1f} s")
    n = compare_trees(one, two, "--jobs 2 vs --jobs 1")
    common.check(n == len(pages), f"{len(pages)} pages gave {n} files")
    check_only_md(one, "--jobs 1")
    check_only_md(two, "--jobs 2")


def check_rerun(args, pages):
    out = args.work / "out"
    common.run_clipdown(args.binary, [*pages, "-o", out, "--jobs", "2"], timeout=900)
    before = common.tree_snapshot(out)
    common.check(len(before) == len(pages), f"{len(pages)} pages gave {len(before)} files")
    time.sleep(0.05)  # so that a rewrite could not keep the same mtime
    proc = common.run_clipdown(args.binary, [*pages, "-o", out, "--jobs", "2"], timeout=900)
    after = common.tree_snapshot(out)
    common.check(set(after) == set(before),
                 f"the rerun changed the file set: +{sorted(set(after) - set(before))[:5]} "
                 f"-{sorted(set(before) - set(after))[:5]}")
    for rel in sorted(set(after) & set(before)):
        data0, ino0, mtime0 = before[rel]
        data1, ino1, mtime1 = after[rel]
        common.check(data0 == data1, f"rerun without --force: {rel} changed content")
        common.check((ino0, mtime0) == (ino1, mtime1),
                     f"rerun without --force: {rel} was rewritten (inode/mtime changed)")
    tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
    print(f"rerun stderr (last lines):\n{tail}")
    common.check(SAID_SKIPPED.search(proc.stderr) and str(len(pages)) in proc.stderr,
                 f"the rerun's stderr does not say that the {len(pages)} existing files were "
                 f"kept: {tail!r}")

    proc = common.run_clipdown(args.binary, [*pages, "-o", out, "--jobs", "2", "--force"],
                               timeout=900)
    forced = common.tree_snapshot(out)
    common.check(set(forced) == set(before), "--force changed the file set")
    rewritten = sum(1 for rel in set(forced) & set(before) if forced[rel][1] != before[rel][1])
    same = sum(1 for rel in set(forced) & set(before) if forced[rel][0] == before[rel][0])
    common.check(same == len(before), f"--force: {len(before) - same} files got other bytes")
    common.check(rewritten == len(before),
                 f"--force rewrote {rewritten} of {len(before)} files by rename (new inode)")
    check_only_md(out, "rerun")


def check_kill(args, pages):
    # KILL_COPIES copies of the pages in separate folders, all named in one @list.
    inputs = []
    for k in range(KILL_COPIES):
        folder = args.work / "in" / f"copy{k}"
        folder.mkdir(parents=True)
        for page in pages:
            shutil.copyfile(page, folder / page.name)
            inputs.append(folder / page.name)
    listing = args.work / "list.txt"
    listing.write_text("".join(f"{p}\n" for p in inputs), encoding="utf-8")

    full = args.work / "full"
    t0 = time.monotonic()
    common.run_clipdown(args.binary, [f"@{listing}", "-o", full, "--jobs", "2"], timeout=900)
    print(f"full run of {len(inputs)} inputs: {time.monotonic() - t0:.1f} s")
    reference = contents(full)
    common.check(len(reference) == len(inputs),
                 f"{len(inputs)} inputs gave {len(reference)} files in the full run")

    for sig, delay in KILL_PLAN:
        what = f"{sig.name} after {delay} s"
        out = args.work / f"killed-{sig.name}-{delay}"
        proc = subprocess.Popen([args.binary, f"@{listing}", "-o", str(out), "--jobs", "2"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=120)
        if proc.returncode == 0:
            common.fail(f"{what}: the batch had already finished; the test needs a larger input")
            continue
        found = common.tree_snapshot(out) if out.exists() else {}
        md = {rel: data for rel, (data, _i, _m) in found.items() if rel.endswith(".md")}
        others = sorted(rel for rel in found if not rel.endswith(".md"))
        for rel, data in sorted(md.items()):
            if rel not in reference:
                common.fail(f"{what}: {rel} is not a file of the full run")
            elif data != reference[rel]:
                common.fail(f"{what}: {rel} is partial or different "
                            f"({len(data)} bytes, full run: {len(reference[rel])})")
        print(f"{what}: exit {proc.returncode}, {len(md)} complete .md files, "
              f"{len(others)} other files {others[:3]}; stderr: {err.decode()[-200:]!r}")
        if sig == signal.SIGTERM and others:
            print(f"note: {what}: temp files left behind: {others[:5]}")


def main():
    args = common.parse_args(__doc__, lambda p: p.add_argument(
        "--check", required=True, choices=["jobs", "rerun", "kill"]))
    pages = common.bench_pages(args.bench)
    {"jobs": check_jobs, "rerun": check_rerun, "kill": check_kill}[args.check](args, pages)
    common.finish(f"batch {args.check}")


if __name__ == "__main__":
    main()
