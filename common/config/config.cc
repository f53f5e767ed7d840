#include "common/config/config.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/status/strings.h"

namespace secsched {
namespace {

// A lookup of an undeclared or mistyped setting is a programming error, not bad input.
[[noreturn]] void Impossible(std::string_view what) {
  std::cerr << "internal error: " << what << std::endl;
  std::abort();
}

std::string DescribeSetting(const Setting& s) { return absl::StrCat(s.env, " (--", s.flag, ")"); }

std::optional<bool> ParseBool(std::string_view text) {
  const std::string lower = absl::AsciiStrToLower(ToAbsl(text));
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") return true;
  if (lower == "false" || lower == "0" || lower == "no" || lower == "off") return false;
  return std::nullopt;
}

}  // namespace

EnvironmentLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

absl::StatusOr<Config> Config::Load(const std::vector<Setting>& settings,
                                    const std::vector<std::string>& args,
                                    const EnvironmentLookup& environment) {
  std::map<std::string, std::string, std::less<>> flags;
  std::vector<std::string> problems;
  Config config;

  std::map<std::string, const Setting*, std::less<>> by_flag;
  for (const Setting& s : settings) by_flag[s.flag] = &s;

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!absl::StartsWith(arg, "--")) {
      config.positional_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2), value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (by_flag.count(name) && i + 1 < args.size() && !absl::StartsWith(args[i + 1], "--")) {
      value = args[++i];
    } else if (by_flag.count(name)) {
      problems.push_back(absl::StrCat("--", name, ": needs a value"));
      continue;
    }
    if (!by_flag.count(name)) {
      problems.push_back(absl::StrCat("--", name, ": unknown flag"));
      continue;
    }
    flags[name] = value;
  }

  for (const Setting& s : settings) {
    std::optional<std::string> value;
    if (auto it = flags.find(s.flag); it != flags.end()) {
      value = it->second;
    } else if (auto env_value = environment(s.env); env_value.has_value()) {
      value = *env_value;
    }
    if (!value.has_value()) {
      if (s.required) {
        problems.push_back(absl::StrCat(DescribeSetting(s), ": required but not set"));
        continue;
      }
      value = s.default_value;
    }
    if (s.validate && (s.required || !value->empty())) {
      if (std::optional<std::string> reason = s.validate(*value); reason.has_value()) {
        problems.push_back(absl::StrCat(DescribeSetting(s), ": ", *reason,
                                        s.secret ? "" : absl::StrCat(" (got \"", *value, "\")")));
        continue;
      }
    }
    config.values_[s.flag] = *value;
    config.secret_[s.flag] = s.secret;
  }

  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  }
  return config;
}

const std::string& Config::Get(std::string_view flag) const {
  auto it = values_.find(flag);
  if (it == values_.end())
    Impossible(absl::StrCat("setting --", ToAbsl(flag), " was not declared"));
  return it->second;
}

int Config::GetInt(std::string_view flag) const {
  int value = 0;
  if (!absl::SimpleAtoi(Get(flag), &value))
    Impossible(absl::StrCat("--", ToAbsl(flag), " is not an int"));
  return value;
}

double Config::GetDouble(std::string_view flag) const {
  double value = 0;
  if (!absl::SimpleAtod(Get(flag), &value)) {
    Impossible(absl::StrCat("--", ToAbsl(flag), " is not a number"));
  }
  return value;
}

std::chrono::milliseconds Config::GetDuration(std::string_view flag) const {
  absl::StatusOr<std::chrono::milliseconds> value = ParseDuration(Get(flag));
  if (!value.ok()) Impossible(absl::StrCat("--", ToAbsl(flag), " is not a duration"));
  return *value;
}

bool Config::GetBool(std::string_view flag) const {
  std::optional<bool> value = ParseBool(Get(flag));
  if (!value.has_value()) Impossible(absl::StrCat("--", ToAbsl(flag), " is not a boolean"));
  return *value;
}

