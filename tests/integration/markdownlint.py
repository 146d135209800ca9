#!/usr/bin/env python3
"""markdownlint acceptance test: every converted file passes markdownlint-cli2 with the
repository's checked-in .markdownlint-cli2.jsonc.

Batch-converts a set (the golden samples, or the 181 benchmark pages) with -o DIR and lints the
whole folder. markdownlint-cli2 comes from PATH or from the pinned install that .ci/setup makes
under build/npm (npm install --prefix build/npm markdownlint-cli2@0.17.2).
"""
import common


def main():
    args = common.parse_args(__doc__, lambda p: p.add_argument("--set", default="samples"))
    tool = common.find_tool("markdownlint-cli2",
                            "npm install --prefix build/npm markdownlint-cli2@0.17.2", args.source)
    config = args.source / ".markdownlint-cli2.jsonc"
    if not config.exists():
        common.die(f"{config} is missing")
    out = args.work / "out"
    inputs = common.convert_set(args, args.set, out)
    outputs = common.md_files(out)
    common.check(len(outputs) == len(inputs), f"{len(inputs)} inputs gave {len(outputs)} files")
    # Globs are relative to cwd; ':' would mark a literal path, '**' takes every file.
    proc = common.run([tool, "--config", config, "**/*.md"], cwd=out, timeout=600)
    print(proc.stdout[-20000:])
    print(proc.stderr[-20000:])
    common.check(proc.returncode == 0, f"markdownlint-cli2 exited {proc.returncode} "
                 f"on {len(outputs)} files (findings above)")
    common.finish(f"markdownlint ({args.set})")


if __name__ == "__main__":
    main()
