// The documentation stays true: every flag --help lists is in the man page, the README and the
// shell completions, and none of them names a flag the binary does not have.

#include <cctype>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

namespace {

std::string slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string help_text() {
  std::string out;
  const std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen("'" CLIPDOWN_BINARY "' --help", "r"),
                                                   pclose);
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) out.append(buffer, n);
  return out;
}

/// Every "--long-flag" in `text`; the man page writes them as "\-\-long\-flag".
std::set<std::string> long_flags(std::string text) {
  for (auto pos = text.find("\\-"); pos != std::string::npos; pos = text.find("\\-", pos)) {
    text.replace(pos, 2, "-");
  }
  std::set<std::string> flags;
  for (std::size_t pos = text.find("--"); pos != std::string::npos; pos = text.find("--", pos)) {
    std::size_t end = pos + 2;
    while (end < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '-')) {
      ++end;
    }
    const bool word_start =
        pos == 0 || std::isalnum(static_cast<unsigned char>(text[pos - 1])) == 0;
    if (end > pos + 3 && word_start) flags.insert(text.substr(pos, end - pos));
    pos = end;
  }
  return flags;
}

}  // namespace

TEST_CASE("every flag in --help is documented in the man page and the README", "[docs]") {
  const auto help = long_flags(help_text());
  const auto man = long_flags(slurp(CLIPDOWN_MANPAGE));
  const auto readme = long_flags(slurp(CLIPDOWN_README));
  REQUIRE(help.size() > 5);
  for (const auto& flag : help) {
    INFO(flag);
    CHECK(man.count(flag) == 1);
    CHECK(readme.count(flag) == 1);
  }
}

TEST_CASE("the man page names no flag the binary lacks", "[docs]") {
  // Flags of other programs in the examples (GNU parallel).
  const std::set<std::string> foreign = {"--pipe"};
  const auto help = long_flags(help_text());
  for (const auto& flag : long_flags(slurp(CLIPDOWN_MANPAGE))) {
    if (foreign.count(flag) != 0) continue;
    INFO(flag);
    CHECK(help.count(flag) == 1);
  }
}

TEST_CASE("the bash, zsh and fish completions offer exactly the flags of --help", "[docs]") {
  auto help = long_flags(help_text());
  help.erase("--pipe");  // GNU parallel's, in the examples
  const std::string dir = CLIPDOWN_COMPLETIONS;
  for (const char* name : {"/clipdown.bash", "/_clipdown"}) {
    INFO(name);
    CHECK(long_flags(slurp((dir + name).c_str())) == help);
  }
  // fish names long options as "-l name"
  std::set<std::string> fish;
  std::istringstream lines(slurp((dir + "/clipdown.fish").c_str()));
  for (std::string line; std::getline(lines, line);) {
    const std::size_t at = line.find(" -l ");
    if (at == std::string::npos) continue;
    fish.insert("--" + line.substr(at + 4, line.find(' ', at + 4) - at - 4));
  }
  CHECK(fish == help);
}
