#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <tuple>

#include <catch2/catch.hpp>
#include <iconv.h>
#include <zlib.h>

#include "clipdown/decode.hpp"
#include "clipdown/error.hpp"
#include "mhtml.hpp"

using clipdown::decode;
using clipdown::Decoded;
using clipdown::DecodeOptions;
using clipdown::Errc;
using clipdown::Error;
using clipdown::InputKind;
using clipdown::Severity;

namespace {

/// gzip-compresses `data` with zlib.
std::string gzip(std::string_view data) {
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                       Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

/// Converts UTF-8 `text` to `charset` with glibc iconv (to build legacy-encoded inputs).
std::string encode(std::string_view text, const char* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)));
  std::string out(text.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  const std::size_t rc = iconv(cd, &in, &in_left, &dst, &dst_left);
  iconv_close(cd);
  REQUIRE(rc != static_cast<std::size_t>(-1));
  out.resize(out.size() - dst_left);
  return out;
}

Decoded run(std::string_view bytes, DecodeOptions options = {}) {
  return decode(bytes, options);
}

bool has_diagnostic(const Decoded& decoded, Severity severity, std::string_view part) {
  return std::any_of(decoded.diagnostics.begin(), decoded.diagnostics.end(), [&](const auto& d) {
    return d.severity == severity && d.stage == "decode" &&
           d.message.find(part) != std::string::npos;
  });
}

bool has_warning(const Decoded& decoded) {
  return std::any_of(decoded.diagnostics.begin(), decoded.diagnostics.end(),
                     [](const auto& d) { return d.severity == Severity::warning; });
}

/// The message of the Error(Errc::decode) that decoding `bytes` throws, or "" if none.
std::string decode_error(std::string_view bytes, DecodeOptions options = {}) {
  try {
    (void)decode(bytes, options);
  } catch (const Error& e) {
    CHECK(e.code() == Errc::decode);
    return e.what();
  }
  return "";
}

constexpr std::string_view kRussian =
    "Москва, столица России, город федерального значения, административный центр "
    "Центрального федерального округа и центр Московской области, в состав которой не "
    "входит. Крупнейший по численности населения город России и её субъект.";

}  // namespace

// ---------------------------------------------------------------------------------------------
// UTF-8 validation and repair

TEST_CASE("is_valid_utf8 accepts well-formed UTF-8 and rejects the rest", "[decode]") {
  const auto [bytes, valid] = GENERATE(table<std::string, bool>({
      {"", true},
      {"plain ASCII text that is longer than sixteen bytes", true},
      {"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf", true},
      {"\xc0\xaf", false},                  // overlong '/'
      {"\xe0\x80\xaf", false},              // overlong, three bytes
      {"\xf0\x80\x80\xaf", false},          // overlong, four bytes
      {"\xed\xa0\x80", false},              // surrogate U+D800
      {"\xf4\x90\x80\x80", false},          // U+110000
      {"\xf5\x80\x80\x80", false},          // never a lead byte
      {"abc\x80", false},                   // lone continuation byte
      {"abc\xe2\x82", false},               // truncated at the end
      {"0123456789abcdef0123\xff", false},  // after the 16-byte fast path
  }));
  CAPTURE(bytes);
  CHECK(clipdown::is_valid_utf8(bytes) == valid);
}

