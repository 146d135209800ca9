#include "url.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

#include <fmt/core.h>

namespace clipdown {

namespace {

// Schemes a link or image may point to; relative references are allowed too. Everything else
// can run code (javascript:, vbscript:), carry a payload (data:) or reach the reader's own
// files (file:).
constexpr std::array<std::string_view, 3> kAllowedSchemes = {"http", "https", "mailto"};
// Schemes of a usable base URL.
constexpr std::array<std::string_view, 2> kBaseSchemes = {"http", "https"};

/// The five components of a URI reference (RFC 3986 appendix B); `has_*` tell an empty
/// component from an absent one.
struct Parts {
  std::string_view scheme;
  std::string_view authority;
  std::string_view path;
  std::string_view query;
  std::string_view fragment;
  bool has_scheme = false;
  bool has_authority = false;
  bool has_query = false;
  bool has_fragment = false;
};

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// Length of the scheme at the start of `s` (0 when there is none).
std::size_t scheme_length(std::string_view s) {
  if (s.empty() || !is_alpha(s[0])) return 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ':') return i;
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

Parts split(std::string_view s) {
  Parts p;
  if (const std::size_t n = scheme_length(s); n > 0) {
    p.has_scheme = true;
    p.scheme = s.substr(0, n);
    s.remove_prefix(n + 1);
  }
  if (const std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    p.has_fragment = true;
    p.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (const std::size_t q = s.find('?'); q != std::string_view::npos) {
    p.has_query = true;
    p.query = s.substr(q + 1);
    s = s.substr(0, q);
  }
  if (s.size() >= 2 && s[0] == '/' && s[1] == '/') {
    p.has_authority = true;
    const std::size_t slash = s.find('/', 2);
    p.authority = s.substr(2, slash == std::string_view::npos ? std::string_view::npos : slash - 2);
    s = slash == std::string_view::npos ? std::string_view{} : s.substr(slash);
  }
  p.path = s;
  return p;
}

/// RFC 3986 section 5.2.4, in one linear pass over the input.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  const auto drop_last_segment = [&out] {
    const std::size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.remove_prefix(3);
    } else if (in.starts_with("./") || in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../")) {
      in.remove_prefix(3);
      drop_last_segment();
    } else if (in == "/..") {
      in = "/";
      drop_last_segment();
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      const std::size_t next = in.find('/', 1);
      const std::size_t len = next == std::string_view::npos ? in.size() : next;
      out.append(in.substr(0, len));
      in.remove_prefix(len);
    }
  }
  return out;
}

/// Strips leading/trailing C0 controls and spaces and removes embedded tabs and newlines.
std::string clean(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    if (c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

std::string compose(std::string_view scheme, bool has_authority, std::string_view authority,
                    std::string_view path, bool has_query, std::string_view query,
                    bool has_fragment, std::string_view fragment) {
  std::string out;
  out.reserve(scheme.size() + authority.size() + path.size() + query.size() + fragment.size() + 6);
  out.append(scheme).append(":");
  if (has_authority) out.append("//").append(authority);
  out.append(path);
  if (has_query) out.append("?").append(query);
  if (has_fragment) out.append("#").append(fragment);
  return out;
}

}  // namespace

bool has_scheme(std::string_view url) {
  return scheme_length(url) > 0;
}

std::string url_scheme(std::string_view url) {
  std::string out{url.substr(0, scheme_length(url))};
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_absolute_url(std::string_view url) {
  const Parts p = split(url);
  return p.has_scheme && p.has_authority && !p.authority.empty();
}

bool is_http_url(std::string_view url) {
  const std::string scheme = url_scheme(url);
  return is_absolute_url(url) &&
         std::find(kBaseSchemes.begin(), kBaseSchemes.end(), scheme) != kBaseSchemes.end();
}

std::string allowed_url(std::string_view base, std::string_view reference) {
  std::string url = resolve_url(is_http_url(base) ? base : std::string_view{}, reference);
  if (!has_scheme(url)) return url;
  const std::string scheme = url_scheme(url);
  if (std::find(kAllowedSchemes.begin(), kAllowedSchemes.end(), scheme) == kAllowedSchemes.end()) {
    return {};
  }
  return url;
}

std::string resolve_url(std::string_view base, std::string_view reference) {
  std::string ref = clean(reference);
  const Parts b = split(base);
  if (!b.has_scheme) return ref;
  const Parts r = split(ref);
  if (r.has_scheme) {
    return compose(r.scheme, r.has_authority, r.authority, remove_dot_segments(r.path), r.has_query,
                   r.query, r.has_fragment, r.fragment);
  }
  if (r.has_authority) {
    return compose(b.scheme, true, r.authority, remove_dot_segments(r.path), r.has_query, r.query,
                   r.has_fragment, r.fragment);
  }
  if (r.path.empty()) {
    return compose(b.scheme, b.has_authority, b.authority, b.path, r.has_query || b.has_query,
                   r.has_query ? r.query : b.query, r.has_fragment, r.fragment);
  }
  std::string path;
  if (r.path.front() == '/') {
    path = remove_dot_segments(r.path);
  } else {
    std::string merged;
    if (b.has_authority && b.path.empty()) {
      merged = "/";
    } else {
      const std::size_t slash = b.path.rfind('/');
      if (slash != std::string_view::npos) merged = std::string{b.path.substr(0, slash + 1)};
    }
    merged.append(r.path);
    path = remove_dot_segments(merged);
  }
  return compose(b.scheme, b.has_authority, b.authority, path, r.has_query, r.query, r.has_fragment,
                 r.fragment);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
        hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string path_to_url(std::string_view path) {
  constexpr std::string_view kEscaped = " %()<>#?\"[]";
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || kEscaped.find(c) != std::string_view::npos) {
      out += fmt::format("%{:02X}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace clipdown
