#!/usr/bin/env python3
"""pandoc acceptance test: pandoc reads every converted file's front matter as metadata.

Batch-converts a set (the golden samples, or the 181 benchmark pages) with -o DIR, then runs
`pandoc -f markdown-smart -t plain --template T` on each output, with a template that prints
$title$, $author$ (each of a list) and $date$. pandoc must print no warning, and must give the
title, authors and date of the front matter (compared on letters and digits, since pandoc reads
metadata values as Markdown).
"""
import concurrent.futures
import unicodedata

import common

TEMPLATE = "title=$title$\nauthor=$for(author)$$author$$sep$\x1f$endfor$\ndate=$date$\n"


def squeeze(text):
    """Letters and digits only, case-folded: how a value compares after Markdown parsing."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def pandoc_meta(pandoc, template, path):
    """(fields, stderr) that pandoc reads from one file."""
    proc = common.run([pandoc, "-f", "markdown-smart", "-t", "plain", "--wrap=none",
                       "--template", template, path], timeout=120)
    fields = {}
    for line in proc.stdout.splitlines():
        key, _sep, value = line.partition("=")
        if key in ("title", "author", "date") and key not in fields:
            fields[key] = value
    return proc.returncode, fields, proc.stderr.strip()


def main():
    args = common.parse_args(__doc__, lambda p: p.add_argument("--set", default="samples"))
    pandoc = common.find_tool("pandoc", "apt-get install pandoc")
    out = args.work / "out"
    inputs = common.convert_set(args, args.set, out)
    outputs = common.md_files(out)
    common.check(len(outputs) == len(inputs), f"{len(inputs)} inputs gave {len(outputs)} files")
    template = args.work / "meta.plain"
    template.write_text(TEMPLATE, encoding="utf-8")

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda p: (p, *pandoc_meta(pandoc, template, p)), outputs)
        checked = 0
        for path, code, fields, stderr in results:
            rel = path.relative_to(out)
            if not common.check(code == 0, f"{rel}: pandoc exited {code}: {stderr}"):
                continue
            common.check(not stderr, f"{rel}: pandoc warned: {stderr}")
            try:
                _kind, meta, _body = common.split_front_matter(path.read_text(encoding="utf-8"))
            except ValueError as e:
                common.fail(f"{rel}: front matter does not parse: {e}")
                continue
            title = str(meta.get("title", ""))
            common.check(title, f"{rel}: no title in the front matter")
            common.check(squeeze(fields.get("title", "")) == squeeze(title),
                         f"{rel}: pandoc read title {fields.get('title')!r}, front matter has "
                         f"{title!r}")
            want_authors = [squeeze(a) for a in common.authors_of(meta)]
            got_authors = [squeeze(a) for a in fields.get("author", "").split("\x1f") if a]
            common.check(got_authors == want_authors,
                         f"{rel}: pandoc read authors {got_authors}, expected {want_authors}")
            want_date = str(meta.get("date", ""))
            common.check(squeeze(fields.get("date", "")) == squeeze(want_date),
                         f"{rel}: pandoc read date {fields.get('date')!r}, expected {want_date!r}")
            checked += 1
    print(f"pandoc read the metadata of {checked} of {len(outputs)} files")
    common.finish(f"pandoc metadata ({args.set})")


if __name__ == "__main__":
    main()
