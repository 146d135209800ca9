#!/usr/bin/env python3
"""Jekyll acceptance test: a batch conversion of the golden samples builds as a Jekyll site.

  clipdown samples/*.{html,txt,html.gz} -o SITE --preset jekyll   (_posts/, _drafts/)
  jekyll build --safe --strict_front_matter --drafts --future

Jekyll (Debian's 4.3.1, no theme, no plugins, no Gemfile) must exit 0 and print no error or
warning line, and every rendered post and draft must show its article's title, author(s) and
date, as read from the converted file's front matter (a draft has no date: Jekyll takes the
file's mtime). The layouts (jekyll-site/_layouts) print page.title, page.author and page.date.

Jekyll runs Liquid over a post's body, so the preset writes `render_with_liquid: false`: one more
article, whose text quotes "{{ site.title }}" and "{% raw %}", must render literally.
"""
import datetime
import html.parser
import os
import re
import shutil
from pathlib import Path

import common

# Jekyll log lines that fail the test: "Error:", "Build Warning:", "Liquid Warning:",
# "Liquid Exception:", "Conflict:", "Deprecation:" and the like.
JEKYLL_PROBLEM = re.compile(r"\b(error|warn|warning|exception|conflict|deprecation)\b",
                            re.IGNORECASE)
# Jekyll runs in UTC (TZ and the fixture's `timezone`), so expected days are UTC days.
TIME_ZONE = "UTC"

# An article that quotes Liquid: with Liquid on, "{{ site.title }}" would print the site's
# title and the unclosed "{% raw %}" would stop the build.
LIQUID_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Templating cheatsheet: Liquid tags in plain sight</title>
<meta name="author" content="Ada Template">
<meta property="article:published_time" content="2024-05-06T09:00:00Z">
</head><body>
<article>
<h1>Templating cheatsheet: Liquid tags in plain sight</h1>
<p>To print the name of a site, a Jekyll layout writes {{ site.title }} between two
paragraphs of its template.</p>
<p>To stop Liquid from reading a block, wrap it in {% raw %} and close it with the endraw
tag once the block is over.</p>
<p>Template engines read these braces as code, which is why a converter should leave them
alone and tell the site generator so.</p>
<p>A hostile page would print {{ site.secret }} or pull in {% include secret.html %} from the
site's own folders, had Liquid been left on for the body.</p>
<pre><code>{% for post in site.posts %}{{ post.title }}{% endfor %}</code></pre>
<p>That is all there is to it: a page that quotes template code is published as written.</p>
</article>
</body></html>
"""
# What its rendered body must hold literally.
LIQUID_LITERALS = ("{{ site.title }}", "{% raw %}",
                   "{% for post in site.posts %}{{ post.title }}{% endfor %}",
                   "{{ site.secret }}", "{% include secret.html %}")
SECRET = "TOPSECRET-JEKYLL-VALUE"  # jekyll-site/_config.yml
SITE_TITLE = "clipdown integration"  # jekyll-site/_config.yml


class RenderedPage(html.parser.HTMLParser):
    """Collects data-file and the text of .title/.author/.date/.content in the post layout."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.file = None
        self.fields = {}
        self._current = None
        self._depth = 0  # <div> nesting inside .content

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "data-file" in attrs:
            self.file = attrs["data-file"]
        if self._current == "content":
            self._depth += tag == "div"
            return
        cls = attrs.get("class")
        if cls in ("title", "author", "date", "content") and cls not in self.fields:
            self._current = cls
            self.fields[cls] = ""

    def handle_endtag(self, tag):
        if self._current == "content":
            if tag == "div":
                if self._depth == 0:
                    self._current = None
                self._depth -= 1
            return
        if tag in ("h1", "p"):
            self._current = None

    def handle_data(self, data):
        if self._current:
            self.fields[self._current] += data


def rendered_pages(site_out):
    """{site-relative source path: {title, author, date, content}} of every post Jekyll wrote."""
    pages = {}
    for path in sorted(Path(site_out).rglob("*.html")):
        parser = RenderedPage()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.file:
            if parser.file in pages:
                common.fail(f"{parser.file} rendered twice ({path})")
            pages[parser.file] = parser.fields
    return pages


