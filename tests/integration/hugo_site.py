#!/usr/bin/env python3
"""Hugo acceptance test: a batch conversion of the golden samples builds as a Hugo site.

  clipdown samples/*.{html,txt,html.gz} -o SITE/content/posts --preset hugo --front-matter FMT
  hugo --panicOnWarning

Hugo (Debian's, v0.111) must exit 0 and print no ERROR/WARN line, and every rendered page must
show its article's title, author(s) and date, as read from the converted file's front matter.
The layouts (hugo-site/layouts/_default) print .Title, .Params.author and .Date.Format.
"""
import html.parser
import os
import re
import shutil
from pathlib import Path

import common

# Hugo log lines that fail the test (any error or warning, about front matter or anything else).
HUGO_PROBLEM = re.compile(r"\b(ERROR|WARN|WARNING)\b")


class RenderedPage(html.parser.HTMLParser):
    """Collects data-file and the text of .title/.author/.date in a single-page layout."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.file = None
        self.fields = {}
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "data-file" in attrs:
            self.file = attrs["data-file"]
        cls = attrs.get("class")
        if cls in ("title", "author", "date") and cls not in self.fields:
            self._current = cls
            self.fields[cls] = ""

    def handle_endtag(self, tag):
        if tag in ("h1", "p"):
            self._current = None

    def handle_data(self, data):
        if self._current:
            self.fields[self._current] += data


def rendered_pages(public):
    """{content-relative source path: {title, author, date}} of every single page Hugo wrote."""
    pages = {}
    for path in Path(public).rglob("*.html"):
        parser = RenderedPage()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.file:
            if parser.file in pages:
                common.fail(f"{parser.file} rendered twice ({path})")
            pages[parser.file] = parser.fields
    return pages


def main():
    args = common.parse_args(__doc__, lambda p: p.add_argument("--front-matter", default="yaml"))
    hugo = common.find_tool("hugo", "apt-get install hugo")
    fm = args.front_matter
    site = args.work / "site"
    shutil.copytree(Path(__file__).parent / "hugo-site", site)
    posts = site / "content" / "posts"
    inputs = common.sample_inputs(args.source)
    common.run_clipdown(args.binary, [*inputs, "-o", posts, "--preset", "hugo",
                                      "--front-matter", fm])

    outputs = common.md_files(site / "content")
    common.check(len(outputs) == len(inputs),
                 f"{len(inputs)} inputs gave {len(outputs)} .md files under content/")
    expected = {}
    want_kind = {"yaml": "yaml", "toml": "toml", "json": "json"}[fm]
    for md in outputs:
        rel = str(md.relative_to(site / "content"))
        try:
            kind, meta, _body = common.split_front_matter(md.read_text(encoding="utf-8"))
        except ValueError as e:  # yaml.YAMLError and tomllib.TOMLDecodeError are ValueErrors
            common.fail(f"{rel}: front matter does not parse: {e}")
            continue
        common.check(kind == want_kind, f"{rel}: front matter is {kind}, expected {want_kind}")
        common.check("url" not in meta or not str(meta["url"]).startswith(("http:", "https:")),
                     f"{rel}: 'url' holds an absolute URL, which Hugo rejects as a page path")
        title = meta.get("title", "")
        common.check(title, f"{rel}: no title in the front matter")
        expected[rel] = {"title": title, "author": "; ".join(common.authors_of(meta)),
                         "date": str(meta.get("date", ""))[:10]}
    env = dict(os.environ, HUGO_CACHEDIR=str(args.work / "hugo-cache"))
    proc = common.run([hugo, "--panicOnWarning", "--printPathWarnings", "--source", site,
                       "--destination", site / "public"], timeout=300, env=env)
    log = proc.stdout + proc.stderr
    print(log)
    if proc.returncode != 0:
        common.die(f"hugo exited {proc.returncode}")
    for line in log.splitlines():
        if HUGO_PROBLEM.search(line):
            common.fail(f"hugo printed: {line}")

    pages = rendered_pages(site / "public")
    for rel, want in sorted(expected.items()):
        got = pages.get(rel)
        if got is None:
            common.fail(f"{rel}: no rendered page")
            continue
        for field in ("title", "author", "date"):
            have = " ".join(got.get(field, "").split())
            need = " ".join(want[field].split())
            common.check(have == need, f"{rel}: rendered {field} is {have!r}, expected {need!r}")
    print(f"checked {len(expected)} pages rendered by hugo ({fm} front matter)")
    common.finish(f"hugo site ({fm})")


if __name__ == "__main__":
    main()
