#include "tools/schedctl/job_type.h"

#include <google/protobuf/descriptor.h>

#include <cctype>

namespace secsched::schedctl {
namespace {

using secsched::sectioning::v1::Job;

std::string ToKebab(std::string_view enum_name) {
  std::string text;
  for (char c : enum_name) {
    text += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

}  // namespace

std::optional<Job::Type> ParseJobType(std::string_view text) {
  const auto& values = *Job::Type_descriptor();
  for (int i = 0; i < values.value_count(); ++i) {
    const auto& value = *values.value(i);
    if (value.number() == Job::TYPE_UNSPECIFIED) continue;
    if (text == value.name() || text == ToKebab(value.name())) {
      return static_cast<Job::Type>(value.number());
    }
  }
  return std::nullopt;
}

std::string JobTypeList() {
  std::string list;
  const auto& values = *Job::Type_descriptor();
  for (int i = 0; i < values.value_count(); ++i) {
    if (values.value(i)->number() == Job::TYPE_UNSPECIFIED) continue;
    if (!list.empty()) list += ", ";
    list += ToKebab(values.value(i)->name());
  }
  return list;
}

}  // namespace secsched::schedctl
