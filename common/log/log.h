// Process-wide logging: spdlog's default logger, human-readable or JSON lines, every line carrying
// the request id of the gRPC call it belongs to.
//
// Code logs with spdlog::info(...) etc. directly. The request id is per thread: the gRPC glue
// (common/grpc/call.h) opens a RequestIdScope for the duration of each handler, and a worker opens
// one per job, so lines written anywhere below carry it without passing it around.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace spdlog {
class formatter;
}

namespace secsched {

enum class LogFormat { kHuman, kJson };

absl::StatusOr<LogFormat> ParseLogFormat(std::string_view text);  // "human" | "json"

// Installs the default logger on stderr. `level` is an spdlog level name ("info", "debug", ...).
// Safe to call more than once (tests, tools); the last call wins.
void InitLogging(std::string_view service, LogFormat format, std::string_view level = "info");

// The formatter InitLogging installs (exposed so tests can capture formatted lines).
std::unique_ptr<spdlog::formatter> MakeLogFormatter(std::string_view service, LogFormat format);

// Sets the calling thread's request id until the scope ends (restoring the previous one).
class RequestIdScope {
 public:
  explicit RequestIdScope(std::string request_id);
  ~RequestIdScope();
  RequestIdScope(const RequestIdScope&) = delete;
  RequestIdScope& operator=(const RequestIdScope&) = delete;

 private:
  std::string previous_;
};

// Extra top-level fields of the JSON lines logged on this thread while the scope lives (the
// per-call line of HandleCall: method, code, duration). Values are JSON already (JsonString for
// text). The human format ignores them, so the message should say the same in words.
class LogFieldsScope {
 public:
  explicit LogFieldsScope(std::vector<std::pair<std::string, std::string>> fields);
  ~LogFieldsScope();
  LogFieldsScope(const LogFieldsScope&) = delete;
  LogFieldsScope& operator=(const LogFieldsScope&) = delete;

 private:
  std::vector<std::pair<std::string, std::string>> previous_;
};

// `text` as a quoted, escaped JSON string.
std::string JsonString(std::string_view text);

// The calling thread's request id ("" outside any scope).
std::string_view CurrentRequestId();

// A new random request id (16 hex characters) for calls that arrive without one.
std::string NewRequestId();

// JSON string escaping for the JSON line format (exposed for tests).
std::string JsonEscape(std::string_view text);

}  // namespace secsched