TEST_CASE("repair_utf8 replaces each maximal invalid subpart with one U+FFFD", "[decode]") {
  const auto [bytes, repaired, count] = GENERATE(table<std::string, std::string, std::size_t>({
      {"fine \xc3\xa9", "fine \xc3\xa9", 0},
      // The Unicode Standard's example (chapter 3, U+FFFD substitution of maximal subparts).
      {"\x61\xf1\x80\x80\xe1\x80\xc2\x62\x80\x63\x80\xbf\x64",
       "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
       "b\xef\xbf\xbd"
       "c\xef\xbf\xbd\xef\xbf\xbd"
       "d",
       6},
      {"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd", 2},
      {"\xed\xa0\x80x", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx", 3},
      {"end \xe2\x82", "end \xef\xbf\xbd", 1},
  }));
  std::string text = bytes;
  CHECK(clipdown::repair_utf8(text) == count);
  CHECK(text == repaired);
  CHECK(clipdown::is_valid_utf8(text));
}

// ---------------------------------------------------------------------------------------------
// gzip

TEST_CASE("decode inflates gzip input", "[decode]") {
  const std::string page = "<!doctype html><html><body><p>Hello, world.</p></body></html>\n";
  const Decoded decoded = run(gzip(page));
  CHECK(decoded.utf8 == page);
  CHECK(decoded.kind == InputKind::html);
  CHECK_FALSE(has_warning(decoded));
}

TEST_CASE("decode inflates every member of a concatenated gzip stream", "[decode]") {
  CHECK(run(gzip("first part, ") + gzip("second part\n")).utf8 == "first part, second part\n");
}

TEST_CASE("decode unpacks a gzip file of gzip data and warns about trailing bytes", "[decode]") {
  CHECK(run(gzip(gzip("twice packed\n"))).utf8 == "twice packed\n");
  const Decoded decoded = run(gzip("text\n") + "junk");
  CHECK(decoded.utf8 == "text\n");
  CHECK(has_diagnostic(decoded, Severity::warning, "ignored 4 bytes after the gzip data"));
}

TEST_CASE("decode keeps what a truncated gzip stream held, with a warning", "[decode]") {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "Line " + std::to_string(i) + " of a long article.\n";
  const std::string packed = gzip(text);
  const Decoded decoded = run(std::string_view(packed).substr(0, packed.size() * 2 / 3));
  CHECK_FALSE(decoded.utf8.empty());
  CHECK(text.starts_with(decoded.utf8));
  CHECK(has_diagnostic(decoded, Severity::warning, "truncated gzip data"));
}

TEST_CASE("decode refuses a gzip stream that yields nothing", "[decode]") {
  CHECK(decode_error(std::string("\x1f\x8b\x08\x00garbage-garbage", 19)) == "corrupt gzip data");
  CHECK(decode_error("\x1f\x8b") == "corrupt gzip data");
}

TEST_CASE("decode refuses gzip of nothing as empty input", "[decode]") {
  CHECK(decode_error(gzip("")) == "empty input");
}

// ---------------------------------------------------------------------------------------------
// Empty, binary, forced charset

TEST_CASE("decode refuses empty and blank input", "[decode]") {
  CHECK(decode_error("") == "empty input");
  CHECK(decode_error(" \n\t\r\n ") == "empty input");
  CHECK(decode_error("\xef\xbb\xbf") == "empty input");
  CHECK(decode_error(std::string("\xff\xfe \x00\n\x00", 6)) == "empty input");
}

TEST_CASE("decode refuses binary data and names known formats", "[decode]") {
  const auto [bytes, message] = GENERATE(table<std::string, std::string>({
      {std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 16),
       "binary data (PNG image), not a web page or text"},
      {"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary data (PDF document), not a web page or text"},
      {std::string("PK\x03\x04\x14\x00\x00\x00", 8),
       "binary data (ZIP archive), not a web page or text"},
      {std::string("\x7f"
                   "ELF\x02\x01\x01\x00",
                   8),
       "binary data (ELF executable), not a web page or text"},
  }));
  CHECK(decode_error(bytes) == message);
}

TEST_CASE("decode refuses unnamed binary data full of control bytes", "[decode]") {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 7919) % 256);
  CHECK(decode_error(bytes) == "binary data, not a web page or text");
}

TEST_CASE("decode refuses an unknown forced charset", "[decode]") {
  CHECK(decode_error("text", {.charset = "klingon-8"}) == "unknown charset 'klingon-8'");
}

