"""Shared helpers of the integration tests (tests/integration/*.py).

Every test script takes --binary (the clipdown executable), --source (the repository root),
--bench (the shared benchmark folder) and --work (a scratch folder it may wipe), prints what it
checks, and exits 0 (pass), 1 (fail) or 77 (skip: a tool or the benchmark data is missing).
Only the Python standard library and PyYAML are used.
"""
import argparse
import datetime
import gzip
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

SKIP = 77
# Input suffixes of the golden samples (samples/<slug>.<suffix>).
SAMPLE_SUFFIXES = (".html", ".txt", ".html.gz")


class _StringDateLoader(yaml.SafeLoader):  # pylint: disable=too-many-ancestors
    """A SafeLoader that keeps timestamps as the strings they were written as."""


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_failures = []
# Set by parse_args: {tool name: path} from --tool, and whether a missing tool is a failure.
_tools = {}
_options = {"require_tools": False}


def fail(message):
    """Records one failed check (the script goes on and exits 1 at finish())."""
    _failures.append(message)
    print(f"FAIL: {message}", flush=True)


def check(condition, message):
    """fail(message) unless condition holds; returns condition."""
    if not condition:
        fail(message)
    return bool(condition)


def finish(what):
    """Exits 1 with a count when a check failed, else 0."""
    if _failures:
        print(f"{what}: {len(_failures)} check(s) failed", flush=True)
        sys.exit(1)
    print(f"{what}: passed", flush=True)
    sys.exit(0)


def die(message):
    """Stops at once: a failure that makes the rest meaningless."""
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


def skip(message):
    """Stops with ctest's skip code; only for a missing tool or missing benchmark data."""
    print(f"SKIP: {message}", flush=True)
    sys.exit(SKIP)


