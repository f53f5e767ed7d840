#include "common/log/log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status/strings.h"

namespace secsched {
namespace {

thread_local std::string current_request_id;
thread_local std::vector<std::pair<std::string, std::string>> current_fields;

// Writes the request id where the pattern has %*: both formats use it.
class RequestIdFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    const std::string& id = current_request_id;
    dest.append(id.data(), id.data() + id.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<RequestIdFlag>();
  }
};

// One JSON object per line. spdlog's pattern language cannot escape the message, so the whole
// line is produced here.
class JsonLineFormatter final : public spdlog::formatter {
 public:
  explicit JsonLineFormatter(std::string service) : service_(std::move(service)) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto since_epoch = msg.time.time_since_epoch();
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count();
    const std::time_t seconds = static_cast<std::time_t>(micros / 1000000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);

    const auto level = spdlog::level::to_string_view(msg.level);
    std::string line = absl::StrFormat(
        R"({"ts":"%s.%06dZ","level":"%s","service":"%s","request_id":"%s","msg":"%s")", stamp,
        static_cast<int>(micros % 1000000), std::string_view(level.data(), level.size()),
        JsonEscape(service_), JsonEscape(current_request_id),
        JsonEscape(std::string_view(msg.payload.data(), msg.payload.size())));
    for (const auto& [key, value] : current_fields) {
      absl::StrAppend(&line, ",\"", JsonEscape(key), "\":", value);
    }
    line += "}\n";
    dest.append(line.data(), line.data() + line.size());
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLineFormatter>(service_);
  }

 private:
  std::string service_;
};

}  // namespace

absl::StatusOr<LogFormat> ParseLogFormat(std::string_view text) {
  const std::string lower = absl::AsciiStrToLower(ToAbsl(text));
  if (lower == "human") return LogFormat::kHuman;
  if (lower == "json") return LogFormat::kJson;
  return absl::InvalidArgumentError(
      absl::StrCat("log format must be \"human\" or \"json\", not \"", ToAbsl(text), "\""));
}

std::unique_ptr<spdlog::formatter> MakeLogFormatter(std::string_view service, LogFormat format) {
  if (format == LogFormat::kJson) return std::make_unique<JsonLineFormatter>(std::string(service));
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<RequestIdFlag>('*').set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ [%n] [%*] %v");
  return formatter;
}

void InitLogging(std::string_view service, LogFormat format, std::string_view level) {
  auto logger = std::make_shared<spdlog::logger>(std::string(service),
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_formatter(MakeLogFormatter(service, format));
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
}

RequestIdScope::RequestIdScope(std::string request_id)
    : previous_(std::exchange(current_request_id, std::move(request_id))) {}

RequestIdScope::~RequestIdScope() { current_request_id = std::move(previous_); }

LogFieldsScope::LogFieldsScope(std::vector<std::pair<std::string, std::string>> fields)
    : previous_(std::exchange(current_fields, std::move(fields))) {}

LogFieldsScope::~LogFieldsScope() { current_fields = std::move(previous_); }

std::string JsonString(std::string_view text) { return absl::StrCat("\"", JsonEscape(text), "\""); }

std::string_view CurrentRequestId() { return current_request_id; }

std::string NewRequestId() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return absl::StrFormat("%016x", generator());
}

std::string JsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", static_cast<unsigned char>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

}  // namespace secsched
