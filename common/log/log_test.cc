#include "common/log/log.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

namespace secsched {
namespace {

TEST(Log, ParsesFormats) {
  EXPECT_EQ(*ParseLogFormat("json"), LogFormat::kJson);
  EXPECT_EQ(*ParseLogFormat("Human"), LogFormat::kHuman);
  EXPECT_EQ(ParseLogFormat("xml").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Log, RequestIdScopesNestAndRestore) {
  EXPECT_EQ(CurrentRequestId(), "");
  {
    RequestIdScope outer("abc");
    EXPECT_EQ(CurrentRequestId(), "abc");
    {
      RequestIdScope inner("def");
      EXPECT_EQ(CurrentRequestId(), "def");
    }
    EXPECT_EQ(CurrentRequestId(), "abc");
  }
  EXPECT_EQ(CurrentRequestId(), "");
}

TEST(Log, NewRequestIdsAreDistinctHex) {
  const std::string a = NewRequestId(), b = NewRequestId();
  EXPECT_EQ(a.size(), 16u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(Log, EscapesJson) { EXPECT_EQ(JsonEscape("a\"b\\c\nd\x01"), "a\\\"b\\\\c\\nd\\u0001"); }

std::string LogOneLine(LogFormat format, std::string_view request_id, std::string_view text) {
  std::ostringstream captured;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  sink->set_formatter(MakeLogFormatter("test-svc", format));
  spdlog::logger logger("test-svc", sink);
  RequestIdScope scope{std::string(request_id)};
  logger.info("{}", text);
  return captured.str();
}

TEST(Log, JsonLinesCarryTheRequestIdAndEscapeTheMessage) {
  const std::string line = LogOneLine(LogFormat::kJson, "req-42", "said \"hi\"");
  EXPECT_NE(line.find(R"("request_id":"req-42")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("msg":"said \"hi\"")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("level":"info")"), std::string::npos) << line;
  EXPECT_EQ(line.back(), '\n');
}

TEST(Log, HumanLinesCarryTheRequestId) {
  const std::string line = LogOneLine(LogFormat::kHuman, "req-7", "hello");
  EXPECT_NE(line.find("[req-7] hello"), std::string::npos) << line;
}

}  // namespace
}  // namespace secsched
