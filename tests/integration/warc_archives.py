#!/usr/bin/env python3
"""WARC input, on archives that wget writes (`wget --warc-file`) from a local web server.

A local server (Python's http.server, on 127.0.0.1) serves the golden sample pages and a few
shapes a crawl meets: a chunked response, a gzip'd one, a page whose charset only the HTTP
header names, a 404, a redirect and an image. wget crawls them into a WARC with a gzip member
per record, and into a plain one. Checked:

- every HTML page answered 200 converts, once; the 404, the redirect, the image, wget's
  request/metadata/warcinfo records give nothing;
- the Markdown of a page equals a direct conversion of the same bytes with --url (the record's
  WARC-Target-URI is its address: links resolve, `url` in the front matter);
- chunked transfer encoding and gzip content encoding are undone; the HTTP charset is used;
- --name {url_host}/{url_path} and {warc_record_id} name the files;
- a truncated last record gets a warning naming its offset and the other pages convert;
- plain and per-record gzip archives give the same files;
- --jsonl gives one record per page, with its URL and record id.
Nothing leaves the machine.
"""
import gzip
import http.server
import json
import threading
from pathlib import Path

import common

LATIN1_PAGE = ("<html><head><title>Caf\u00e9 cr\u00e8me</title></head><body><article>"
               "<h1>Caf\u00e9 cr\u00e8me</h1><p>Le caf\u00e9 cr\u00e8me se boit le matin, "
               "avec un croissant, \u00e0 la terrasse d\u2019un bistrot du quartier latin, "
               "pendant que la ville s\u2019\u00e9veille doucement.</p></article></body></html>")
CHUNKED_PAGE = ("<html><head><title>Chunked delivery</title></head><body><article>"
                "<h1>Chunked delivery</h1><p>This page came in chunks of a few bytes each, the "
                "way servers stream a response whose length they do not know beforehand.</p>"
                "<p>A second paragraph <a href=\"/next.html\">links on</a> relative to the "
                "page.</p></article></body></html>")


def handler_for(samples):
    """An http.server handler serving the samples and the special shapes."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # headers and body go out as separate writes: without this, each response of a
        # kept-alive connection waits ~40 ms for a delayed ACK
        disable_nagle_algorithm = True

        def log_message(self, *args):  # quiet
            pass

        def send(self, status, body, content_type, extra=()):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in extra:
                self.send_header(name, value)
            if not any(name == "Transfer-Encoding" for name, _ in extra):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802 (http.server's name)
            path = self.path.split("?")[0]
            if path == "/chunked.html":
                data = CHUNKED_PAGE.encode()
                chunks = b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + 37]), data[i:i + 37])
                                  for i in range(0, len(data), 37))
                self.send(200, chunks + b"0\r\n\r\n", "text/html; charset=utf-8",
                          [("Transfer-Encoding", "chunked")])
            elif path == "/latin1.html":
                self.send(200, LATIN1_PAGE.encode("latin-1", "replace").replace(b"?", b"'"),
                          "text/html; charset=ISO-8859-1")
            elif path == "/gzipped.html":
                self.send(200, gzip.compress((samples / "news-cookie-nav-related.html")
                                             .read_bytes()),
                          "text/html", [("Content-Encoding", "gzip")])
            elif path == "/moved.html":
                self.send(301, b"", "text/html", [("Location", "/chunked.html")])
            elif path == "/logo.png":
                self.send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
            elif path.endswith(".html") and (samples / path.lstrip("/")).is_file():
                # no charset: the samples declare their own (latin-1, windows-1251, ...)
                self.send(200, (samples / path.lstrip("/")).read_bytes(), "text/html")
            else:
                self.send(404, b"<html><body><p>Not found</p></body></html>", "text/html")

    return Handler


def crawl(wget, port, urls, warc_base, compress, work):
    """wget's WARC of `urls` (warc_base.warc.gz, or .warc without compression)."""
    listing = work / "urls.txt"
    listing.write_text("".join(f"http://127.0.0.1:{port}{u}\n" for u in urls))
    args = [wget, "-q", "--no-proxy", "--tries=1", "--max-redirect=0", "-O", work / "wget.out",
            "-i", listing, f"--warc-file={warc_base}", "--no-warc-keep-log"]
    if not compress:
        args.append("--no-warc-compression")
    proc = common.run(args, timeout=120, cwd=work)
    # wget exits 8 when a server answered an error (the 404): expected here
    if proc.returncode not in (0, 8):
        common.die(f"wget exited {proc.returncode}: {proc.stderr[-2000:]}")
    return Path(f"{warc_base}.warc.gz" if compress else f"{warc_base}.warc")


def front_matter(text):
    _kind, meta, _body = common.split_front_matter(text)
    return meta


