// JSON-LD reading for the metadata resolver: cheap repairs, an iterative walk over the nodes.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "metadata_internal.hpp"

namespace clipdown::meta {
namespace {

using nlohmann::json;

// Schema.org types whose node is the article itself (headline, author, datePublished); any type
// ending in "article" or "posting" counts too.
constexpr auto kArticleTypes = std::to_array<std::string_view>({
    "article",
    "newsarticle",
    "blogposting",
    "report",
    "liveblogposting",
    "techarticle",
    "scholarlyarticle",
    "socialmediaposting",
    "discussionforumposting",
    "review",
    "recipe",
    "videoobject",
    "creativework",
});
// Types of the page node: weaker evidence used when no article node exists.
constexpr auto kPageTypes = std::to_array<std::string_view>({
    "webpage",
    "itempage",
    "medicalwebpage",
    "collectionpage",
    "aboutpage",
    "qapage",
});
// Types naming the publisher when the article node does not.
constexpr auto kOrganizationTypes = std::to_array<std::string_view>({
    "newsmediaorganization",
    "organization",
    "corporation",
    "localbusiness",
});
// Byte wrappers around JSON-LD text that are not JSON.
constexpr auto kWrappers = std::to_array<std::string_view>({
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "//<![CDATA[",
    "//]]>",
    "/*<![CDATA[*/",
    "/*]]>*/",
});
// Beyond this many nodes a JSON-LD block is not worth walking (catalogue pages).
constexpr std::size_t kMaxNodes = 2000;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Removes comment and CDATA wrappers, turns control characters into spaces, drops trailing
// commas, and splits the text into its top-level JSON values.
std::vector<std::string> repair(std::string_view text) {
  std::string s(text);
  for (const auto w : kWrappers) {
    for (std::size_t at = s.find(w); at != std::string::npos; at = s.find(w, at)) {
      s.replace(at, w.size(), std::string(w.size(), ' '));
    }
  }
  std::vector<std::string> values;
  std::string current;
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    if (in_string) {
      current += c;
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (depth == 0 && c != '{' && c != '[') continue;  // junk between values: ",", ";", text
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      // drop a trailing comma before the closing bracket
      std::size_t k = current.size();
      while (k > 0 && current[k - 1] == ' ') --k;
      if (k > 0 && current[k - 1] == ',') current.erase(k - 1);
      --depth;
    }
    current += c;
    if (depth == 0) {
      values.push_back(std::move(current));
      current.clear();
    }
  }
  return values;
}

std::string type_name(std::string_view t) {
  const std::size_t cut = t.find_last_of("/:");
  if (cut != std::string_view::npos) t = t.substr(cut + 1);
  return lower_ascii(t);
}

// Lowercased @type names of a node (a string or an array of strings).
std::vector<std::string> types_of(const json& node) {
  std::vector<std::string> out;
  const auto it = node.find("@type");
  if (it == node.end()) return out;
  if (it->is_string()) {
    out.push_back(type_name(it->get_ref<const std::string&>()));
  } else if (it->is_array()) {
    for (const auto& t : *it) {
      if (t.is_string()) out.push_back(type_name(t.get_ref<const std::string&>()));
    }
  }
  return out;
}

template <std::size_t N>
bool has_type(const std::vector<std::string>& types, const std::array<std::string_view, N>& set) {
  for (const auto& t : types) {
    for (const auto s : set) {
      if (t == s) return true;
    }
  }
  return false;
}

bool is_article(const std::vector<std::string>& types) {
  if (has_type(types, kArticleTypes)) return true;
  return std::ranges::any_of(types, [](const std::string& t) {
    return ends_with(t, "article") || ends_with(t, "posting");
  });
}

// Whether the only article type of a node is the generic "CreativeWork".
bool generic_work(const std::vector<std::string>& types) {
  return std::ranges::all_of(types, [](const std::string& t) {
    return t == "creativework" || !is_article(std::vector<std::string>{t});
  });
}

// Every object with an @type (or an @id and properties), in document order, and an @id map.
struct Graph {
  std::vector<const json*> nodes;
  std::unordered_map<std::string, const json*> ids;
};

void collect(const json& root, Graph& graph) {
  std::vector<const json*> stack{&root};
  while (!stack.empty() && graph.nodes.size() < kMaxNodes) {
    const json* v = stack.back();
    stack.pop_back();
    if (v->is_object()) {
      const auto id = v->find("@id");
      if (v->contains("@type")) graph.nodes.push_back(v);
      if (id != v->end() && id->is_string() && v->size() > 1) {
        graph.ids.emplace(id->get<std::string>(), v);
      }
      std::vector<const json*> children;
      for (const auto& [key, child] : v->items()) {
        if (child.is_structured()) children.push_back(&child);
      }
      stack.insert(stack.end(), children.rbegin(), children.rend());
    } else if (v->is_array()) {
      for (auto it = v->rbegin(); it != v->rend(); ++it) {
        if (it->is_structured()) stack.push_back(&*it);
      }
    }
  }
}

// Follows an {"@id": ...} reference to the full node when there is one.
// The graph node an object's "@id" names, if any.
const json* by_id(const json& v, const Graph& graph) {
  if (!v.is_object()) return nullptr;
  const auto id = v.find("@id");
  if (id == v.end() || !id->is_string()) return nullptr;
  const auto it = graph.ids.find(id->get<std::string>());
  return it != graph.ids.end() ? it->second : nullptr;
}

const json& deref(const json& v, const Graph& graph) {
  if (v.is_object() && !v.contains("name")) {
    if (const json* node = by_id(v, graph)) return *node;
  }
  return v;
}

std::string string_of(const json& v) {
  if (v.is_string()) return clean_text(v.get_ref<const std::string&>());
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_array()) {
    for (const auto& e : v) {
      if (e.is_string()) return clean_text(e.get_ref<const std::string&>());
    }
  }
  return {};
}

