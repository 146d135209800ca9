#!/usr/bin/env python3
"""Batch input and reporting acceptance test, on the golden samples.

- A directory argument is walked recursively and gives the same files as naming every page;
  --include / --exclude globs select among the files found; @list.txt (one path per line)
  gives the same files too.
- A missing input among good ones: the others are still converted, the failure is named on
  stderr as `PATH: reason`, and the exit status is not 0.
- When stderr is not a terminal: no progress line (no carriage return), a summary at the end;
  with --quiet nothing at all on a successful run. On a terminal (a pty): a progress line.
"""
import os
import pty
import select
import shutil
import subprocess

import common


def tree(folder):
    """{name: bytes} of the .md files directly or deeply under folder."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in common.md_files(folder)}


def run_on_pty(cmd, timeout=300):
    """(exit status, what the command wrote to stderr) with stderr on a pseudo-terminal."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(c) for c in cmd], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        ready, _w, _x = select.select([master], [], [], timeout)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=timeout), b"".join(chunks).decode("utf-8", "replace")


def main():
    args = common.parse_args(__doc__)
    samples = common.sample_inputs(args.source)
    n = len(samples)
    # The pages in a tree: html at the top, text scrapes one level down, gzip two levels down.
    root = args.work / "in"
    for page in samples:
        sub = {".txt": "text", ".gz": "text/gz"}.get(page.suffix, "")
        (root / sub).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, root / sub / page.name)
    pages = sorted(p for p in root.rglob("*") if p.is_file())

    ref = args.work / "named"
    proc = common.run_clipdown(args.binary, [*pages, "-o", ref])
    want = tree(ref)
    common.check(len(want) == n, f"{n} named pages gave {len(want)} files")
    common.check("\r" not in proc.stderr,
                 "a progress line (carriage return) on stderr, which is not a terminal")
    last = proc.stderr.strip().splitlines()[-1:] or [""]
    common.check(str(n) in last[0] and "convert" in last[0].lower(),
                 f"no summary line naming {n} converted pages at the end of stderr: {last[0]!r}")

    walked = args.work / "walked"
    common.run_clipdown(args.binary, [root, "-o", walked])
    common.check(tree(walked) == want, "a directory argument gave other files than naming the "
                 f"pages: {sorted(set(tree(walked)) ^ set(want))}")

    listing = args.work / "list.txt"
    listing.write_text("".join(f"{p}\n" for p in pages), encoding="utf-8")
    listed = args.work / "listed"
    common.run_clipdown(args.binary, [f"@{listing}", "-o", listed])
    common.check(tree(listed) == want, "@list gave other files than naming the pages")

    html_only = args.work / "include"
    common.run_clipdown(args.binary, [root, "--include", "*.html", "-o", html_only])
    n_html = sum(1 for p in pages if p.name.endswith(".html"))
    common.check(len(tree(html_only)) == n_html,
                 f"--include '*.html' gave {len(tree(html_only))} files, expected {n_html}")
    no_text = args.work / "exclude"
    common.run_clipdown(args.binary, [root, "--exclude", "*.txt", "-o", no_text])
    n_not_txt = sum(1 for p in pages if not p.name.endswith(".txt"))
    common.check(len(tree(no_text)) == n_not_txt,
                 f"--exclude '*.txt' gave {len(tree(no_text))} files, expected {n_not_txt}")

    missing = root / "no-such-page.html"
    partial = args.work / "partial"
    proc = common.run_clipdown(args.binary, [pages[0], missing, *pages[1:], "-o", partial],
                               expect=(1, 2))
    common.check(tree(partial) == want, "a missing input stopped or changed the others' output")
    common.check(any(line.find(f"{missing}:") >= 0 for line in proc.stderr.splitlines()),
                 f"stderr does not name the failure as '{missing}: reason': {proc.stderr!r}")

    quiet = args.work / "quiet"
    proc = common.run_clipdown(args.binary, [*pages, "-o", quiet, "--quiet"])
    common.check(proc.stderr == "", f"--quiet printed on stderr: {proc.stderr[:300]!r}")

    code, err = run_on_pty([args.binary, *pages, "-o", args.work / "tty"])
    common.check(code == 0, f"the run on a terminal exited {code}")
    common.check(f"/{n}" in err or f"of {n}" in err,
                 f"no progress line (done/{n}) on a terminal: {err[-300:]!r}")
    common.finish("batch inputs and reporting")


if __name__ == "__main__":
    main()
