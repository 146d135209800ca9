#!/usr/bin/env python3
"""Hugo acceptance test: a batch conversion of the golden samples builds as a Hugo site.

  clipdown samples/*.{html,txt,html.gz} -o SITE/content/posts --preset hugo --front-matter FMT
  hugo --panicOnWarning

Hugo (Debian's, v0.111) must exit 0 and print no ERROR/WARN line, and every rendered page must
show its article's title, author(s) and date, as read from the converted file's front matter.
The layouts (hugo-site/layouts/_default) print .Title, .Params.author and .Date.Format.

Hugo expands shortcodes anywhere in a page's Markdown, code blocks included, so one more article
quotes shortcodes: {{< param "secret" >}} (it would print the site's secret parameter), an unknown
shortcode and an unclosed one (either would fail the build), {{% %}} ones and one in a code block.
Each must appear literally in the built HTML, and the secret must not.
"""
import html
import html.parser
import os
import re
import shutil
from pathlib import Path

import common

# An article that quotes Hugo shortcodes (issue 11 item 3).
SHORTCODE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Hugo shortcodes in plain sight</title>
<meta name="author" content="Ada Template">
<meta property="article:published_time" content="2024-05-06T09:00:00Z">
</head><body>
<article>
<h1>Hugo shortcodes in plain sight</h1>
<p>To print a site parameter, a Hugo page writes {{< param "secret" >}} in its Markdown, and
a site that has no such shortcode fails on {{< nosuchshortcode arg="1" >}} instead.</p>
<p>A notice box with Markdown inside is {{% notice %}}careful{{% /notice %}} in the same
way, and the article explains every one of them at length.</p>
<pre><code>{{< figure src="a.png" title="in a code block" >}}</code></pre>
<p>An opening left unclosed, {{< like this one, stays as text in the paragraph.</p>
</article>
</body></html>
"""
# What its built page must show literally, and the value it must not.
SHORTCODE_LITERALS = ('{{< param "secret" >}}', '{{< nosuchshortcode arg="1" >}}',
                      "{{% notice %}}careful{{% /notice %}}",
                      '{{< figure src="a.png" title="in a code block" >}}', "{{< like this one")
SECRET = "TOPSECRET-HUGO-PARAM"  # hugo-site/config.toml

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
    shortcode_input = args.work / "hugo-shortcodes.html"
    shortcode_input.write_text(SHORTCODE_PAGE, encoding="utf-8")
    shortcode_dir = site / "content" / "quoted"
    common.run_clipdown(args.binary, [shortcode_input, "-o", f"{shortcode_dir}/", "--preset", "hugo",
                                      "--front-matter", fm])

    outputs = common.md_files(posts)
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

    quoted = list((site / "public" / "quoted").glob("*/index.html"))  # not the section list
    if common.check(len(quoted) == 1, f"the shortcode-quoting page was built {len(quoted)} times"):
        text = html.unescape(quoted[0].read_text(encoding="utf-8"))
        # Hugo's Markdown renderer curls straight quotes (its typographer is on by default).
        text = text.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))
        for literal in SHORTCODE_LITERALS:
            common.check(literal in text, f"{literal!r} not rendered literally")
        common.check(SECRET not in text, "a quoted shortcode printed the site's secret parameter")
        common.check("/*" not in text, "Hugo's comment markers leaked into the page")

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