TEST_CASE("a forced charset wins over the declaration", "[decode]") {
  const std::string page = "<meta charset=utf-8><p>" + encode("Привет", "KOI8-R") + "</p>";
  const Decoded decoded = run(page, {.charset = "KOI8-R"});
  CHECK(decoded.charset == "KOI8-R");
  CHECK(decoded.utf8 == "<meta charset=utf-8><p>Привет</p>");
  CHECK(has_diagnostic(decoded, Severity::note, "charset KOI8-R"));
}

// ---------------------------------------------------------------------------------------------
// BOM and UTF-16

TEST_CASE("decode reads byte order marks and strips them", "[decode]") {
  const auto [prefix, charset] = GENERATE(table<std::string, std::string>({
      {"\xef\xbb\xbf", "UTF-8"},
      {"\xff\xfe", "UTF-16LE"},
      {"\xfe\xff", "UTF-16BE"},
      {std::string("\xff\xfe\x00\x00", 4), "UTF-32LE"},
      {std::string("\x00\x00\xfe\xff", 4), "UTF-32BE"},
  }));
  const std::string text = "Größe: 10 € — ok\n";
  const std::string body = charset == "UTF-8" ? text : encode(text, charset.c_str());
  const Decoded decoded = run(prefix + body);
  CHECK(decoded.charset == charset);
  CHECK(decoded.utf8 == text);
  CHECK(has_diagnostic(decoded, Severity::note, "byte order mark"));
}

TEST_CASE("decode recognises UTF-16 without a byte order mark", "[decode]") {
  const std::string page = "<html><body><p>Grüße aus Köln</p></body></html>\n";
  const Decoded le = run(encode(page, "UTF-16LE"));
  CHECK(le.charset == "UTF-16LE");
  CHECK(le.utf8 == page);
  CHECK(le.kind == InputKind::html);
  CHECK(run(encode(page, "UTF-16BE")).charset == "UTF-16BE");
}

// ---------------------------------------------------------------------------------------------
// Declarations

TEST_CASE("decode follows <meta charset> and http-equiv declarations", "[decode]") {
  const auto [head, body, charset] = GENERATE(table<std::string, std::string, std::string>({
      {"<meta charset=\"windows-1251\">", "Привет, мир", "windows-1251"},
      {"<META CHARSET=windows-1251 />", "Привет, мир", "windows-1251"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">", "café crème",
       "windows-1252"},
      {"<meta content='text/html;charset=Shift_JIS' http-equiv=content-type>", "日本語のページ",
       "Shift_JIS"},
      {"<meta charset='x-sjis'>", "日本語のページ", "Shift_JIS"},
      {"<meta charset=gb2312>", "中文网页", "GBK"},
      {"<meta charset=latin1>", "€uro", "windows-1252"},
      {"<meta charset=us-ascii>", "naïve", "windows-1252"},
  }));
  const char* iconv_name = charset == "windows-1252" ? "CP1252"
                           : charset == "Shift_JIS"  ? "CP932"
                           : charset == "GBK"        ? "GB18030"
                                                     : charset.c_str();
  const std::string page =
      "<html><head>" + head + "<title>t</title></head><body><p>" + body + "</p></body></html>";
  const std::string expected =
      "<html><head>" + head + "<title>t</title></head><body><p>" + body + "</p></body></html>";
  const Decoded decoded = run(encode(page, iconv_name));
  CAPTURE(head);
  CHECK(decoded.charset == charset);
  CHECK(decoded.utf8 == expected);
  CHECK(decoded.kind == InputKind::html);
  CHECK(has_diagnostic(decoded, Severity::note, "charset " + charset + " from <meta"));
  CHECK_FALSE(has_warning(decoded));
}

TEST_CASE("a <meta> inside a comment or an attribute value is not a declaration", "[decode]") {
  const std::string page =
      "<html><head><!-- <meta charset=koi8-r> --><link title='<meta charset=koi8-r>'>"
      "<meta charset=windows-1251></head><body>" +
      encode("Привет", "CP1251") + "</body></html>";
  CHECK(run(page).charset == "windows-1251");
}

