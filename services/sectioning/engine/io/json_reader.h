// Typed, path-tracking access to a parsed JSON object: every error names where in the document it
// happened, so a counselor's export with one bad field can be fixed without a debugger.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace secsched::engine::io {

#define SECSCHED_IO_RETURN_IF_ERROR(expr)              \
  do {                                                 \
    if (absl::Status s_ = (expr); !s_.ok()) return s_; \
  } while (0)

using Json = nlohmann::json;

class JsonObject {
 public:
  JsonObject(const Json& json, std::string path) : json_(json), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  std::string At(const char* key) const {
    return path_.empty() ? key : absl::StrCat(path_, ".", key);
  }
  bool Has(const char* key) const { return json_.contains(key) && !json_.at(key).is_null(); }
  const Json& Raw(const char* key) const { return json_.at(key); }

  absl::Status Error(const std::string& where, const std::string& what) const {
    return absl::InvalidArgumentError(
        absl::StrCat(where.empty() ? "(document)" : where, ": ", what));
  }

  // Rejects keys outside `allowed`: a misspelt key would otherwise silently fall back to a
  // default value.
  absl::Status OnlyKeys(std::initializer_list<const char*> allowed) const {
    for (auto it = json_.begin(); it != json_.end(); ++it) {
      bool ok = false;
      for (const char* a : allowed) ok = ok || it.key() == a;
      if (!ok) return Error(path_, absl::StrCat("unknown key '", it.key(), "'"));
    }
    return absl::OkStatus();
  }

  absl::Status String(const char* key, std::string& out, bool required = false) const {
    if (!Has(key))
      return required ? Error(At(key), "required string is missing") : absl::OkStatus();
    if (!Raw(key).is_string()) return Error(At(key), "expected a string");
    out = Raw(key).get<std::string>();
    return absl::OkStatus();
  }
  absl::Status OptionalString(const char* key, std::optional<std::string>& out) const {
    if (!Has(key)) return absl::OkStatus();
    std::string value;
    SECSCHED_IO_RETURN_IF_ERROR(String(key, value));
    out = value;
    return absl::OkStatus();
  }
  absl::Status Int(const char* key, int& out, bool required = false) const {
    if (!Has(key))
      return required ? Error(At(key), "required integer is missing") : absl::OkStatus();
    if (!Raw(key).is_number_integer()) return Error(At(key), "expected an integer");
    out = Raw(key).get<int>();
    return absl::OkStatus();
  }
  absl::Status OptionalInt(const char* key, std::optional<int>& out) const {
    if (!Has(key)) return absl::OkStatus();
    int value = 0;
    SECSCHED_IO_RETURN_IF_ERROR(Int(key, value));
    out = value;
    return absl::OkStatus();
  }
  absl::Status Bool(const char* key, bool& out) const {
    if (!Has(key)) return absl::OkStatus();
    if (!Raw(key).is_boolean()) return Error(At(key), "expected true or false");
    out = Raw(key).get<bool>();
    return absl::OkStatus();
  }
  absl::Status StringList(const char* key, std::vector<std::string>& out) const {
    if (!Has(key)) return absl::OkStatus();
    if (!Raw(key).is_array()) return Error(At(key), "expected an array of strings");
    out.clear();
    for (size_t i = 0; i < Raw(key).size(); ++i) {
      if (!Raw(key)[i].is_string())
        return Error(absl::StrCat(At(key), "[", i, "]"), "expected a string");
      out.push_back(Raw(key)[i].get<std::string>());
    }
    return absl::OkStatus();
  }
  // Calls parse(JsonObject) for each element of the array under `key`; elements must be objects.
  // `id_of` lets the path carry the element's id, e.g. courses[3] (ENG9).
  template <typename Parse>
  absl::Status Objects(const char* key, Parse parse, bool required = false) const {
    if (!Has(key)) return required ? Error(At(key), "required array is missing") : absl::OkStatus();
    if (!Raw(key).is_array()) return Error(At(key), "expected an array");
    for (size_t i = 0; i < Raw(key).size(); ++i) {
      const Json& element = Raw(key)[i];
      std::string path = absl::StrCat(At(key), "[", i, "]");
      if (!element.is_object()) return Error(path, "expected an object");
      if (element.contains("id") && element.at("id").is_string())
        absl::StrAppend(&path, " (", element.at("id").get<std::string>(), ")");
      SECSCHED_IO_RETURN_IF_ERROR(parse(JsonObject(element, path)));
    }
    return absl::OkStatus();
  }
  // The object under `key` (must be an object when present).
  absl::Status Object(const char* key, std::optional<JsonObject>& out,
                      bool required = false) const {
    if (!Has(key))
      return required ? Error(At(key), "required object is missing") : absl::OkStatus();
    if (!Raw(key).is_object()) return Error(At(key), "expected an object");
    out.emplace(Raw(key), At(key));
    return absl::OkStatus();
  }

 private:
  const Json& json_;
  std::string path_;
};

}  // namespace secsched::engine::io
