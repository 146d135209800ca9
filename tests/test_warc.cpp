// The WARC reader on archives built here record by record: plain, a gzip member per record,
// one gzip stream for all, a malformed record, a truncated end; and the HTTP layer (status,
// Content-Type, chunked transfer, deflate).

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <zlib.h>

#include "clipdown/error.hpp"
#include "warc.hpp"

namespace fs = std::filesystem;
using namespace clipdown;

namespace {

std::string record(const std::string& type, const std::string& uri, const std::string& ctype,
                   const std::string& block, int n) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000" + std::to_string(n) +
         ">\r\nContent-Type: " + ctype + "\r\nContent-Length: " + std::to_string(block.size()) +
         "\r\n\r\n" + block + "\r\n\r\n";
}

std::string response(const std::string& status, const std::string& headers,
                     const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body;
}

/// `data` deflated with zlib's `window_bits` (16 + MAX_WBITS: gzip; MAX_WBITS: zlib; negative:
/// raw deflate).
std::string compress(const std::string& data, int window_bits) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));  // NOLINT
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());  // NOLINT
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string gzip(const std::string& data) {
  return compress(data, 16 + MAX_WBITS);
}

const std::string kPage = "<html><head><title>T</title></head><body><p>Hello</p></body></html>";

/// The records of a small crawl: warcinfo, request, a page, a 404, an image, a resource page.
std::vector<std::string> crawl() {
  return {
      record("warcinfo", "", "application/warc-fields", "software: test\r\n", 1),
      record("request", "http://a.test/p", "application/http; msgtype=request",
             "GET /p HTTP/1.1\r\nHost: a.test\r\n\r\n", 2),
      record("response", "http://a.test/p", "application/http; msgtype=response",
             response("200 OK", "Content-Type: text/html; charset=ISO-8859-1\r\n", kPage), 3),
      record("response", "http://a.test/gone", "application/http; msgtype=response",
             response("404 Not Found", "Content-Type: text/html\r\n", kPage), 4),
      record("response", "http://a.test/i.png", "application/http; msgtype=response",
             response("200 OK", "Content-Type: image/png\r\n", "\x89PNG"), 5),
      record("resource", "http://a.test/r", "text/html", kPage, 6),
  };
}

