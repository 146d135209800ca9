// The tree arena: libxml2's allocations on the thread come from it while it lives, frees of its
// memory are no-ops, and everything else (memory from before it, other threads) is untouched.

#include <cstring>
#include <string>
#include <thread>

#include <catch2/catch.hpp>
#include <libxml/xmlmemory.h>

#include "libxml/arena.hpp"
#include "libxml/doc.hpp"

namespace cl = clipdown::libxml;

namespace {

std::string text_of(xmlNode* root) {
  struct Collect {
    std::string text;
    bool enter(xmlNode* node) {
      if (node->type == XML_TEXT_NODE) text += cl::view(node->content);
      return true;
    }
    void exit(xmlNode* /*node*/) {}
  } collect;
  cl::walk(root, collect);
  return collect.text;
}

}  // namespace

TEST_CASE("arena: a tree built in it is read and dropped with it", "[arena]") {
  const cl::TreeArena arena;
  std::string html = "<title>T</title><p class=x>one</p>";
  for (int i = 0; i < 5000; ++i) html += "<p id=p" + std::to_string(i) + ">more text</p>";
  {
    const cl::DocPtr doc = cl::parse_html(html);
    REQUIRE(doc);
    CHECK(cl::TreeArena::current_owns(doc.get()));
    CHECK(cl::TreeArena::current_owns(xmlDocGetRootElement(doc.get())));
    const std::string text = text_of(xmlDocGetRootElement(doc.get()));
    CHECK(text.starts_with("Tonemore text"));
    CHECK(text.size() == 1 + 3 + 5000 * 9);
  }  // the deleter skips xmlFreeDoc: the arena owns the tree
  CHECK(arena.reserved() > html.size());
}

TEST_CASE("arena: growing a string keeps its bytes, in place or moved", "[arena]") {
  const cl::TreeArena arena;
  auto* s = static_cast<char*>(xmlMalloc(4));
  std::memcpy(s, "abc", 4);
  s = static_cast<char*>(xmlRealloc(s, 5000));  // the last block: grows in place
  CHECK(std::string(s) == "abc");
  auto* other = static_cast<char*>(xmlMalloc(8));
  CHECK(cl::TreeArena::current_owns(other));
  s = static_cast<char*>(xmlRealloc(s, 1 << 20));  // no longer the last: moved
  CHECK(std::string(s) == "abc");
  xmlFree(s);  // no-ops
  xmlFree(other);
}

TEST_CASE("arena: memory from before it and from other threads is the heap's", "[arena]") {
  cl::init();
  xmlChar* before = xmlStrdup(cl::xml("kept on the heap"));
  {
    const cl::TreeArena arena;
    CHECK_FALSE(cl::TreeArena::current_owns(before));
    xmlChar* inside = xmlStrdup(cl::xml("in the arena"));
    CHECK(cl::TreeArena::current_owns(inside));
    xmlChar* from_thread = nullptr;
    std::thread([&from_thread] { from_thread = xmlStrdup(cl::xml("another thread")); }).join();
    CHECK_FALSE(cl::TreeArena::current_owns(from_thread));
    xmlFree(from_thread);  // a real free (ASan would report a wrong one)
    // Grown while the arena lives: a heap block stays on the heap.
    before = static_cast<xmlChar*>(xmlRealloc(before, 64));
    CHECK_FALSE(cl::TreeArena::current_owns(before));
  }
  CHECK(cl::view(before) == "kept on the heap");
  xmlFree(before);
  CHECK_FALSE(cl::TreeArena::current_owns(before));
}

TEST_CASE("arena: arenas nest, the innermost is used", "[arena]") {
  const cl::TreeArena outer;
  void* in_outer = xmlMalloc(16);
  {
    const cl::TreeArena inner;
    void* in_inner = xmlMalloc(16);
    CHECK(cl::TreeArena::current_owns(in_inner));
    CHECK_FALSE(cl::TreeArena::current_owns(in_outer));
    xmlFree(in_outer);                    // an outer arena's block: a no-op, never a heap free
    in_outer = xmlRealloc(in_outer, 32);  // copied into the inner arena
    CHECK(cl::TreeArena::current_owns(in_outer));
  }
  CHECK(cl::TreeArena::current_owns(xmlMalloc(16)));
}