def expected_day(value, md_path):
    """The YYYY-MM-DD Jekyll prints for a front-matter date (a draft without one: its mtime)."""
    if not value:
        mtime = md_path.stat().st_mtime
        return datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc).date().isoformat()
    text = str(value).replace(" ", "T", 1)
    try:
        when = datetime.datetime.fromisoformat(text)
    except ValueError:
        return str(value)[:10]
    if when.tzinfo is not None and "T" in text:
        when = when.astimezone(datetime.timezone.utc)
    return when.date().isoformat()


def main():
    args = common.parse_args(__doc__)
    jekyll = common.find_tool("jekyll", "apt-get install jekyll")
    site = args.work / "site"
    shutil.copytree(Path(__file__).parent / "jekyll-site", site)
    inputs = common.sample_inputs(args.source)
    common.run_clipdown(args.binary, [*inputs, "-o", site, "--preset", "jekyll"])
    liquid_input = args.work / "liquid-in-body.html"
    liquid_input.write_text(LIQUID_PAGE, encoding="utf-8")
    common.run_clipdown(args.binary, [liquid_input, "-o", site, "--preset", "jekyll"])

    outputs = common.md_files(site / "_posts") + common.md_files(site / "_drafts")
    common.check(len(outputs) == len(inputs) + 1,
                 f"{len(inputs) + 1} inputs gave {len(outputs)} .md files in _posts/ and _drafts/")
    expected = {}
    liquid_rel = None
    for md in outputs:
        rel = str(md.relative_to(site))
        try:
            kind, meta, body = common.split_front_matter(md.read_text(encoding="utf-8"))
        except ValueError as e:  # yaml.YAMLError is a ValueError
            common.fail(f"{rel}: front matter does not parse: {e}")
            continue
        common.check(kind == "yaml", f"{rel}: front matter is {kind}, expected yaml")
        common.check(meta.get("layout") == "post", f"{rel}: layout is {meta.get('layout')!r}")
        common.check(meta.get("render_with_liquid") is False,
                     f"{rel}: render_with_liquid is {meta.get('render_with_liquid')!r}, "
                     "expected the boolean false")
        common.check(rel.startswith("_drafts/") == ("date" not in meta),
                     f"{rel}: dated pages belong in _posts/, undated ones in _drafts/")
        title = meta.get("title", "")
        common.check(title, f"{rel}: no title in the front matter")
        expected[rel] = {"title": title, "author": "; ".join(common.authors_of(meta)),
                         "date": expected_day(meta.get("date"), md)}
        if "{{ site.title }}" in body:
            liquid_rel = rel
    if not common.check(liquid_rel, "the Liquid-quoting article lost its '{{ site.title }}'"):
        common.finish("jekyll site")

    env = dict(os.environ, TZ=TIME_ZONE)
    proc = common.run([jekyll, "build", "--safe", "--strict_front_matter", "--drafts", "--future",
                       "--source", site, "--destination", site / "_site"], timeout=300,
                      cwd=site, env=env)
    log = proc.stdout + proc.stderr
    print(log)
    if proc.returncode != 0:
        common.die(f"jekyll exited {proc.returncode}")
    for line in log.splitlines():
        if JEKYLL_PROBLEM.search(line.replace(str(site), "SITE")):  # not the folder's name
            common.fail(f"jekyll printed: {line}")

    pages = rendered_pages(site / "_site")
    common.check(len(pages) == len(expected),
                 f"jekyll rendered {len(pages)} posts and drafts, expected {len(expected)}")
    for rel, want in sorted(expected.items()):
        got = pages.get(rel)
        if got is None:
            common.fail(f"{rel}: no rendered page")
            continue
        for field in ("title", "author", "date"):
            have = " ".join(got.get(field, "").split())
            need = " ".join(want[field].split())
            common.check(have == need, f"{rel}: rendered {field} is {have!r}, expected {need!r}")
        common.check(got.get("content", "").strip(), f"{rel}: rendered body is empty")

    content = pages.get(liquid_rel, {}).get("content", "")
    for literal in LIQUID_LITERALS:
        common.check(literal in content, f"{liquid_rel}: {literal!r} not rendered literally")
    common.check(SECRET not in content, f"{liquid_rel}: Liquid printed the site's secret")
    common.check(SITE_TITLE not in content,
                 f"{liquid_rel}: Liquid ran over the body ('{SITE_TITLE}' printed)")
    print(f"checked {len(expected)} pages rendered by jekyll, {liquid_rel} literally")
    common.finish("jekyll site")


if __name__ == "__main__":
    main()