fs::path write(const std::string& name, const std::string& bytes) {
  const fs::path path = fs::temp_directory_path() / ("clipdown-test-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace

TEST_CASE("warc: the pages of a plain and of a per-record gzip archive", "[warc]") {
  std::string plain;
  std::string members;
  for (const auto& r : crawl()) {
    plain += r;
    members += gzip(r);
  }
  for (const auto& [name, bytes] : {std::pair{"plain.warc", plain}, {"members.warc.gz", members}}) {
    const fs::path path = write(name, bytes);
    const warc::Scan scan = warc::scan(path.string());
    CHECK(scan.records == 6);
    CHECK(scan.warnings.empty());
    CHECK_FALSE(scan.one_stream);
    REQUIRE(scan.pages.size() == 2);
    CHECK(scan.pages[0].skip == 0);
    const warc::Page page =
        warc::page_of(warc::read(path.string(), scan.pages[0], 1 << 20), 1 << 20);
    CHECK(page.body == kPage);
    CHECK(page.charset == "ISO-8859-1");
    CHECK(page.url == "http://a.test/p");
    CHECK(page.record_id == "urn:uuid:00000000-0000-0000-0000-000000000003");
    const warc::Page resource =
        warc::page_of(warc::read(path.string(), scan.pages[1], 1 << 20), 1 << 20);
    CHECK(resource.body == kPage);
    CHECK(resource.url == "http://a.test/r");
    CHECK_THROWS_AS(warc::read(path.string(), scan.pages[0], 10), Error);  // over max_bytes
    fs::remove(path);
  }
}

TEST_CASE("warc: one gzip stream for the whole archive is read through", "[warc]") {
  std::string all;
  for (const auto& r : crawl()) all += r;
  const fs::path path = write("stream.warc.gz", gzip(all));
  const warc::Scan scan = warc::scan(path.string());
  CHECK(scan.one_stream);
  REQUIRE(scan.pages.size() == 2);
  CHECK(scan.pages[1].skip > 0);
  CHECK(warc::page_of(warc::read(path.string(), scan.pages[1], 1 << 20), 1 << 20).url ==
        "http://a.test/r");
  fs::remove(path);
}

TEST_CASE("warc: a malformed record is skipped, a truncated end stops with a warning", "[warc]") {
  const auto records = crawl();
  std::string bytes = records[0] + "GARBAGE LINE\r\nmore garbage\r\n" + records[2] + records[5];
  bytes.resize(bytes.size() - 20);  // cuts into the last record's content
  const fs::path path = write("broken.warc", bytes);
  const warc::Scan scan = warc::scan(path.string());
  REQUIRE(scan.warnings.size() == 2);
  CHECK(scan.warnings[0].starts_with("malformed record at offset " +
                                     std::to_string(records[0].size())));
  CHECK(scan.warnings[1].starts_with("truncated record at offset"));
  REQUIRE(scan.pages.size() == 1);
  CHECK(warc::page_of(warc::read(path.string(), scan.pages[0], 1 << 20), 1 << 20).body == kPage);
  fs::remove(path);
}

TEST_CASE("warc: what a response record must be to hold a page", "[warc]") {
  warc::Record r;
  r.type = "response";
  r.block = response("404 Not Found", "Content-Type: text/html\r\n", kPage);
  CHECK_THROWS_WITH(warc::page_of(r, 1 << 20), "HTTP status 404");
  r.block = response("200 OK", "Content-Type: application/pdf\r\n", "%PDF");
  CHECK_THROWS_WITH(warc::page_of(r, 1 << 20), Catch::Contains("application/pdf"));
  r.block = response("200 OK", "Content-Type: text/html\r\nContent-Encoding: br\r\n", "x");
  CHECK_THROWS_WITH(warc::page_of(r, 1 << 20), Catch::Contains("'br'"));
  r.block = response("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                     "5\r\n<p>ab\r\n6;ext=1\r\ncd</p>\r\n0\r\n\r\n");
  CHECK(warc::page_of(r, 1 << 20).body == "<p>abcd</p>");
  r.type = "request";
  CHECK_THROWS(warc::page_of(r, 1 << 20));
}

TEST_CASE("warc: deflate content, zlib-wrapped or raw, within the size bound", "[warc]") {
  const std::string html = "<p>" + std::string(5000, 'a') + "</p>";
  warc::Record r;
  r.type = "response";
  for (const int bits : {MAX_WBITS, -MAX_WBITS}) {
    r.block = response("200 OK", "Content-Type: text/html\r\nContent-Encoding: deflate\r\n",
                       compress(html, bits));
    CHECK(warc::page_of(r, 1 << 20).body == html);
    try {
      (void)warc::page_of(r, 1000);
      FAIL("a body over the bound was inflated");
    } catch (const Error& e) {
      CHECK(e.code() == Errc::too_large);
    }
  }
  r.block = response("200 OK", "Content-Type: text/html\r\nContent-Encoding: deflate\r\n",
                     "not deflate data");
  CHECK_THROWS_WITH(warc::page_of(r, 1 << 20), "corrupt deflate content encoding");
}

TEST_CASE("warc: folded and mixed-case HTTP headers", "[warc]") {
  warc::Record r;
  r.type = "Response";
  r.block =
      response("200 OK", "content-TYPE: text/html;\r\n charset=\"windows-1252\"\r\n", "<p>x</p>");
  const warc::Page page = warc::page_of(r, 1 << 20);
  CHECK(page.body == "<p>x</p>");
  CHECK(page.charset == "windows-1252");
}

TEST_CASE("warc: chunked bodies, cut short or malformed, keep what was read", "[warc]") {
  CHECK(warc::dechunk("3\r\nabc\r\n0\r\n\r\n") == "abc");
  CHECK(warc::dechunk("3\nabc\n2\nde\n0\n") == "abcde");
  CHECK(warc::dechunk("A\r\n0123456789\r\n") == "0123456789");
  CHECK(warc::dechunk("5\r\nab") == "ab");        // cut short
  CHECK(warc::dechunk("zz\r\nabc\r\n").empty());  // not a chunk size
}

TEST_CASE("warc: is_warc looks at the first bytes, gzip'd or not", "[warc]") {
  CHECK(warc::is_warc("WARC/1.0\r\nWARC-Type: warcinfo"));
  CHECK(warc::is_warc(gzip("WARC/1.1\r\n")));
  CHECK_FALSE(warc::is_warc("<html>"));
  CHECK_FALSE(warc::is_warc(gzip("<html>")));
}

TEST_CASE("warc: an archive that cannot be opened is an error", "[warc]") {
  CHECK_THROWS_AS(warc::scan("/nonexistent/crawl.warc"), Error);
  CHECK_THROWS_WITH(warc::scan(fs::temp_directory_path().string()), "not a regular file");
}

TEST_CASE("warc: a record claiming more content than the archive holds", "[warc]") {
  const std::string huge =
      "WARC/1.1\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
      "Content-Length: 999999999999999999\r\n\r\n<p>x</p>";
  const fs::path path = write("huge.warc", huge);
  const warc::Scan scan = warc::scan(path.string());
  CHECK(scan.pages.empty());
  REQUIRE(scan.warnings.size() == 1);
  CHECK(scan.warnings[0].starts_with("truncated record at offset 0"));
  CHECK_THROWS_AS(warc::read(path.string(), {0, 0}, 1 << 20), Error);  // over max_bytes
  fs::remove(path);
}