std::string field(const json* node, std::string_view key) {
  if (node == nullptr) return {};
  const auto it = node->find(key);
  return it == node->end() ? std::string{} : string_of(*it);
}

// A name from a string, an object with a name, or an @id reference.
std::string name_of(const json& v, const Graph& graph) {
  const json& n = deref(v, graph);
  if (n.is_string()) return clean_text(n.get_ref<const std::string&>());
  if (n.is_object()) {
    const auto it = n.find("name");
    if (it != n.end()) return string_of(*it);
  }
  return {};
}

// The "@type" values of a node, or of the graph node its "@id" names.
std::vector<std::string_view> types_of(const json& v, const Graph& graph) {
  std::vector<std::string_view> out;
  const auto collect = [&out](const json& n) {
    if (!n.is_object()) return;
    const auto t = n.find("@type");
    if (t == n.end()) return;
    if (t->is_string()) out.emplace_back(t->get_ref<const std::string&>());
    if (!t->is_array()) return;
    for (const auto& e : *t) {
      if (e.is_string()) out.emplace_back(e.get_ref<const std::string&>());
    }
  };
  collect(v);
  if (const json* node = out.empty() ? by_id(v, graph) : nullptr) collect(*node);
  return out;
}

// Whether a node is typed as an organisation ("Organization", "NewsMediaOrganization", ...) and
// not as a person.
bool organisation_only(const json& v, const Graph& graph) {
  const auto types = types_of(v, graph);
  return std::ranges::find(types, "Person") == types.end() &&
         std::ranges::any_of(types, [](std::string_view t) { return t.ends_with("Organization"); });
}

// The names of a value or an array of values (all of them, or those `keep` accepts).
std::vector<std::string> names_of(const json& v, const Graph& graph,
                                  bool (*keep)(const json&, const Graph&) = nullptr) {
  std::vector<std::string> out;
  const auto add = [&](const json& e) {
    if (keep != nullptr && !keep(e, graph)) return;
    std::string name = name_of(e, graph);
    if (!name.empty()) out.push_back(std::move(name));
  };
  if (v.is_array()) {
    for (const auto& e : v) add(e);
  } else {
    add(v);
  }
  return out;
}

// An image URL from a string, an ImageObject, or an array of either.
std::string image_of(const json& v, const Graph& graph) {
  const json& first = v.is_array() && !v.empty() ? v.front() : v;
  const json& n = deref(first, graph);
  if (n.is_string()) return clean_text(n.get_ref<const std::string&>());
  if (n.is_object()) {
    for (const char* key : {"url", "contentUrl"}) {
      const auto it = n.find(key);
      if (it != n.end()) return string_of(*it);
    }
  }
  return {};
}