def parse_args(description, extra=None):
    """The common command line; `extra(parser)` may add options."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--binary", required=True, help="the clipdown executable")
    parser.add_argument("--source", required=True, help="the repository root")
    parser.add_argument("--bench", default="", help="the shared benchmark folder")
    parser.add_argument("--work", required=True, help="a scratch folder (wiped)")
    parser.add_argument("--tool", action="append", default=[], metavar="NAME=PATH",
                        help="where a tool is (CMake's find_program found it)")
    parser.add_argument("--require-tools", action="store_true",
                        help="a missing tool fails the test instead of skipping it")
    if extra:
        extra(parser)
    args = parser.parse_args()
    _tools.update(item.split("=", 1) for item in args.tool if "=" in item)
    _options["require_tools"] = args.require_tools
    args.binary = str(Path(args.binary).resolve())
    args.source = Path(args.source).resolve()
    args.work = Path(args.work).resolve()
    fresh_dir(args.work)
    return args


def fresh_dir(path):
    """Creates `path` empty (removing what was there)."""
    path = Path(path)
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def sample_inputs(source):
    """The golden sample input pages, sorted."""
    return sorted(p for p in (Path(source) / "samples").iterdir()
                  if p.name.endswith(SAMPLE_SUFFIXES))


def bench_pages(bench):
    """The 181 benchmark pages (scrapinghub/html/*.html.gz), or a skip when absent."""
    folder = Path(bench) / "scrapinghub" / "html" if bench else None
    if folder is None or not folder.is_dir():
        skip(f"benchmark data not found at '{folder}' (set CLIPDOWN_BENCH_DIR to ../shared/bench)")
    pages = sorted(folder.glob("*.html.gz"))
    if not pages:
        skip(f"no *.html.gz pages in {folder}")
    return pages


def ground_truth(bench):
    """id -> {articleBody, url} of the benchmark."""
    with open(Path(bench) / "scrapinghub" / "ground-truth.json", encoding="utf-8") as f:
        return json.load(f)


def page_id(path):
    """The benchmark id of scrapinghub/html/<id>.html.gz."""
    return Path(path).name.split(".")[0]


def run(cmd, timeout=600, stdin=None, cwd=None, env=None):
    """Runs cmd; returns the CompletedProcess with text stdout/stderr."""
    return subprocess.run([str(c) for c in cmd], input=stdin, capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=env, check=False)


def run_clipdown(binary, args, expect=(0,), timeout=600, stdin=None, cwd=None):
    """Runs clipdown; dies with its stderr unless the exit status is one of `expect`."""
    proc = run([binary, *args], timeout=timeout, stdin=stdin, cwd=cwd)
    if proc.returncode not in expect:
        shown = " ".join(str(a) for a in args)
        if len(shown) > 300:
            shown = shown[:300] + " ..."
        die(f"clipdown {shown} exited {proc.returncode} (expected {list(expect)}); "
            f"stderr:\n{proc.stderr[-4000:]}")
    return proc


def md_files(folder):
    """Every *.md file under folder, recursively, sorted."""
    return sorted(p for p in Path(folder).rglob("*.md") if p.is_file())


def _plain(value):
    """Front-matter values as plain strings (dates in their ISO form)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return value


def split_front_matter(text):
    """(kind, mapping, body) of a converted file: kind is yaml, toml, json or none.

    Raises ValueError when a front matter is opened but not closed or does not parse."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end < 0:
            raise ValueError("YAML front matter not closed by '---'")
        data = yaml.load(text[4:end + 1], Loader=_StringDateLoader)  # noqa: S506 (safe loader)
        return "yaml", _plain(data or {}), text[end + 5:]
    if text.startswith("+++\n"):
        end = text.find("\n+++\n", 3)
        if end < 0:
            raise ValueError("TOML front matter not closed by '+++'")
        return "toml", _plain(tomllib.loads(text[4:end + 1])), text[end + 5:]
    if text.startswith("{"):
        decoder = json.JSONDecoder()
        data, end = decoder.raw_decode(text)
        return "json", _plain(data), text[end:].lstrip("\n")
    return "none", {}, text


def as_list(value):
    """A front-matter value that may be one string or a list, as a list of strings."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def authors_of(meta):
    """The author names of a front matter: `author`, else `authors` (Zola, Hugo taxonomies)."""
    return as_list(meta.get("author")) or as_list(meta.get("authors"))


def read_page_text(path):
    """A benchmark page as text (gunzipped; UTF-8 with U+FFFD for bad bytes)."""
    data = Path(path).read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def find_tool(name, install_hint, source=None):
    """The tool's path: from --tool, PATH, or the pinned npm install under <source>/build/npm.

    When it is nowhere, the test skips, or fails under --require-tools (CLIPDOWN_REQUIRE_TOOLS,
    which .ci/setup --tests and CI turn on: there a skipped test would hide a missing package).
    """
    found = _tools.get(name) or shutil.which(name)
    if not found and source is not None:
        local = Path(source) / "build" / "npm" / "node_modules" / ".bin" / name
        if local.exists():
            found = str(local)
    if not found:
        missing_tool(f"{name} not installed ({install_hint})")
    return found


def missing_tool(message):
    """Skips the test, or fails it under --require-tools."""
    if _options["require_tools"]:
        die(f"{message}, and CLIPDOWN_REQUIRE_TOOLS is on")
    skip(message)


def tree_snapshot(folder):
    """{relative path: (bytes, inode, mtime_ns)} of every file under folder."""
    snap = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            st = path.stat()
            snap[str(path.relative_to(folder))] = (path.read_bytes(), st.st_ino, st.st_mtime_ns)
    return snap


def convert_set(args, which, out, flags=()):
    """Batch-converts the samples or the benchmark pages into `out` with -o; returns the inputs."""
    inputs = common_inputs(args, which)
    run_clipdown(args.binary, [*inputs, "-o", out, *flags], timeout=900)
    return inputs


def common_inputs(args, which):
    """The input pages of a named set: 'samples' or 'bench' (skips when bench data is absent)."""
    if which == "samples":
        return sample_inputs(args.source)
    if which == "bench":
        return bench_pages(args.bench)
    raise ValueError(which)
