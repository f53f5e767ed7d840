#include "tools/schedctl/command_support.h"

#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/status/status.h"

namespace secsched::schedctl {

absl::StatusOr<std::string> ReadInputFile(const std::string& path) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::NotFoundError("cannot read " + path);
  text << file.rdbuf();
  if (file.bad()) return absl::DataLossError("error while reading " + path);
  return text.str();
}

std::string CourseName(std::string_view calendar_name, std::string_view course) {
  if (course.starts_with("calendars/")) return std::string(course);
  std::string id(course);
  for (char& c : id) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return std::string(calendar_name) + "/courses/" + id;
}

std::string ShortId(std::string_view name) {
  const size_t slash = name.rfind('/');
  return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

std::optional<int> WholeNumber(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

bool WholeNumberFlag(const CommandContext& context, std::string_view flag, int fallback, int& value,
                     int& exit_code) {
  if (!context.args.Has(flag)) {
    value = fallback;
    return true;
  }
  const std::string text = context.args.Get(flag);
  std::optional<int> parsed = WholeNumber(text);
  if (!parsed.has_value()) {
    exit_code = UsageError(
        context, "--" + std::string(flag) + " must be a whole number, not \"" + text + "\"");
    return false;
  }
  value = *parsed;
  return true;
}

}  // namespace secsched::schedctl
