// Serialises a libxml2 tree built by the HTML5 parser in html5lib-tests' format. Namespaces map
// back from the hrefs the tree builder gave svg/math elements and adjusted foreign attributes.

#include "libxml/html5_dump.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "libxml/doc.hpp"

namespace clipdown::libxml {

namespace {

std::string_view ns_prefix(const xmlNs* ns) {
  if (ns == nullptr) return {};
  const std::string_view href = view(ns->href);
  if (href == "http://www.w3.org/2000/svg") return "svg ";
  if (href == "http://www.w3.org/1998/Math/MathML") return "math ";
  if (href == "http://www.w3.org/1999/xlink") return "xlink ";
  if (href == "http://www.w3.org/XML/1998/namespace") return "xml ";
  if (href == "http://www.w3.org/2000/xmlns/") return "xmlns ";
  return {};
}

bool is_template(const xmlNode* node) {
  return node->type == XML_ELEMENT_NODE && node->ns == nullptr && view(node->name) == "template";
}

// Levels below `top`: one per ancestor, two for a template (its "content" line).
int depth_of(const xmlNode* node, const xmlNode* top) {
  int depth = 0;
  for (const xmlNode* p = node->parent; p != nullptr && p != top; p = p->parent) {
    depth += is_template(p) ? 2 : 1;
  }
  return depth;
}

void line(std::string& out, int depth, std::string_view text) {
  out += "| ";
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  out += text;
  out += '\n';
}

void dump_element(std::string& out, const xmlNode* node, int depth) {
  std::string head = "<";
  head += ns_prefix(node->ns);
  head += view(node->name);
  head += '>';
  line(out, depth, head);
  std::vector<std::pair<std::string, std::string>> attributes;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    std::string name(ns_prefix(a->ns));
    name += view(a->name);
    attributes.emplace_back(
        std::move(name),
        std::string(a->children != nullptr ? view(a->children->content) : std::string_view{}));
  }
  std::sort(attributes.begin(), attributes.end());
  for (const auto& [name, value] : attributes) {
    std::string text = name;
    text += "=\"";
    text += value;
    text += '"';
    line(out, depth + 1, text);
  }
  if (is_template(node)) line(out, depth + 1, "content");
}

void dump_node(std::string& out, const xmlNode* node, int depth) {
  switch (node->type) {
    case XML_ELEMENT_NODE:
      dump_element(out, node, depth);
      break;
    case XML_TEXT_NODE:
      line(out, depth, "\"" + std::string(view(node->content)) + "\"");
      break;
    case XML_COMMENT_NODE:
      line(out, depth, "<!-- " + std::string(view(node->content)) + " -->");
      break;
    case XML_DTD_NODE: {
      const auto* dtd = reinterpret_cast<const xmlDtd*>(node);  // NOLINT(*-reinterpret-cast)
      std::string text = "<!DOCTYPE " + std::string(view(dtd->name));
      const std::string_view pub = view(dtd->ExternalID);
      const std::string_view sys = view(dtd->SystemID);
      if (!pub.empty() || !sys.empty()) {
        text += " \"" + std::string(pub) + "\" \"" + std::string(sys) + "\"";
      }
      line(out, depth, text + ">");
      break;
    }
    default:
      break;
  }
}

struct Dumper {
  std::string& out;
  const xmlNode* top;
  bool enter(xmlNode* node) {
    dump_node(out, node, depth_of(node, top));
    return node->type == XML_ELEMENT_NODE;
  }
  void exit(xmlNode* /*node*/) {}
};

}  // namespace

std::string html5lib_tree(std::string_view html, bool fragment, std::string_view context) {
  const DocPtr doc = fragment ? html5_parse_fragment(html, context) : html5_parse(html);
  std::string out;
  auto* top = reinterpret_cast<xmlNode*>(doc.get());  // NOLINT(*-reinterpret-cast)
  if (fragment) top = xmlDocGetRootElement(doc.get());
  Dumper dumper{out, top};
  for (xmlNode* node = top->children; node != nullptr; node = node->next) walk(node, dumper);
  return out;
}

}  // namespace clipdown::libxml
