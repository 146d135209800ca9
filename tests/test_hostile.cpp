// Hostile input through the real binary (issue 11): what must hold whatever a page, a record or
// the file system throws at clipdown — no crash, no hang, no lost stream, bounded memory, no
// write outside -o DIR. The cases that fit in a file live in tests/hostile/ (see its README).

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/cli_run.hpp"

namespace {

using clipdown::test::Child;

}  // namespace

TEST_CASE("jsonl sends each record as soon as it is converted", "[hostile][jsonl]") {
  // A producer that waits for a record before sending the next one must get it while the
  // stream is still open (stdout is a pipe: records are flushed one by one).
  Child child({"--jsonl", "--jobs", "2"});
  child.write("{\"id\": 1, \"html\": \"<p>One.</p>\"}\n");
  const std::string first = child.read_line(20);
  CHECK(first.find("\"id\":1") != std::string::npos);
  child.write("{\"id\": 2, \"html\": \"<p>Two.</p>\"}\n");
  const std::string second = child.read_line(20);
  CHECK(second.find("\"id\":2") != std::string::npos);
  child.close_input();
  CHECK(child.wait() == 0);
}