std::vector<std::string> Config::Describe() const {
  std::vector<std::string> lines;
  for (const auto& [flag, value] : values_) {
    const bool masked = secret_.at(flag) && !value.empty();
    lines.push_back(absl::StrCat(flag, "=", masked ? "<set>" : value));
  }
  return lines;
}

std::string Config::Usage(std::string_view program, const std::vector<Setting>& settings) {
  std::string out =
      absl::StrCat("Usage: ", ToAbsl(program), " [flags]\n\nSettings (flag overrides env):\n");
  for (const Setting& s : settings) {
    absl::StrAppend(
        &out, "  --", s.flag, " / ", s.env, "\n      ", s.help,
        s.required ? " (required)" : absl::StrCat(" (default \"", s.default_value, "\")"), "\n");
  }
  return out;
}

SettingValidator NonEmpty() {
  return [](std::string_view v) -> std::optional<std::string> {
    if (v.empty()) return "must not be empty";
    return std::nullopt;
  };
}

SettingValidator IntInRange(int min, int max) {
  return [min, max](std::string_view v) -> std::optional<std::string> {
    int value = 0;
    if (!absl::SimpleAtoi(ToAbsl(v), &value)) return "must be an integer";
    if (value < min || value > max) return absl::StrCat("must be between ", min, " and ", max);
    return std::nullopt;
  };
}

SettingValidator DoubleInRange(double min, double max) {
  return [min, max](std::string_view v) -> std::optional<std::string> {
    double value = 0;
    if (!absl::SimpleAtod(ToAbsl(v), &value)) return "must be a number";
    if (!(value >= min && value <= max)) return absl::StrCat("must be between ", min, " and ", max);
    return std::nullopt;
  };
}

SettingValidator HostPort() {
  return [](std::string_view v) -> std::optional<std::string> {
    const auto colon = v.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return "must be host:port";
    int port = 0;
    if (!absl::SimpleAtoi(ToAbsl(v.substr(colon + 1)), &port) || port < 0 || port > 65535) {
      return "must end in a port number 0..65535";
    }
    return std::nullopt;
  };
}

SettingValidator Duration() {
  return [](std::string_view v) -> std::optional<std::string> {
    if (absl::StatusOr<std::chrono::milliseconds> d = ParseDuration(v); !d.ok()) {
      return std::string(d.status().message());
    }
    return std::nullopt;
  };
}

SettingValidator OneOf(std::vector<std::string> allowed) {
  return [allowed = std::move(allowed)](std::string_view v) -> std::optional<std::string> {
    for (const std::string& a : allowed) {
      if (v == a) return std::nullopt;
    }
    return absl::StrCat("must be one of: ", absl::StrJoin(allowed, ", "));
  };
}

SettingValidator Boolean() {
  return [](std::string_view v) -> std::optional<std::string> {
    if (!ParseBool(v).has_value()) return "must be true or false";
    return std::nullopt;
  };
}

absl::StatusOr<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  struct Unit {
    std::string_view suffix;
    int64_t millis;
  };
  // "ms" before "s" so "250ms" is not read as 250m + "s".
  static constexpr Unit kUnits[] = {{"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}};
  for (const Unit& unit : kUnits) {
    if (!absl::EndsWith(ToAbsl(text), ToAbsl(unit.suffix))) continue;
    int64_t amount = 0;
    if (!absl::SimpleAtoi(ToAbsl(text.substr(0, text.size() - unit.suffix.size())), &amount) ||
        amount < 0) {
      break;
    }
    return std::chrono::milliseconds(amount * unit.millis);
  }
  return absl::InvalidArgumentError("must be a duration such as 250ms, 10s, 5m or 1h");
}

void ExitOnConfigError(std::string_view program, const absl::Status& status) {
  std::cerr << program << ": invalid configuration\n";
  for (absl::string_view line : absl::StrSplit(status.message(), '\n')) {
    std::cerr << "  " << line << "\n";
  }
  std::cerr << "Run " << program << " --help for the list of settings.\n";
  std::exit(2);
}

}  // namespace secsched