TEST_CASE("decode follows the XML declaration's encoding", "[decode]") {
  const std::string page = "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?>\n<html><body><p>" +
                           encode("Zażółć gęślą jaźń", "ISO-8859-2") + "</p></body></html>";
  const Decoded decoded = run(page);
  CHECK(decoded.charset == "ISO-8859-2");
  CHECK(decoded.utf8.find("Zażółć gęślą jaźń") != std::string::npos);
  CHECK(decoded.kind == InputKind::html);
}

TEST_CASE("a UTF-8 declaration over bytes that are not UTF-8 falls back to detection", "[decode]") {
  const std::string page =
      "<html><head><meta charset=utf-8></head><body><p>caf\xe9 cr\xe8me</p></body></html>";
  const Decoded decoded = run(page);
  CHECK(decoded.charset == "windows-1252");
  CHECK(decoded.utf8.find("café crème") != std::string::npos);
  CHECK(has_diagnostic(decoded, Severity::warning, "declares UTF-8"));
}

TEST_CASE("an unknown declared charset warns and falls back to detection", "[decode]") {
  const Decoded decoded =
      run("<html><head><meta charset=bogus-9></head><body><p>Grüße</p></body></html>");
  CHECK(decoded.charset == "UTF-8");
  CHECK(has_diagnostic(decoded, Severity::warning, "unknown charset 'bogus-9'"));
}

TEST_CASE("a UTF-16 declaration in ASCII-compatible bytes means UTF-8", "[decode]") {
  const Decoded decoded = run("<html><head><meta charset=utf-16></head><body>Grüße</body></html>");
  CHECK(decoded.charset == "UTF-8");
  CHECK(decoded.utf8.find("Grüße") != std::string::npos);
}

TEST_CASE("text input ignores what looks like a <meta> declaration", "[decode]") {
  const Decoded decoded =
      run("A note about <meta charset=koi8-r> tags.\n", {.kind = InputKind::text});
  CHECK(decoded.charset == "UTF-8");
}

// ---------------------------------------------------------------------------------------------
// Detection

TEST_CASE("undeclared valid UTF-8 reads as UTF-8", "[decode]") {
  const Decoded decoded = run("Grüße aus Köln\n");
  CHECK(decoded.charset == "UTF-8");
  CHECK(decoded.utf8 == "Grüße aus Köln\n");
  CHECK(has_diagnostic(decoded, Severity::note, "charset UTF-8"));
}

TEST_CASE("undeclared legacy bytes are detected by uchardet", "[decode]") {
  const auto [text, iconv_name, charset] = GENERATE(table<std::string, std::string, std::string>({
      {std::string(kRussian), "CP1251", "windows-1251"},
      {std::string(kRussian), "KOI8-R", "KOI8-R"},
      {"Warszawa jest stolicą Polski i największym miastem kraju. Położona nad Wisłą, w "
       "środkowo-wschodniej części kraju. Źródła wspominają o niej od XIII wieku; żółć, gęś, łódź.",
       "CP1250", "windows-1250"},
      {"ירושלים היא עיר הבירה של מדינת ישראל והעיר הגדולה ביותר בה. העיר שוכנת בהרי יהודה, על "
       "קו פרשת המים הארצי של ארץ ישראל.",
       "CP1255", "windows-1255"},
      {"東京都は日本の首都であり、世界有数の大都市である。人口は約千四百万人で、政治、経済、文化の"
       "中心地として機能している。多くの企業の本社が集まっている。",
       "CP932", "Shift_JIS"},
      {"東京都は日本の首都であり、世界有数の大都市である。人口は約千四百万人で、政治、経済、文化の"
       "中心地として機能している。多くの企業の本社が集まっている。",
       "EUC-JP", "EUC-JP"},
      {"서울특별시는 대한민국의 수도이자 최대 도시이다. 한반도 중앙부에 위치하며, 한강이 도시를 "
       "가로질러 흐른다. 서울은 정치, 경제, 문화의 중심지이다.",
       "CP949", "EUC-KR"},
  }));
  const Decoded decoded = run(encode(text, iconv_name.c_str()));
  CAPTURE(iconv_name);
  CHECK(decoded.charset == charset);
  CHECK(decoded.utf8 == text);
  CHECK(has_diagnostic(decoded, Severity::note, "uchardet"));
}

