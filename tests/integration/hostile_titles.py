#!/usr/bin/env python3
"""Hostile-title acceptance test: titles such as `../../etc/passwd`, `CON`, 300 characters,
emoji, RTL marks, newlines, control characters, an empty title and two identical titles give
safe, unique file names with -o DIR.

Every file written must lie inside DIR; there must be one file per page (no overwrite); no path
component may hold a control or bidi-format character or a character Windows forbids, exceed
255 bytes, be a Windows device name (CON, NUL.md, com1...), end in a dot or space, or start with
'.' or '-'; {slug} names are ASCII; names differ even case-insensitively and are the same for
--jobs 1 and --jobs 2. Runs with the default template, --preset jekyll, --name '{title}' and
--name '{date}/{stem}-{hash}'; a --name that tries to leave DIR ('../{slug}', '/tmp/{slug}')
must be refused or kept inside DIR.
"""
import os
import unicodedata
from pathlib import Path

import common

BODY = ("<p>The committee met on Tuesday to review the proposal in detail, and its members "
        "agreed that the plan needs another round of public consultation before any vote."
        "</p>\n<p>Residents who attended the meeting asked for clearer figures on the cost and "
        "on the timetable, and the chair promised to publish both within a month.</p>\n"
        "<p>Page {n} of the hostile-title set: the article text is ordinary so that the "
        "extractor keeps it and only the title is unusual.</p>\n")
# (file stem, <title> text, <h1> markup): the hostile titles.
HOSTILE = [
    ("dotdot", "../../etc/passwd", "../../etc/passwd"),
    ("absolute", "/etc/passwd", "/etc/passwd"),
    ("dots-only", "..", ".."),
    ("three-dots", "...", "..."),
    ("con", "CON", "CON"),
    ("nul-ext", "nul.txt", "nul.txt"),
    ("com1", "COM1", "COM1"),
    ("lpt9", "lpt9", "lpt9"),
    ("aux-lower", "aux", "aux"),
    ("long-ascii", " ".join(["Longwinded"] * 28)[:300], " ".join(["Longwinded"] * 28)[:300]),
    ("long-accented", "Éé" * 150, "Éé" * 150),
    ("long-cjk", "日本語の記事" * 50, "日本語の記事" * 50),
    ("emoji", "🎉🚀 Launch day for 👩‍👩‍👧 families", "🎉🚀 Launch day for 👩‍👩‍👧 families"),
    ("emoji-only", "🎉🚀🔥", "🎉🚀🔥"),
    ("rtl-override", "Invoice\u202efdp.exe", "Invoice\u202efdp.exe"),
    ("rtl-marks", "\u200fشهر رمضان\u200f news", "\u200fشهر رمضان\u200f news"),
    ("newline", "First line\nSecond line", "First line<br>Second line"),
    ("controls", "Tab\there\x01 and \x1b[31mred\x7f", "Tab\there\x01 and \x1b[31mred\x7f"),
    ("windows-chars", 'a/b\\c:d*e?f"g<h>i|j', 'a/b\\c:d*e?f"g&lt;h&gt;i|j'),
    ("leading-dash", "-rf --force", "-rf --force"),
    ("trailing-dot", "Ends with a dot. ", "Ends with a dot. "),
    ("empty", "", ""),
    ("twin-a", "Same title twice", "Same title twice"),
    ("twin-b", "Same title twice", "Same title twice"),
    ("case-a", "Case Twin", "Case Twin"),
    ("case-b", "CASE TWIN", "CASE TWIN"),
]
# Name templates checked: (flags, label); the first gives {slug} names, which are ASCII.
TEMPLATES = [([], "default"), (["--preset", "jekyll"], "jekyll"),
             (["--name", "{title}"], "title"), (["--name", "{date}/{stem}-{hash}"], "stem-hash")]
# --name templates that try to leave -o DIR.
ESCAPING_TEMPLATES = ["../{slug}", "../../{slug}", "/tmp/clipdown-escape/{slug}",
                      "{slug}/../../{stem}", "~/{slug}"]
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                   *(f"LPT{i}" for i in range(1, 10))}
WINDOWS_FORBIDDEN = set('<>:"\\|?*')


