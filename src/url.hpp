#pragma once

// URL reference resolution (RFC 3986 section 5), hand-written: no library, no regex.

#include <string>
#include <string_view>

namespace clipdown {

/// Whether `url` starts with a scheme ("https:", "mailto:"): RFC 3986 ALPHA *( ALPHA / DIGIT /
/// "+" / "-" / "." ) followed by ':'.
bool has_scheme(std::string_view url);

/// The scheme of `url`, lowercased; empty when it has none.
std::string url_scheme(std::string_view url);

/// Whether `url` is absolute with an authority ("https://host/..."), usable as a base.
bool is_absolute_url(std::string_view url);

/// Whether `url` is an absolute http: or https: URL with a host: the only kind of base that
/// relative links are resolved against.
bool is_http_url(std::string_view url);

/// The one allow-list for link and image targets: `reference` resolved against `base` (used
/// only when is_http_url(base)), kept when the result is http:, https:, mailto: or relative;
/// "" for anything else (javascript:, vbscript:, data:, file:, ...). Applied to the resolved
/// URL, so a base cannot smuggle a scheme into relative links.
std::string allowed_url(std::string_view base, std::string_view reference);

/// The value of a hexadecimal digit (either case), or -1 for any other character: for %XX in
/// URLs and =XX in quoted-printable text.
int hex_digit(char c);

/// `text` with its %XX escapes decoded (a malformed escape is kept as written).
std::string percent_decode(std::string_view text);

/// A relative file path as a link target: each path segment percent-encoded where CommonMark
/// link destinations or URLs need it (spaces, '%', '(', ')', '<', '>', '#', '?', controls).
std::string path_to_url(std::string_view path);

/// Resolves `reference` against `base` (RFC 3986 section 5.2, with dot-segment removal).
/// Leading/trailing white space and embedded tabs/newlines of the reference are dropped, as
/// browsers do. When `base` has no scheme the cleaned reference is returned unchanged.
std::string resolve_url(std::string_view base, std::string_view reference);

}  // namespace clipdown
