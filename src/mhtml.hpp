#pragma once

// MHTML (RFC 2557: a MIME multipart/related message), as browsers write "Save as single file"
// (.mhtml, .mht): the page's HTML is one part, its images and frames the others.

#include <string>
#include <string_view>

namespace clipdown::mhtml {

/// The page inside an MHTML file.
struct Page {
  std::string html;      ///< the first text/html part, its transfer encoding undone
  std::string charset;   ///< the part's declared charset, or ""
  std::string location;  ///< the part's Content-Location (the page's address), or ""
  std::string encoding;  ///< the part's Content-Transfer-Encoding, lower case ("quoted-printable")
};

/// Whether `bytes` start as an MHTML file: message headers whose Content-Type is
/// multipart/related (with a boundary), before the first blank line.
bool is_mhtml(std::string_view bytes);

/// The page of an MHTML file. Throws Error(Errc::decode) when the message has no boundary or
/// no text/html part.
Page read(std::string_view bytes);

/// Quoted-printable decoded (RFC 2045 6.7): soft line breaks removed, =XX bytes restored; a
/// malformed escape is kept as written.
std::string decode_quoted_printable(std::string_view text);

/// Base64 decoded (RFC 2045 6.8), white space skipped; decoding stops at padding or at the
/// first byte outside the alphabet.
std::string decode_base64(std::string_view text);

}  // namespace clipdown::mhtml
