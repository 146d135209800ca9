// html5lib-tests tree construction through clipdown's HTML5 parser (ctest
// "html5lib_tree_construction"). Every case of tree-construction/*.dat is parsed (documents,
// and fragments in their context element) and serialised in html5lib's "| <html>" format; the
// comparison is exact: nothing is ignored or normalised. Cases count per category:
//   core      none of the below
//   fragment  #document-fragment
//   template  data mentions <template>
//   foreign   data or expected tree has svg/math
//   script-on #script-on: the case expects scripting on; clipdown parses with scripting off, so
//             these are reported but not held to a floor
// and the run fails when a category passes fewer cases than tests/conformance/floors.json says.
// Exit status 77 (ctest skip) when the folder is absent.
//
//   html5lib_conformance DIR FLOORS [-v] [-f FILE] : -v prints each failing case's trees

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "libxml/html5_dump.hpp"

namespace fs = std::filesystem;

namespace {

struct Case {
  std::string file;
  int line = 0;
  std::string data;
  std::string expected;
  std::string context;
  bool fragment = false;
  bool script_on = false;
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  });
  return s;
}

std::vector<Case> read_cases(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<Case> cases;
  std::string section;
  Case c;
  bool open = false;
  const auto finish = [&] {
    if (!open) return;
    while (!c.expected.empty() && c.expected.back() == '\n') c.expected.pop_back();
    c.expected += '\n';
    if (!c.data.empty()) c.data.pop_back();  // the final newline is not part of the data
    cases.push_back(c);
    open = false;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l == "#data" && (i == 0 || lines[i - 1].empty() || section != "#document")) {
      finish();
      c = Case{};
      c.file = path.filename().string();
      c.line = static_cast<int>(i) + 1;
      open = true;
      section = l;
      continue;
    }
    if (section != "#data" && section != "#document" && !l.empty() && l[0] == '#') {
      section = l;
      if (l == "#script-on") c.script_on = true;
      continue;
    }
    if (section == "#data" && l == "#errors") {
      section = l;
      continue;
    }
    if (section == "#errors" || section == "#new-errors") {
      if (!l.empty() && l[0] == '#') section = l;
      if (l == "#script-on") c.script_on = true;
      if (l == "#document-fragment") c.fragment = true;
      continue;
    }
    if (section == "#data") {
      c.data += l + "\n";
    } else if (section == "#document-fragment") {
      c.fragment = true;
      if (!l.empty() && l[0] == '#') {
        section = l;
        if (l == "#script-on") c.script_on = true;
      } else {
        c.context = l;
      }
    } else if (section == "#document") {
      c.expected += l + "\n";
    } else if (l == "#document") {
      section = l;
    }
  }
  finish();
  return cases;
}

std::string category(const Case& c) {
  if (c.fragment) return "fragment";
  if (c.script_on) return "script-on";
  const std::string data = lower(c.data);
  if (data.find("<template") != std::string::npos) return "template";
  if (data.find("<svg") != std::string::npos || data.find("<math") != std::string::npos ||
      c.expected.find("<svg ") != std::string::npos ||
      c.expected.find("<math ") != std::string::npos) {
    return "foreign";
  }
  return "core";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: html5lib_conformance DIR FLOORS [-v] [-f FILE]\n");
    return 2;
  }
  const fs::path dir = fs::path(argv[1]) / "tree-construction";
  bool verbose = false;
  std::string only;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-v") verbose = true;
    if (a == "-f" && i + 1 < argc) only = argv[++i];
  }
  if (!fs::is_directory(dir)) {
    fmt::print("SKIP: html5lib-tests not found at {} (CI has it; see tests/conformance)\n",
               dir.string());
    return 77;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".dat") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, std::array<int, 2>> counts;  // category -> {passed, total}
  for (const auto& file : files) {
    if (!only.empty() && file.filename().string() != only) continue;
    for (const Case& c : read_cases(file)) {
      const std::string cat = category(c);
      const std::string got = clipdown::libxml::html5lib_tree(c.data, c.fragment, c.context);
      const bool pass = got == c.expected;
      auto& n = counts[cat];
      n[1] += 1;
      if (pass) n[0] += 1;
      if (!pass && verbose && cat != "script-on") {
        fmt::print("FAIL {}:{} [{}]{}\n{}\n--- expected\n{}--- got\n{}\n", c.file, c.line, cat,
                   c.fragment ? " context " + c.context : "", c.data, c.expected, got);
      }
    }
  }
  std::ifstream floors_in(argv[2]);
  const nlohmann::json floors = nlohmann::json::parse(floors_in, nullptr, false);
  bool ok = !floors.is_discarded();
  int passed = 0;
  int total = 0;
  for (const auto& [cat, n] : counts) {
    const int floor = floors.is_object() ? floors.value(cat, 0) : 0;
    const bool below = n[0] < floor && only.empty();
    fmt::print("{:<10} {:>5} / {:<5} {:6.1f}%   floor {}{}\n", cat, n[0], n[1],
               n[1] > 0 ? 100.0 * n[0] / n[1] : 0.0, floor, below ? "   BELOW FLOOR" : "");
    if (below) ok = false;
    passed += n[0];
    total += n[1];
  }
  fmt::print("{:<10} {:>5} / {:<5} {:6.1f}%\n", "all", passed, total,
             total > 0 ? 100.0 * passed / total : 0.0);
  return ok ? 0 : 1;
}
