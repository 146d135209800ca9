#pragma once

// WARC web archives (ISO 28500, WARC/1.0 and 1.1), as crawlers write them: records of a header
// block ("WARC/1.1", named fields, a blank line) and Content-Length bytes of content, each
// followed by two CRLFs; the file plain (.warc) or gzip'd (.warc.gz), usually one gzip member
// per record so that a record can be read without inflating the ones before it. A small reader
// on zlib: libwarc is not packaged by Debian, and warcio/warctools are Python.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clipdown::warc {

/// Where a record starts: the gzip member it begins in (or its byte offset in a plain file), and
/// how many inflated bytes of that member come before it (0 when a member holds one record).
struct RecordRef {
  std::uint64_t offset = 0;
  std::uint64_t skip = 0;
};

/// One record, its content read.
struct Record {
  RecordRef at;
  std::string type;          ///< WARC-Type: response, resource, request, metadata, ...
  std::string target_uri;    ///< WARC-Target-URI ("" when absent)
  std::string record_id;     ///< WARC-Record-ID without its angle brackets
  std::string content_type;  ///< the record's Content-Type ("application/http; msgtype=response")
  std::string block;         ///< the record's content (an HTTP response for response records)
};

/// What scan() found: the records that hold an HTML page, in archive order, and why others
/// were passed over.
struct Scan {
  std::vector<RecordRef> pages;
  std::size_t records = 0;            ///< records read
  std::vector<std::string> warnings;  ///< malformed or truncated records, with their offsets
  bool one_stream = false;            ///< several records share a gzip member (slow to read each)
};

/// Whether a file starts like a WARC archive: "WARC/1." (once gzip is inflated).
bool is_warc(std::string_view first_bytes);

/// Reads the archive at `path` once, record by record (memory stays flat whatever its size),
/// and lists the pages in it: `response` records whose HTTP status is 200 and whose
/// Content-Type is HTML, and `resource` records of an HTML Content-Type. A malformed record is
/// skipped with a warning naming its offset; the reader picks up at the next "WARC/" line. A
/// truncated last record ends the scan with a warning. Throws Error(Errc::input) when the file
/// cannot be read.
Scan scan(const std::string& path);

/// The record at `at` (from scan()), its content at most `max_bytes`. Throws Error(Errc::decode)
/// when it is not there, is malformed, truncated or larger than `max_bytes`.
Record read(const std::string& path, RecordRef at, std::size_t max_bytes);

/// The page a record holds.
struct Page {
  std::string body;     ///< the HTML bytes (chunked transfer and deflate undone; gzip is left
                        ///< to decode(), which unpacks it)
  std::string charset;  ///< the charset of the HTTP Content-Type, or ""
  std::string url;      ///< the record's WARC-Target-URI
  std::string record_id;
};

/// The page of a `response` (the HTTP response's body) or `resource` record (its content).
/// Throws Error(Errc::decode) when the record holds no HTML page (a status other than 200, another
/// Content-Type, a content encoding that cannot be undone), Error(Errc::too_large) when a deflate
/// body inflates past `max_bytes`.
Page page_of(Record record, std::size_t max_bytes);

/// `Transfer-Encoding: chunked` undone; a malformed or cut-short body keeps what was read.
std::string dechunk(std::string_view body);

}  // namespace clipdown::warc
