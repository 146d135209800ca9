// Shortcode syntax of Hugo and Zola made inert in a written body (issue 11 item 3). Real Hugo
// builds prove the Hugo rewrite (tests/integration/hugo_site.py); Zola is not packaged for
// Debian 12, so its rewrite is checked here against its grammar (components/markdown/src/
// content.pest in Zola's repository): each rewrite is the escaped form that Zola turns back
// into the original text.

#include <string>

#include <catch2/catch.hpp>

#include "shortcodes.hpp"

using clipdown::BodyTemplates;
using clipdown::make_inert;

TEST_CASE("hugo shortcodes are written in Hugo's comment form", "[shortcodes]") {
  const auto [in, out] = GENERATE(table<std::string, std::string>({
      {"Use {{< param \"secret\" >}} here.", "Use {{</* param \"secret\" */>}} here."},
      {"{{% notice %}}x{{% /notice %}}", "{{%/* notice */%}}x{{%/* /notice */%}}"},
      {"```\n{{< figure src=\"a\" >}}\n```", "```\n{{</* figure src=\"a\" */>}}\n```"},
      // Already escaped (a Hugo docs page): still renders as written.
      {"{{</* x */>}}", "{{</*/* x */*/>}}"},
      {"{{{< x >}}", "{{{</* x */>}}"},
      // Unclosed: a backslash between the braces (CommonMark text shows "{{<").
      {"a {{< b", "a {\\{< b"},
      {"a {{% b >}}", "a {\\{% b >}}"},
      // Not shortcodes.
      {"{{ .Title }} and {{ < x }}", "{{ .Title }} and {{ < x }}"},
      {"no braces", "no braces"},
  }));
  CAPTURE(in);
  CHECK(make_inert(in, BodyTemplates::hugo) == out);
  CHECK(make_inert(in, BodyTemplates::none) == in);
}

TEST_CASE("zola shortcode calls are written in Zola's escaped form", "[shortcodes]") {
  const auto [in, out] = GENERATE(table<std::string, std::string>({
      {"{{ f() }}", "{{/* f() */}}"},
      {"a {{ youtube(id=1, autoplay=true, url='hey') }} b",
       "a {{/* youtube(id=1, autoplay=true, url='hey') */}} b"},
      {"{{ g(a=[1, [2.5, -3],], b=\"x }} y\") }}", "{{/* g(a=[1, [2.5, -3],], b=\"x }} y\") */}}"},
      {"{{f(a=1 b=`c`)}}", "{{/*f(a=1 b=`c`)*/}}"},
      {"`{{ f() }}`", "`{{/* f() */}}`"},
      {"{% quote(author='Bo') %}\nBody {{ f() }}\n{% end %}",
       "{%/* quote(author='Bo') */%}\nBody {{ f() }}\n{%/* end */%}"},
      {"{%q()%}x{%end%}", "{%/*q()*/%}x{%/*end*/%}"},
      // Already escaped: a backslash keeps the markers as text.
      {"{{/* f() */}}", "{\\{/* f() */}}"},
      // Not shortcodes for Zola: left alone.
      {"{{ page.title }}", "{{ page.title }}"},
      {"{{ f(a=) }}", "{{ f(a=) }}"},
      {"{{ f(a=01) }}", "{{ f(a=01) }}"},
      {"{{ f(a=[,]) }}", "{{ f(a=[,]) }}"},
      {"{{ f(a=1,) }}", "{{ f(a=1,) }}"},
      {"{{ f(a='x) }}", "{{ f(a='x) }}"},
      {"{% f() %}{% end %}", "{% f() %}{% end %}"},  // a body needs one character
      {"{% f() %} no end", "{% f() %} no end"},
      {"{% if x %}", "{% if x %}"},
  }));
  CAPTURE(in);
  CHECK(make_inert(in, BodyTemplates::zola) == out);
}

TEST_CASE("shortcode escaping stays linear on hostile text", "[shortcodes]") {
  std::string hugo;
  std::string zola;
  for (int i = 0; i < 50000; ++i) {
    hugo += "{{< x ";
    zola += "{{ f(a='x {% g() %} ";
  }
  const std::string h = make_inert(hugo, BodyTemplates::hugo);
  CHECK(h.size() == hugo.size() + 50000);
  CHECK(make_inert(zola, BodyTemplates::zola) == zola);
}