TEST_CASE("a Latin guess that reads only shared punctuation stays windows-1252", "[decode]") {
  // Curly quotes and dashes are the same bytes in windows-1250 and windows-1252: a detector's
  // windows-1250 guess over them is noise.
  std::string text;
  for (int i = 0; i < 6; ++i) {
    text += "The minister’s office said “no comment” — again. ";
  }
  const Decoded decoded = run(encode(text, "CP1252"));
  CHECK(decoded.charset == "windows-1252");
  CHECK(decoded.utf8 == text);
}

TEST_CASE("undeclared legacy bytes with little evidence read as windows-1252", "[decode]") {
  const Decoded decoded = run("The caf\xe9 costs 5\x80 \x96 cheap.\n");
  CHECK(decoded.charset == "windows-1252");
  CHECK(decoded.utf8 == "The café costs 5€ – cheap.\n");
}

TEST_CASE("bytes that are neither UTF-8 nor plausible windows-1252 are repaired as UTF-8",
          "[decode]") {
  const Decoded decoded = run("It is served \xff\xfe hot, \xe2\x28\xa1 fresh.\n");
  CHECK(decoded.charset == "UTF-8");
  CHECK(decoded.utf8 ==
        "It is served \xef\xbf\xbd\xef\xbf\xbd hot, \xef\xbf\xbd(\xef\xbf\xbd fresh.\n");
  CHECK(
      has_diagnostic(decoded, Severity::warning, "replaced 4 invalid byte sequences with U+FFFD"));
}

TEST_CASE("mostly valid UTF-8 is repaired with a warning", "[decode]") {
  std::string text;
  for (int i = 0; i < 10; ++i) text += "Grüße aus Köln. ";
  text += "bad \xff byte\n";
  const Decoded decoded = run(text);
  CHECK(decoded.charset == "UTF-8");
  CHECK(decoded.utf8.find("bad \xef\xbf\xbd byte") != std::string::npos);
  CHECK(
      has_diagnostic(decoded, Severity::warning, "replaced 1 invalid byte sequences with U+FFFD"));
}

// ---------------------------------------------------------------------------------------------
// Clean-up

TEST_CASE("UTF-8 saved twice over is decoded once more", "[decode]") {
  // "it’s — “quoted” 😀" read as windows-1252 (’ “) or Latin-1 (—, as C1 controls) and saved
  // as UTF-8 again
  const std::string twice =
      "it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s \xc3\xa2\xc2\x80\xc2\x94 \xc3\xa2\xe2\x82\xac\xc5\x93"
      "quoted\xc3\xa2\xe2\x82\xac\xc2\x9d \xc3\xb0\xc5\xb8\xcb\x9c\xe2\x82\xac, "
      "caf\xc3\x83\xc2\xa9";
  const Decoded decoded = run("<p>" + twice + "</p>");
  CHECK(decoded.utf8 ==
        "<p>it\xe2\x80\x99s \xe2\x80\x94 \xe2\x80\x9cquoted\xe2\x80\x9d \xf0\x9f\x98\x80, "
        "caf\xc3\xa9</p>");
  CHECK(has_diagnostic(decoded, Severity::warning,
                       "repaired 6 characters encoded twice (UTF-8 read as windows-1252 and "
                       "saved as UTF-8 again)"));
}

TEST_CASE("text that only looks double-encoded here and there is left alone", "[decode]") {
  // real Latin-1 letters next to each other, and fewer than three unmistakable sequences
  const std::string text =
      "Ã© is a digraph, Â° a degree, caf\xc3\xa9 na\xc3\xafve. "
      "One stray it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s.";
  const Decoded decoded = run(text);
  CHECK(decoded.utf8 == text);
  CHECK_FALSE(has_warning(decoded));
}

