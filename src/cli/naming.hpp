#pragma once

// File names for -o DIR: name templates, slugs, path-component sanitising, collision suffixes and
// the containment check. Pure functions of their arguments (no file system access).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

namespace clipdown::cli {

/// Longest {slug}, in bytes (cut at a '-' boundary).
inline constexpr std::size_t kMaxSlugBytes = 80;
/// Longest path component, in bytes (cut at a UTF-8 boundary); well under NAME_MAX (255).
inline constexpr std::size_t kMaxComponentBytes = 200;
/// The default --name template.
inline constexpr std::string_view kDefaultNameTemplate = "{slug}";

/// What a name template can use of one converted input.
struct NameFields {
  std::string title;  ///< the article title (metadata); may be empty
  std::string date;   ///< YYYY-MM-DD or RFC 3339 (metadata); may be empty
  std::string stem;   ///< input_stem() of the input path
  std::string hash;   ///< input_hash() of the input bytes
  std::string url;    ///< the page's address (--url, a WARC record's, the page's own), or ""
  std::string warc_record_id;  ///< a WARC record's WARC-Record-ID, or ""
};

/// {warc_record_id}: the last part of a WARC record's id ("urn:uuid:1b2c..." -> "1b2c..."), or
/// `stem` when there is no id (an input that is no WARC record).
std::string record_id_tail(std::string_view id, std::string_view stem);

/// Whether the page's date is known ({date} is not "undated").
bool is_dated(const NameFields& fields);

/// The title folded to ASCII for a file name: Latin accents and ligatures folded (é->e, ß->ss,
/// æ->ae), other scripts and symbols dropped, lowercase, runs of anything else -> '-', trimmed,
/// at most `max_bytes` (cut at a '-' boundary). May return "" (nothing foldable).
std::string slugify(std::string_view title, std::size_t max_bytes = kMaxSlugBytes);

/// The input's file name without its folders, a trailing ".gz" and a page extension (.html,
/// .htm, .txt, ...); "stdin" for "-".
std::string input_stem(std::string_view path);

/// FNV-1a (64-bit) of `bytes`: stable across runs and machines.
std::uint64_t fnv1a64(std::string_view bytes);

/// The {hash} field: the first 10 hex digits of fnv1a64(bytes).
std::string input_hash(std::string_view bytes);

/// One path component made safe on Linux, macOS and Windows: no control, bidi or zero-width
/// characters, none of <>:"/\|?*, no leading '.', '-' or space, no trailing dots or spaces,
/// Windows device names (CON, NUL, COM1, ...) suffixed with '_', at most `max_bytes` (cut at a
/// UTF-8 boundary); "untitled" when nothing is left.
std::string sanitize_component(std::string_view text, std::size_t max_bytes = kMaxComponentBytes);

/// Why `name_template` is not usable ("" when it is): an unknown or unclosed {field}, or a
/// "." or ".." folder.
std::string template_error(std::string_view name_template);

/// The relative path ('/'-separated) that `name_template` gives for `fields`, `extension`
/// (".md") appended unless the template already ends with it. Template '/' makes folders;
/// every component is sanitised; a field's own '/' never makes a folder.
std::string render_name(std::string_view name_template, const NameFields& fields,
                        std::string_view extension);

/// Whether `relative` (as render_name() gives) stays inside its output folder once lexically
/// normalised: not absolute, no ".." escaping, not empty.
bool stays_inside(std::string_view relative);

/// Hands out unique relative names in the order asked: the second "a.md" becomes "a-2.md", then
/// "a-3.md" (compared case-insensitively, for macOS and Windows file systems).
class NameRegistry {
 public:
  /// Claims `relative` (or the first free "-N" variant, the suffix before `extension`).
  std::string claim(const std::string& relative, std::string_view extension);

 private:
  std::unordered_set<std::string> taken_;  // ASCII-lowercased claimed names
};

}  // namespace clipdown::cli
