#!/usr/bin/env python3
"""Eleventy acceptance test: a page that quotes Liquid builds as an Eleventy page, literally.

  clipdown liquid.html -o SITE/posts --preset eleventy
  eleventy --input SITE --output SITE/_site

Eleventy runs .md files through Liquid before Markdown unless their front matter says
`templateEngineOverride: md`, which the preset writes: the article's "{{ site.secret }}",
"{% include %}" and "{% raw %}" must appear literally in the built HTML, and the site's secret
(SITE/_data/site.json) must not. Eleventy (npm @11ty/eleventy, pinned by .ci/setup) must exit 0.
"""
import html
import json
from pathlib import Path

import common

LIQUID_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Liquid in an Eleventy site</title>
<meta name="author" content="Ada Template">
<meta property="article:published_time" content="2024-05-06T09:00:00Z">
</head><body>
<article>
<h1>Liquid in an Eleventy site</h1>
<p>An Eleventy template prints data with {{ site.secret }} and pulls in a file with
{% include "secret.html" %}, which is why quoting them is risky.</p>
<p>To stop Liquid from reading a block, wrap it in {% raw %} and close it with the endraw
tag once the block is over; an unclosed one stops the build.</p>
<pre><code>{% for post in collections.all %}{{ post.data.title }}{% endfor %}</code></pre>
<p>That is all there is to it: a page that quotes template code is published as written.</p>
</article>
</body></html>
"""
LITERALS = ("{{ site.secret }}", '{% include "secret.html" %}', "{% raw %}",
            "{% for post in collections.all %}{{ post.data.title }}{% endfor %}")
SECRET = "TOPSECRET-ELEVENTY-VALUE"


def main():
    args = common.parse_args(__doc__)
    eleventy = common.find_tool("eleventy", ".ci/setup --tests (npm @11ty/eleventy)", args.source)
    site = common.fresh_dir(args.work / "site")
    (site / "_data").mkdir(parents=True)
    (site / "_data" / "site.json").write_text(json.dumps({"secret": SECRET}), encoding="utf-8")
    (site / "_includes").mkdir()
    (site / "_includes" / "secret.html").write_text(SECRET, encoding="utf-8")
    page = args.work / "liquid.html"
    page.write_text(LIQUID_PAGE, encoding="utf-8")
    common.run_clipdown(args.binary, [page, "-o", f"{site / 'posts'}/", "--preset", "eleventy"])
    outputs = common.md_files(site / "posts")
    if not common.check(len(outputs) == 1, f"1 input gave {len(outputs)} .md files"):
        common.finish("eleventy site")
    _kind, meta, _body = common.split_front_matter(outputs[0].read_text(encoding="utf-8"))
    common.check(meta.get("templateEngineOverride") == "md",
                 f"templateEngineOverride is {meta.get('templateEngineOverride')!r}")

    proc = common.run([eleventy, "--input", site, "--output", site / "_site"], timeout=300,
                      cwd=site)
    log = proc.stdout + proc.stderr
    print(log)
    if proc.returncode != 0:
        common.die(f"eleventy exited {proc.returncode}")
    built = list((site / "_site").rglob("index.html"))
    if not common.check(len(built) == 1, f"eleventy wrote {len(built)} pages, expected 1"):
        common.finish("eleventy site")
    text = html.unescape(built[0].read_text(encoding="utf-8"))
    for literal in LITERALS:
        common.check(literal in text, f"{literal!r} not rendered literally")
    common.check(SECRET not in text, "Liquid ran over the body: the site's secret was printed")
    print(f"checked {built[0].relative_to(site)}: Liquid quoted literally")
    common.finish("eleventy site")


if __name__ == "__main__":
    main()