def main():
    args = common.parse_args(__doc__)
    wget = common.find_tool("wget", "apt install wget")
    samples = args.source / "samples"
    pages = sorted(p.name for p in samples.glob("*.html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_for(samples))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = ([f"/{name}" for name in pages] +
            ["/chunked.html", "/latin1.html", "/gzipped.html", "/moved.html", "/logo.png",
             "/missing.html"])
    expected = len(pages) + 3  # the samples, chunked, latin1, gzipped
    work = args.work
    gz = crawl(wget, port, urls, work / "crawl", True, work)
    plain = crawl(wget, port, urls, work / "plain", False, work)
    server.shutdown()

    # Every page once, named by its address.
    out = work / "out-gz"
    proc = common.run_clipdown(args.binary, [gz, "-o", f"{out}/", "--name", "{url_host}/{url_path}"])
    files = {str(p.relative_to(out)): p.read_text() for p in common.md_files(out)}
    common.check(len(files) == expected,
                 f"{expected} pages expected from the gzip WARC, got {len(files)}: {sorted(files)}")
    for name in pages:
        rel = f"127.0.0.1/{name[:-5]}.md"
        if not common.check(rel in files, f"{rel} missing"):
            continue
        meta = front_matter(files[rel])
        common.check(meta.get("url") == f"http://127.0.0.1:{port}/{name}",
                     f"{rel}: url is {meta.get('url')!r}")
        # The same as converting the served bytes directly with the record's address.
        direct = common.run_clipdown(args.binary, [samples / name, "--url",
                                                   f"http://127.0.0.1:{port}/{name}"])
        common.check(direct.stdout == files[rel], f"{rel}: differs from a direct conversion")
    for bad in ("moved", "logo", "missing"):
        common.check(not any(bad in f for f in files), f"{bad}: converted, though not a 200 page")

    chunked = files.get("127.0.0.1/chunked.md", "")
    common.check("came in chunks of a few bytes" in chunked and "\r\n" not in chunked and
                 "\n25\n" not in chunked, f"chunked body not undone:\n{chunked[:600]}")
    common.check(f"(http://127.0.0.1:{port}/next.html)" in chunked,
                 "a relative link does not resolve against the record's address")
    latin1 = files.get("127.0.0.1/latin1.md", "")
    common.check("caf\u00e9 cr\u00e8me se boit" in latin1 and "\ufffd" not in latin1,
                 f"the HTTP charset was not used:\n{latin1[:400]}")
    gzipped = files.get("127.0.0.1/gzipped.md", "")
    direct = common.run_clipdown(args.binary, [samples / "news-cookie-nav-related.html", "--url",
                                               f"http://127.0.0.1:{port}/gzipped.html"]).stdout
    common.check(gzipped == direct, "gzip content encoding: differs from the direct conversion")

    # The plain archive gives the same files; record ids name them.
    out_plain = work / "out-plain"
    common.run_clipdown(args.binary, [plain, "-o", f"{out_plain}/", "--name",
                                      "{url_host}/{url_path}"])
    same = {str(p.relative_to(out_plain)): p.read_text() for p in common.md_files(out_plain)}
    common.check(same == files, "the plain WARC gives other files than the gzip'd one")
    out_ids = work / "out-ids"
    common.run_clipdown(args.binary, [gz, "-o", f"{out_ids}/", "--name", "{warc_record_id}"])
    ids = [p.stem for p in common.md_files(out_ids)]
    common.check(len(ids) == expected and all(len(i) == 36 and i.count("-") == 4 for i in ids),
                 f"{{warc_record_id}} names: {ids[:5]}")

    # JSON Lines out: one record per page, with its URL and record id.
    proc = common.run_clipdown(args.binary, [gz, "--jsonl"])
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    common.check(len(records) == expected, f"--jsonl: {len(records)} records, {expected} expected")
    common.check(all(r.get("url", "").startswith(f"http://127.0.0.1:{port}/") and
                     r.get("warc_record_id", "").startswith("urn:uuid:") and r.get("markdown")
                     for r in records), f"--jsonl records lack url/id/markdown: {records[:1]}")

    # A truncated last record: a warning with its offset, the others convert.
    for archive in (gz, plain):
        cut = work / f"cut-{archive.name}"
        data = archive.read_bytes()
        # wget's last record is its metadata (the log); cut into the last page instead
        last_page = data.rfind(b"WARC-Type: response") if archive == plain else None
        if archive == plain:
            cut.write_bytes(data[:last_page + 300])
        else:
            cut.write_bytes(data[:-200])
        out_cut = work / f"out-cut-{archive.name}"
        proc = common.run_clipdown(args.binary, [cut, "-o", f"{out_cut}/"], expect=(0, 1))
        common.check("truncated record at offset" in proc.stderr or
                     "corrupt gzip" in proc.stderr or "truncated" in proc.stderr,
                     f"{cut.name}: no warning for the truncated record: {proc.stderr[-800:]}")
        converted = len(common.md_files(out_cut))
        common.check(converted >= expected - 1,
                     f"{cut.name}: {converted} pages converted, at least {expected - 1} expected")
    common.finish("WARC archives")


if __name__ == "__main__":
    main()