std::vector<std::string> keywords_of(const json& v) {
  std::vector<std::string> out;
  auto add_split = [&](std::string_view s) {
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t end = s.find(',', start);
      if (end == std::string_view::npos) end = s.size();
      std::string k = clean_text(s.substr(start, end - start));
      if (!k.empty()) out.push_back(std::move(k));
      start = end + 1;
    }
  };
  if (v.is_string()) {
    add_split(v.get_ref<const std::string&>());
  } else if (v.is_array()) {
    for (const auto& e : v) {
      if (e.is_string()) add_split(e.get_ref<const std::string&>());
    }
  }
  return out;
}

}  // namespace

// NOLINTNEXTLINE(readability-function-cognitive-complexity): one walk, a case per schema field
JsonLd read_jsonld(const std::vector<std::string_view>& scripts) {
  std::vector<json> docs;
  for (const auto script : scripts) {
    for (const auto& text : repair(script)) {
      json doc = json::parse(text, nullptr, false, true);
      if (!doc.is_discarded()) docs.push_back(std::move(doc));
    }
  }
  Graph graph;
  for (const auto& doc : docs) collect(doc, graph);

  const json* article = nullptr;
  bool article_generic = false;  // `article` is only a CreativeWork
  const json* page = nullptr;
  const json* organization = nullptr;
  const json* website = nullptr;
  for (const json* node : graph.nodes) {
    const auto types = types_of(*node);
    // a generic CreativeWork (a dataset's license, a page's image credit) yields to any
    // specific article type later in the graph
    if (is_article(types) && (article == nullptr || (article_generic && !generic_work(types)))) {
      article = node;
      article_generic = generic_work(types);
    }
    if (page == nullptr && has_type(types, kPageTypes)) page = node;
    if (organization == nullptr && has_type(types, kOrganizationTypes) && node->contains("name")) {
      organization = node;
    }
    if (website == nullptr && has_type(types, std::to_array<std::string_view>({"website"}))) {
      website = node;
    }
  }

  // A QAPage's question is its article: the thread's opening post, with its author and date
  // (FAQ questions inside other pages are not).
  if (article == nullptr && page != nullptr &&
      has_type(types_of(*page), std::to_array<std::string_view>({"qapage"})) &&
      page->contains("mainEntity") && page->at("mainEntity").is_object()) {
    article = &deref(page->at("mainEntity"), graph);
  }
  JsonLd out;
  const json* main = article != nullptr ? article : page;
  out.headline = field(article, "headline");
  if (out.headline.empty()) out.headline = field(article, "name");
  out.page_name = field(page, "headline");
  if (out.page_name.empty()) out.page_name = field(page, "name");
  for (const json* node : {article, page}) {
    if (node == nullptr) continue;
    if (out.authors.empty() && node->contains("author")) {
      out.authors = names_of(node->at("author"), graph);
      out.organisation_authors = names_of(node->at("author"), graph, organisation_only);
    }
    if (out.date_published.empty()) out.date_published = field(node, "datePublished");
    if (out.date_modified.empty()) out.date_modified = field(node, "dateModified");
    if (out.publisher.empty() && node->contains("publisher")) {
      out.publisher = name_of(node->at("publisher"), graph);
    }
    if (out.description.empty()) out.description = field(node, "description");
    if (out.image.empty() && node->contains("image"))
      out.image = image_of(node->at("image"), graph);
    if (out.in_language.empty()) out.in_language = field(node, "inLanguage");
    if (out.keywords.empty() && node->contains("keywords")) {
      out.keywords = keywords_of(node->at("keywords"));
    }
  }
  if (main != nullptr) {
    out.url = field(main, "url");
    if (out.url.empty() && main->contains("mainEntityOfPage")) {
      const json& m = main->at("mainEntityOfPage");
      out.url = m.is_object() ? field(&m, "@id") : string_of(m);
    }
  }
  out.organization = field(organization, "name");
  if (out.organization.empty()) out.organization = field(website, "name");
  if (out.in_language.empty()) out.in_language = field(website, "inLanguage");
  return out;
}

}  // namespace clipdown::meta