TEST_CASE("decode turns CRLF and lone CR into LF", "[decode]") {
  CHECK(run("one\r\ntwo\rthree\n\r\nfour").utf8 == "one\ntwo\nthree\n\nfour");
}

TEST_CASE("decode removes NUL bytes with a warning", "[decode]") {
  std::string text = "A long enough line of text to hold one stray NUL byte here: ";
  text += '\0';
  text += " and more text after it.\n";
  const Decoded decoded = run(text);
  CHECK(decoded.utf8.find('\0') == std::string::npos);
  CHECK(has_diagnostic(decoded, Severity::warning, "removed 1 NUL bytes"));
}

// ---------------------------------------------------------------------------------------------
// HTML or text

TEST_CASE("decode sniffs HTML or text", "[decode]") {
  const auto [content, name, kind] = GENERATE(table<std::string, std::string, InputKind>({
      {"<!DOCTYPE html>\n<html><body>x</body></html>", "", InputKind::html},
      {"  \n<!-- saved from url=(0030)https://example.com/ -->\n<HTML lang=en>", "",
       InputKind::html},
      {"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">", "",
       InputKind::html},
      {"<head><title>t</title></head>", "", InputKind::html},
      {"<body>Hello</body>", "", InputKind::html},
      {"<div class=a><p>One</p><p>Two</p><br></div>", "", InputKind::html},
      {"Intro text\n<p>para</p>\n<a href=\"x\">link</a>\n</div>", "", InputKind::html},
      {"Title of the article\n\nBy Jane Doe\n\nThe first paragraph.\n", "", InputKind::text},
      {"Use the <p> tag for paragraphs, says the guide.\n", "", InputKind::text},
      {"<p>Hello</p>", "", InputKind::text},
      {"<p>Hello</p>", "fragment.html", InputKind::html},
      {"<p>Hello</p>", "fragment.HTM.gz", InputKind::html},
      {"<div><p>One</p><p>Two</p></div>", "notes.txt", InputKind::text},
      {"<!doctype html><html><body>x</body></html>", "saved.txt", InputKind::html},
      {"Just words.", "page.html", InputKind::text},
      {"<html><body>x</body></html>", "", InputKind::html},
      {"<htmlish> is not a tag we know\n", "", InputKind::text},
  }));
  CAPTURE(content, name);
  CHECK(run(content, {.name = name}).kind == kind);
}

TEST_CASE("a forced input kind wins over sniffing", "[decode]") {
  CHECK(run("<!doctype html><html></html>", {.kind = InputKind::text}).kind == InputKind::text);
  CHECK(run("Just words.", {.kind = InputKind::html}).kind == InputKind::html);
}

// ---------------------------------------------------------------------------------------------
// Benchmark pages

TEST_CASE("every benchmark page decodes as HTML", "[decode]") {
  const std::filesystem::path folder =
      std::filesystem::path(CLIPDOWN_SHARED_DIR) / "bench" / "scrapinghub" / "html";
  if (!std::filesystem::is_directory(folder)) {
    WARN("no benchmark folder at " << folder.string() << ": skipped");
    SUCCEED();
    return;
  }
  std::size_t pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (!name.ends_with(".html.gz")) continue;
    std::ifstream file(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    CAPTURE(name);
    Decoded decoded;
    REQUIRE_NOTHROW(decoded = decode(bytes, {.name = name}));
    CHECK(decoded.kind == InputKind::html);
    CHECK(clipdown::is_valid_utf8(decoded.utf8));
    CHECK(decoded.utf8.find('\r') == std::string::npos);
    ++pages;
  }
  CHECK(pages > 0);
}

