// Settings from environment variables, with `--flag=value` overrides, validated at start.
//
// A binary declares its settings (name, environment variable, default, validator). Load() reads
// them all and reports every problem at once; main() turns a bad configuration into a fatal,
// readable error (ExitOnConfigError) — an operator should fix all of it in one go, not one
// variable per crash loop.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace secsched {

// Checks one value; returns a short reason when it is not acceptable.
using SettingValidator = std::function<std::optional<std::string>(std::string_view value)>;

struct Setting {
  std::string flag;           // "pg-url": set as --pg-url=VALUE
  std::string env;            // "SECSCHED_PG_URL"
  std::string default_value;  // used when neither flag nor env is set (unless required)
  bool required = false;      // no default: must be set
  std::string help;
  SettingValidator validate;  // optional
  bool secret = false;        // never printed (keys)
};

// Reads the environment; tests pass a map instead.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvironmentLookup ProcessEnvironment();

class Config {
 public:
  // `args` are the arguments after the subcommand; `--name=value` and `--name value` both work.
  // Unknown flags, missing required settings and invalid values are all reported together.
  static absl::StatusOr<Config> Load(const std::vector<Setting>& settings,
                                     const std::vector<std::string>& args,
                                     const EnvironmentLookup& environment = ProcessEnvironment());

  const std::string& Get(std::string_view flag) const;  // crashes on an undeclared name (a bug)
  int GetInt(std::string_view flag) const;
  double GetDouble(std::string_view flag) const;
  std::chrono::milliseconds GetDuration(std::string_view flag) const;
  bool GetBool(std::string_view flag) const;
  const std::vector<std::string>& positional() const { return positional_; }

  // "flag=value" lines for the start-up log, secrets masked.
  std::vector<std::string> Describe() const;

  // The usage text for --help.
  static std::string Usage(std::string_view program, const std::vector<Setting>& settings);

 private:
  std::map<std::string, std::string, std::less<>> values_;
  std::map<std::string, bool, std::less<>> secret_;
  std::vector<std::string> positional_;
};

// Validators.
SettingValidator NonEmpty();
SettingValidator IntInRange(int min, int max);
SettingValidator DoubleInRange(double min, double max);
SettingValidator HostPort();  // "host:port", port 0..65535
SettingValidator Duration();  // "250ms", "10s", "5m", "1h"
SettingValidator OneOf(std::vector<std::string> allowed);
SettingValidator Boolean();  // true/false/1/0/yes/no

absl::StatusOr<std::chrono::milliseconds> ParseDuration(std::string_view text);

// Prints "<program>: invalid configuration" and every problem to stderr, then exits with 2.
[[noreturn]] void ExitOnConfigError(std::string_view program, const absl::Status& status);

}  // namespace secsched