def write_pages(folder):
    """One HTML page per hostile title (with a date, for Jekyll's {date}-{slug} names)."""
    folder.mkdir(parents=True)
    for n, (stem, title, h1) in enumerate(HOSTILE, 1):
        esc = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        page = (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{esc}</title>\n"
                f"<meta property=\"article:published_time\" content=\"2024-05-{n:02d}\">\n"
                f"</head><body><article><h1>{h1}</h1>\n{BODY.format(n=n)}</article>"
                f"</body></html>\n")
        (folder / f"{stem}.html").write_text(page, encoding="utf-8")
    return sorted(folder.glob("*.html"))


def component_problems(name):
    """What is unsafe about one path component (empty list: nothing)."""
    problems = []
    bad = [f"U+{ord(c):04X}" for c in name
           if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")]
    if bad:
        problems.append(f"control/format characters {bad}")
    if WINDOWS_FORBIDDEN & set(name):
        problems.append(f"characters Windows forbids {sorted(WINDOWS_FORBIDDEN & set(name))}")
    if len(name.encode("utf-8")) > 255:
        problems.append(f"{len(name.encode('utf-8'))} bytes")
    if name.split(".")[0].rstrip(" ").upper() in WINDOWS_DEVICES:
        problems.append("a Windows device name")
    if name.endswith((".", " ")):
        problems.append("ends in a dot or space")
    if name.startswith((".", "-")):
        problems.append("starts with '.' or '-'")
    return problems


def all_files(root):
    """Every file under root."""
    return {p for p in Path(root).rglob("*") if p.is_file() or p.is_symlink()}


def check_run(binary, root, out, pages, flags, what, ascii_names):
    """Converts the pages into out; checks the names. Returns the sorted relative names."""
    before = all_files(root)
    common.run_clipdown(binary, [*pages, "-o", out, *flags])
    for path in sorted(all_files(root) - before):
        real = os.path.realpath(path)
        common.check(real.startswith(str(out) + os.sep), f"{what}: {path} is outside -o {out}")
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    for rel in names:
        for part in Path(rel).parts:
            problems = component_problems(part)
            common.check(not problems, f"{what}: unsafe name {rel!r}: {'; '.join(problems)}")
        if ascii_names:
            common.check(rel.isascii(), f"{what}: {rel!r} is not ASCII ({{slug}} is ASCII-folded)")
    md = [n for n in names if n.endswith(".md")]
    common.check(len(md) == len(pages), f"{what}: {len(pages)} pages gave {len(md)} .md files "
                 f"(names not unique, or a page was lost): {md}")
    common.check(len(md) == len(names), f"{what}: other files left: {sorted(set(names) - set(md))}")
    folded = {}
    for n in md:
        folded.setdefault(n.casefold(), []).append(n)
    twins = [v for v in folded.values() if len(v) > 1]
    common.check(not twins, f"{what}: names equal but for case: {twins}")
    for rel in md:
        try:
            _kind, _meta, _body = common.split_front_matter((out / rel).read_text(encoding="utf-8"))
        except ValueError as e:
            common.fail(f"{what}: {rel}: front matter does not parse: {e}")
    print(f"{what}: {len(md)} files: {md}")
    return names


def main():
    args = common.parse_args(__doc__)
    pages = write_pages(args.work / "pages")
    deep = args.work / "a" / "b" / "c"  # '../../' from the output folder stays inside work/
    for flags, label in TEMPLATES:
        runs = [check_run(args.binary, args.work, deep / f"{label}-j{jobs}", pages,
                          [*flags, "--jobs", str(jobs)], f"{label} --jobs {jobs}", not flags)
                for jobs in (1, 2)]
        common.check(runs[0] == runs[1], f"{label}: --jobs 1 and --jobs 2 chose other names: "
                     f"{sorted(set(runs[0]) ^ set(runs[1]))}")
    # A --name that tries to leave -o DIR is refused (usage error) or kept inside DIR.
    for template in ESCAPING_TEMPLATES:
        out = deep / "escape"
        before = all_files(args.work)
        proc = common.run_clipdown(args.binary, [*pages[:3], "-o", out, "--name", template],
                                   expect=(0, 1, 2))
        for path in sorted(all_files(args.work) - before):
            common.check(os.path.realpath(path).startswith(str(out) + os.sep),
                         f"--name {template!r}: {path} is outside -o {out}")
        print(f"--name {template!r}: exit {proc.returncode}")
        if out.exists():
            common.fresh_dir(out)
    common.finish("hostile titles")


if __name__ == "__main__":
    main()
