#pragma once

// Site-generator shortcode syntax in a written Markdown body, made inert. Hugo and Zola look for
// shortcodes in the raw Markdown before rendering it, code blocks included, so a page that quotes
// "{{< param "secret" >}}" would publish a site parameter. Each rewrite here is one the generator
// itself undoes before rendering (its documented escape), so the rendered page shows the text as
// the article wrote it.

#include <string>
#include <string_view>

#include "clipdown/options.hpp"

namespace clipdown {

/// `markdown` with the shortcode syntax of `templates` made inert:
/// - Hugo: `{{< X >}}` -> `{{</* X */>}}` and `{{% X %}}` -> `{{%/* X */%}}` (Hugo renders the
///   text between the comment markers as written); an unclosed `{{<` or `{{%` gets a
///   backslash between the braces (`{\{<`, literal in CommonMark text).
/// - Zola: a call that Zola's grammar reads as a shortcode, `{{ f(k=v) }}` or
///   `{% f() %}...{% end %}`, -> `{{/* f(k=v) */}}` / `{%/* f() */%}...{%/* end */%}`; text
///   already in Zola's escaped form gets a backslash between the braces.
/// Anything else is returned unchanged.
std::string make_inert(std::string markdown, BodyTemplates templates);

}  // namespace clipdown
