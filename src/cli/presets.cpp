// --preset: what each site generator reads, as data. One table per preset, one comment per
// entry saying why the key is named or shaped so. Sources: each generator's front-matter
// documentation (Hugo "Front matter", Jekyll "Front Matter" + jekyll-seo-tag, Zola "Page",
// Eleventy "Data cascade", Astro's blog starter content schema, Obsidian Web Clipper's default
// template).

#include "cli/presets.hpp"

#include <algorithm>

namespace clipdown::cli {

namespace {

using Field = MetaField;
using Shape = FieldShape;

// Hugo: YAML (Hugo reads YAML, TOML and JSON). Custom keys stay at the top level, where every
// Hugo version puts them in .Params (a `params:` map is only understood since v0.123).
FrontMatterDialect hugo() {
  return {.keys = {
              {.field = Field::title, .key = "title"},      // .Title
              {.field = Field::date, .key = "date"},        // .Date; RFC 3339 or YYYY-MM-DD
              {.field = Field::updated, .key = "lastmod"},  // .Lastmod
              // .Params.author, always a string: a theme printing it shows "[A B]" for a list
              {.field = Field::author, .key = "author", .shape = Shape::joined},
              {.field = Field::description, .key = "description"},          // .Description
              {.field = Field::tags, .key = "tags", .shape = Shape::list},  // default taxonomy
              {.field = Field::source, .key = "source"},                    // .Params.source
              // Not `url`: Hugo's `url` sets the page's own permalink.
              {.field = Field::url, .key = "source_url"},
              // `images` is the list Hugo's built-in opengraph and twitter_cards templates read.
              {.field = Field::image, .key = "images", .shape = Shape::list},
              // No `lang`: Hugo takes a page's language from the file name or content dir.
          }};
}

// Jekyll: YAML. Keys are the ones Jekyll and jekyll-seo-tag (GitHub Pages' default) read.
FrontMatterDialect jekyll() {
  return {.keys =
              {
                  {.field = Field::title, .key = "title"},  // page.title, <title>
                  // Overrides the date in the _posts/ file name (adds the time of day).
                  {.field = Field::date, .key = "date"},
                  // jekyll-seo-tag's article:modified_time and dateModified; jekyll-sitemap.
                  {.field = Field::updated, .key = "last_modified_at"},
                  // jekyll-seo-tag and themes print page.author: always a string
                  {.field = Field::author, .key = "author", .shape = Shape::joined},
                  {.field = Field::description, .key = "description"},          // jekyll-seo-tag
                  {.field = Field::tags, .key = "tags", .shape = Shape::list},  // site.tags
                  {.field = Field::source, .key = "source"},
                  // Not `url`: page.url is Jekyll's computed permalink and shadows it.
                  {.field = Field::url, .key = "source_url"},
                  {.field = Field::image, .key = "image"},  // jekyll-seo-tag og:image
                  {.field = Field::lang, .key = "lang"},    // jekyll-seo-tag og:locale
              },
          .constants = {
              // The `post` layout every Jekyll theme (minima included) ships.
              {.key = "layout", .values = {"post"}},
              // Jekyll runs Liquid over a post's body: an article quoting "{{ x }}" would print
              // a site variable, and an unclosed "{% raw %}" fails the build. Jekyll 4.0+
              // skips Liquid for the body (layouts still render) when this is false.
              {.key = "render_with_liquid", .values = {"false"}},
          }};
}

// Zola: TOML `+++`. Zola rejects unknown top-level keys: anything else goes under [extra].
FrontMatterDialect zola() {
  return {
      .keys =
          {
              {.field = Field::title, .key = "title"},
              {.field = Field::description, .key = "description"},
              {.field = Field::date, .key = "date"},        // TOML date or offset date-time, bare
              {.field = Field::updated, .key = "updated"},  // page.updated, same forms
              // `authors` is always an array of strings (page.authors, used by feeds).
              {.field = Field::author, .key = "authors", .shape = Shape::list},
              // Terms of the `tags` taxonomy (it must be declared in config.toml).
              {.field = Field::tags, .key = "tags", .shape = Shape::list, .table = "taxonomies"},
              // Zola has no such page keys: page.extra.* in templates.
              {.field = Field::source, .key = "source", .table = "extra"},
              {.field = Field::url, .key = "url", .table = "extra"},
              {.field = Field::image, .key = "image", .table = "extra"},
              // A page's language comes from its file name (page.fr.md), never front matter.
              {.field = Field::lang, .key = "lang", .table = "extra"},
          },
      // Zola's page front matter keys (content/page.md in Zola's documentation).
      .top_level = {"title", "description", "date", "updated", "weight", "draft", "slug", "path",
                    "aliases", "authors", "in_search_index", "template", "taxonomies", "extra"},
      .extra_table = "extra"};
}

// Eleventy: YAML. Only `date`, `tags`, `permalink`, `layout`, `pagination`, `page` and
// `eleventy*` mean something to Eleventy; `url` is plain data (page.url is separate).
FrontMatterDialect eleventy() {
  return {.keys =
              {
                  {.field = Field::title, .key = "title"},
                  {.field = Field::date, .key = "date"},        // sorts collections; page.date
                  {.field = Field::updated, .key = "updated"},  // plain data
                  // templates print {{ author }}: always a string
                  {.field = Field::author, .key = "author", .shape = Shape::joined},
                  {.field = Field::description, .key = "description"},
                  // Each tag becomes a collection (collections.<tag>).
                  {.field = Field::tags, .key = "tags", .shape = Shape::list},
                  {.field = Field::source, .key = "source"},
                  {.field = Field::url, .key = "url"},
                  {.field = Field::image, .key = "image"},
                  {.field = Field::lang, .key = "lang"},
              },
          .constants = {
              // Eleventy runs .md files through Liquid first (markdownTemplateEngine): an article
              // quoting "{{ x }}" or "{% include %}" would be executed. `md` renders the body as
              // Markdown only (layouts still render).
              {.key = "templateEngineOverride", .values = {"md"}},
          }};
}

// Astro: YAML for a content collection with the blog starter's schema (title, description,
// pubDate, updatedDate, heroImage); zod drops the keys a schema does not declare.
FrontMatterDialect astro() {
  return {.keys = {
              {.field = Field::title, .key = "title", .required = true},  // z.string()
              // z.string() in the starter: an empty description keeps the entry valid.
              {.field = Field::description, .key = "description", .required = true},
              {.field = Field::date, .key = "pubDate"},         // z.coerce.date()
              {.field = Field::updated, .key = "updatedDate"},  // z.coerce.date().optional()
              {.field = Field::image, .key = "heroImage"},
              // a schema declares one type for it: always a string (z.string())
              {.field = Field::author, .key = "author", .shape = Shape::joined},
              {.field = Field::tags, .key = "tags", .shape = Shape::list},
              {.field = Field::source, .key = "source"},
              {.field = Field::url, .key = "url"},
              {.field = Field::lang, .key = "lang"},
          }};
}

// Obsidian: the properties of Obsidian Web Clipper's default template. No `created` (the clip
// date would make output depend on the day it runs), no article tags (Obsidian tags cannot hold
// spaces); publisher, image and language are not in the template either.
FrontMatterDialect obsidian() {
  return {.keys =
              {
                  {.field = Field::title, .key = "title"},
                  {.field = Field::url, .key = "source"},  // the page's address
                  // A list property of links, so each author gets a note: ["[[Jane Doe]]"].
                  {.field = Field::author, .key = "author", .shape = Shape::wikilinks},
                  // A Date property (YYYY-MM-DD), not Date & time.
                  {.field = Field::date, .key = "published", .shape = Shape::day},
                  {.field = Field::description, .key = "description"},
              },
          // Every clipped note is tagged #clippings.
          .constants = {{.key = "tags", .values = {"clippings"}, .list = true}}};
}

}  // namespace

const std::vector<Preset>& presets() {
  static const std::vector<Preset> kAllPresets = {
      // Hugo expands shortcodes anywhere in the Markdown, code included: the body escapes them.
      {.name = "hugo",
       .dialect = hugo(),
       .templates = BodyTemplates::hugo,
       .name_template = "{slug}"},
      // Posts need a dated file name; undated pages go to _drafts/, which needs none.
      {.name = "jekyll",
       .dialect = jekyll(),
       .name_template = "_posts/{date}-{slug}",
       .name_template_undated = "_drafts/{slug}"},
      // Zola renders shortcode calls found anywhere in the Markdown: the body escapes them.
      {.name = "zola",
       .front_matter = FrontMatter::toml,
       .dialect = zola(),
       .templates = BodyTemplates::zola,
       .name_template = "{slug}"},
      {.name = "eleventy", .dialect = eleventy(), .name_template = "{slug}"},
      {.name = "astro", .dialect = astro(), .name_template = "{slug}"},
      {.name = "obsidian", .dialect = obsidian(), .name_template = "{slug}"},
  };
  return kAllPresets;
}

const Preset* find_preset(std::string_view name) {
  const auto& all = presets();
  const auto it =
      std::find_if(all.begin(), all.end(), [name](const Preset& p) { return p.name == name; });
  return it == all.end() ? nullptr : &*it;
}

}  // namespace clipdown::cli