TEST_CASE("decode refuses input and inflated data over max_bytes as too large", "[decode]") {
  // Errc::too_large, apart from data that is not a page: the CLI tries gzip data again under a
  // larger memory lease when it inflates past the size it states.
  const auto code_and_message = [](std::string_view bytes, std::size_t max_bytes) {
    DecodeOptions options;
    options.max_bytes = max_bytes;
    try {
      (void)decode(bytes, options);
    } catch (const Error& e) {
      return std::make_pair(e.code(), std::string(e.what()));
    }
    return std::make_pair(Errc::io, std::string());
  };
  CHECK(code_and_message("<p>nine and more</p>", 8) ==
        std::make_pair(Errc::too_large, std::string("input is larger than 8 bytes")));
  CHECK(code_and_message(gzip(std::string(100, 'x')), 64) ==
        std::make_pair(Errc::too_large, std::string("gzip data inflates to more than 64 bytes")));
}

// --- MHTML ("Save as single file") ---

namespace {

/// An MHTML message around one text/html part (and an image part after it).
std::string mhtml_message(std::string_view part_headers, std::string_view body) {
  return std::string(
             "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
             "Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
             "\tboundary=\"----Boundary--x1\"\r\n\r\n\r\n"
             "------Boundary--x1\r\n") +
         std::string(part_headers) + "\r\n" + std::string(body) +
         "\r\n------Boundary--x1\r\nContent-Type: image/png\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n------Boundary--x1--\r\n";
}

}  // namespace

TEST_CASE("decode reads the HTML part of an MHTML file", "[decode][mhtml]") {
  const std::string qp =
      "<html><head><title>T</title></head><body><p class=3D\"x\">Caf=C3=A9 au lait, a long =\r\n"
      "line broken softly.</p></body></html>";
  const Decoded d = decode(mhtml_message("Content-Type: text/html\r\n"
                                         "Content-Transfer-Encoding: quoted-printable\r\n"
                                         "Content-Location: https://example.org/a/\r\n",
                                         qp),
                           DecodeOptions{});
  CHECK(d.kind == InputKind::html);
  CHECK(d.location == "https://example.org/a/");
  CHECK(d.utf8 ==
        "<html><head><title>T</title></head><body><p class=\"x\">Caf\xc3\xa9 au lait, a long "
        "line broken softly.</p></body></html>");
  CHECK(d.charset == "UTF-8");

  SECTION("in the charset its part declares, base64 encoded") {
    const Decoded latin =
        decode(mhtml_message("Content-Type: text/html; charset=\"windows-1252\"\r\n"
                             "Content-Transfer-Encoding: base64\r\n",
                             "PHA+Q2Fm6SBhdSBsYWl0PC9wPg=="),  // <p>Caf\xe9 au lait</p>
               DecodeOptions{});
    CHECK(latin.utf8 == "<p>Caf\xc3\xa9 au lait</p>");
    CHECK(latin.charset == "windows-1252");
    CHECK(latin.location.empty());
  }
  SECTION("an MHTML file without an HTML part is an error that says so") {
    const std::string images_only =
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\n"
        "Content-Type: image/png\r\n\r\nxx\r\n--b--\r\n";
    CHECK_THROWS_WITH(decode(images_only, DecodeOptions{}), "MHTML without an HTML part");
  }
  SECTION("a page or text starting with header-like lines is no MHTML") {
    const Decoded text =
        decode("Subject: notes\nContent-Type: text/plain\n\nHello there.\n", DecodeOptions{});
    CHECK(text.utf8 == "Subject: notes\nContent-Type: text/plain\n\nHello there.\n");
  }
}

TEST_CASE("quoted-printable and base64 decode as RFC 2045 says", "[decode][mhtml]") {
  using clipdown::mhtml::decode_base64;
  using clipdown::mhtml::decode_quoted_printable;
  CHECK(decode_quoted_printable("a=3Db=\nc=\r\nd=20e") == "a=bcd e");
  CHECK(decode_quoted_printable("soft break with trailing space=  \r\nnext") ==
        "soft break with trailing spacenext");
  CHECK(decode_quoted_printable("=ZZ and =4") == "=ZZ and =4");  // malformed: kept
  CHECK(decode_base64("aGVs\r\nbG8=") == "hello");
  CHECK(decode_base64("aGVsbG8gd29ybGQ") == "hello world");  // no padding
}
