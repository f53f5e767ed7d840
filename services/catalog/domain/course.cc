#include "services/catalog/domain/course.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/strings.h"

namespace secsched::catalog {
namespace {

struct FieldInfo {
  CourseField field;
  std::string_view name;
};

constexpr FieldInfo kFields[] = {
    {CourseField::kNumber, "number"},
    {CourseField::kDisplayName, "display_name"},
    {CourseField::kDepartment, "department"},
    {CourseField::kCredits, "credits"},
    {CourseField::kMinGrade, "min_grade"},
    {CourseField::kMaxGrade, "max_grade"},
    {CourseField::kTermLength, "term_length"},
    {CourseField::kPeriodsPerMeeting, "periods_per_meeting"},
    {CourseField::kSectionsToBuild, "sections_to_build"},
    {CourseField::kMaxStudents, "max_students"},
    {CourseField::kLoadPriority, "load_priority"},
    {CourseField::kRoomType, "room_type"},
    {CourseField::kRequired, "required"},
    {CourseField::kActive, "active"},
    {CourseField::kTags, "tags"},
};

constexpr int kMinGrade = 6;
constexpr int kMaxGrade = 12;
constexpr double kMaxCredits = 10;
constexpr int kMaxSectionsToBuild = 500;
constexpr int kMaxTags = 20;

bool Contains(const std::vector<CourseField>* fields, CourseField field) {
  return fields == nullptr || std::find(fields->begin(), fields->end(), field) != fields->end();
}

// Lower-case letters, digits, '-' and '_'; starts with a letter or digit.
bool IsValidLabel(std::string_view text, size_t max_size) {
  if (text.empty() || text.size() > max_size) return false;
  if (!std::isalnum(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

bool IsQuarterStep(double credits) {
  const double quarters = credits * 4;
  return std::fabs(quarters - std::round(quarters)) < 1e-9;
}

std::string NumberText(double value) {
  // Credits are quarter steps, so two decimals are exact; trailing zeros go.
  std::string text = absl::StrCat(std::round(value * 100) / 100);
  return text;
}

}  // namespace

const std::vector<CourseField>& AllCourseFields() {
  static const std::vector<CourseField> all = [] {
    std::vector<CourseField> fields;
    for (const FieldInfo& info : kFields) fields.push_back(info.field);
    return fields;
  }();
  return all;
}

std::string_view FieldName(CourseField field) {
  for (const FieldInfo& info : kFields) {
    if (info.field == field) return info.name;
  }
  return "";
}

std::optional<CourseField> ParseFieldName(std::string_view name) {
  for (const FieldInfo& info : kFields) {
    if (info.name == name) return info.field;
  }
  return std::nullopt;
}

absl::StatusOr<std::vector<CourseField>> ParseFieldList(const std::vector<std::string>& paths,
                                                        std::string_view violation_field,
                                                        bool allow_empty) {
  FieldValidator v;
  std::vector<CourseField> parsed;
  for (const std::string& path : paths) {
    std::optional<CourseField> field = ParseFieldName(path);
    if (!field) {
      v.Add(violation_field, absl::StrCat("unknown course field \"", path, "\""));
      continue;
    }
    parsed.push_back(*field);
  }
  if (paths.empty() && !allow_empty) v.Add(violation_field, "must name at least one course field");
  if (absl::Status s = v.Finish("The field list is invalid."); !s.ok()) return s;
  std::vector<CourseField> ordered;
  for (CourseField field : AllCourseFields()) {
    if (std::find(parsed.begin(), parsed.end(), field) != parsed.end()) ordered.push_back(field);
  }
  return ordered;
}

std::vector<std::string> FieldNames(const std::vector<CourseField>& fields) {
  std::vector<std::string> names;
  names.reserve(fields.size());
  for (CourseField field : fields) names.emplace_back(FieldName(field));
  return names;
}

std::string_view TermLengthName(TermLength length) {
  switch (length) {
    case TermLength::kYear:
      return "YEAR";
    case TermLength::kSemester:
      return "SEMESTER";
    case TermLength::kQuarter:
      return "QUARTER";
  }
  return "YEAR";
}

std::optional<TermLength> ParseTermLength(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "YEAR") return TermLength::kYear;
  if (upper == "SEMESTER") return TermLength::kSemester;
  if (upper == "QUARTER") return TermLength::kQuarter;
  return std::nullopt;
}

std::string FieldText(const CourseValues& values, CourseField field) {
  switch (field) {
    case CourseField::kNumber:
      return values.number;
    case CourseField::kDisplayName:
      return values.display_name;
    case CourseField::kDepartment:
      return values.department;
    case CourseField::kCredits:
      return NumberText(values.credits);
    case CourseField::kMinGrade:
      return absl::StrCat(values.min_grade);
    case CourseField::kMaxGrade:
      return absl::StrCat(values.max_grade);
    case CourseField::kTermLength:
      return std::string(TermLengthName(values.term_length));
    case CourseField::kPeriodsPerMeeting:
      return absl::StrCat(values.periods_per_meeting);
    case CourseField::kSectionsToBuild:
      return absl::StrCat(values.sections_to_build);
    case CourseField::kMaxStudents:
      return absl::StrCat(values.max_students);
    case CourseField::kLoadPriority:
      return absl::StrCat(values.load_priority);
    case CourseField::kRoomType:
      return values.room_type;
    case CourseField::kRequired:
      return values.required ? "true" : "false";
    case CourseField::kActive:
      return values.active ? "true" : "false";
    case CourseField::kTags:
      return absl::StrJoin(values.tags, ";");
  }
  return "";
}

void CopyFields(const CourseValues& from, const std::vector<CourseField>& fields,
                CourseValues& to) {
  for (CourseField field : fields) {
    switch (field) {
      case CourseField::kNumber:
        to.number = from.number;
        break;
      case CourseField::kDisplayName:
        to.display_name = from.display_name;
        break;
      case CourseField::kDepartment:
        to.department = from.department;
        break;
      case CourseField::kCredits:
        to.credits = from.credits;
        break;
      case CourseField::kMinGrade:
        to.min_grade = from.min_grade;
        break;
      case CourseField::kMaxGrade:
        to.max_grade = from.max_grade;
        break;
      case CourseField::kTermLength:
        to.term_length = from.term_length;
        break;
      case CourseField::kPeriodsPerMeeting:
        to.periods_per_meeting = from.periods_per_meeting;
        break;
      case CourseField::kSectionsToBuild:
        to.sections_to_build = from.sections_to_build;
        break;
      case CourseField::kMaxStudents:
        to.max_students = from.max_students;
        break;
      case CourseField::kLoadPriority:
        to.load_priority = from.load_priority;
        break;
      case CourseField::kRoomType:
        to.room_type = from.room_type;
        break;
      case CourseField::kRequired:
        to.required = from.required;
        break;
      case CourseField::kActive:
        to.active = from.active;
        break;
      case CourseField::kTags:
        to.tags = from.tags;
        break;
    }
  }
}

bool IsValidCourseNumber(std::string_view number) {
  if (number.empty() || number.size() > 20) return false;
  if (!std::isalnum(static_cast<unsigned char>(number[0]))) return false;
  return std::all_of(number.begin(), number.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
}

std::string DefaultIdForNumber(std::string_view number) {
  std::string id(number);
  for (char& c : id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return id;
}

void NormalizeTags(CourseValues& values) {
  std::sort(values.tags.begin(), values.tags.end());
  values.tags.erase(std::unique(values.tags.begin(), values.tags.end()), values.tags.end());
}

void ValidateCourseValues(const CourseValues& values, std::string_view prefix, FieldValidator& v,
                          const std::vector<CourseField>* fields) {
  auto name = [&](CourseField field) {
    return absl::StrCat(ToAbsl(prefix), ToAbsl(FieldName(field)));
  };
  auto check = [&](CourseField field, bool ok, std::string_view description) {
    if (Contains(fields, field)) v.Require(ok, name(field), description);
  };
  check(CourseField::kNumber, IsValidCourseNumber(values.number),
        "must be 1-20 characters of A-Z, a-z, 0-9 and -, starting with a letter or digit");
  check(CourseField::kDisplayName,
        !values.display_name.empty() && values.display_name.size() <= 200,
        "is required (at most 200 characters)");
  check(CourseField::kDepartment, !values.department.empty() && values.department.size() <= 60,
        "is required (at most 60 characters)");
  check(CourseField::kCredits,
        std::isfinite(values.credits) && values.credits >= 0 && values.credits <= kMaxCredits &&
            IsQuarterStep(values.credits),
        "must be 0 to 10 in steps of 0.25");
  const bool min_ok = values.min_grade >= kMinGrade && values.min_grade <= kMaxGrade;
  const bool max_ok = values.max_grade >= kMinGrade && values.max_grade <= kMaxGrade;
  check(CourseField::kMinGrade, min_ok, "must be a grade from 6 to 12");
  check(CourseField::kMaxGrade, max_ok, "must be a grade from 6 to 12");
  if (min_ok && max_ok &&
      (Contains(fields, CourseField::kMinGrade) || Contains(fields, CourseField::kMaxGrade))) {
    v.Require(values.min_grade <= values.max_grade, name(CourseField::kMaxGrade),
              "must not be below min_grade");
  }
  check(CourseField::kPeriodsPerMeeting,
        values.periods_per_meeting >= 1 && values.periods_per_meeting <= 2,
        "must be 1, or 2 for a double period");
  check(CourseField::kSectionsToBuild,
        values.sections_to_build >= 0 && values.sections_to_build <= kMaxSectionsToBuild,
        "must be 0 (derive from requests) to 500");
  check(CourseField::kMaxStudents, values.max_students >= 1 && values.max_students <= 200,
        "must be 1 to 200");
  check(CourseField::kLoadPriority, values.load_priority >= 1 && values.load_priority <= 10,
        "must be 1 (loaded first) to 10");
  check(CourseField::kRoomType, IsValidLabel(values.room_type, 30),
        "must be 1-30 characters of a-z, 0-9, - and _ (e.g. regular, lab, gym)");
  if (Contains(fields, CourseField::kTags)) {
    v.Require(values.tags.size() <= kMaxTags, name(CourseField::kTags), "at most 20 tags");
    for (const std::string& tag : values.tags) {
      if (!IsValidLabel(tag, 40)) {
        v.Add(name(CourseField::kTags),
              absl::StrCat("tag \"", tag, "\" must be 1-40 characters of a-z, 0-9, - and _"));
      }
    }
  }
}

std::vector<FieldChange> DiffFields(std::string_view course_id, const CourseValues& before,
                                    const CourseValues& after,
                                    const std::vector<CourseField>& fields) {
  std::vector<FieldChange> changes;
  for (CourseField field : fields) {
    std::string old_value = FieldText(before, field);
    std::string new_value = FieldText(after, field);
    if (old_value == new_value) continue;
    changes.push_back({.course = std::string(course_id),
                       .field = std::string(FieldName(field)),
                       .old_value = std::move(old_value),
                       .new_value = std::move(new_value)});
  }
  return changes;
}

std::optional<CourseField> FirstLockedField(const Course& course,
                                            const std::vector<CourseField>& fields) {
  for (CourseField field : fields) {
    if (std::find(course.locked_fields.begin(), course.locked_fields.end(), field) !=
        course.locked_fields.end()) {
      return field;
    }
  }
  return std::nullopt;
}

absl::Status LockedFieldError(const Course& course, CourseField field) {
  return absl::FailedPreconditionError(absl::StrCat(
      "Course ", course.values.number, " (", course.id, "): field ", ToAbsl(FieldName(field)),
      " is locked by the district course master ", course.master_id, "."));
}

CatalogCourse ToCatalogCourse(const Course& course) {
  const CourseValues& v = course.values;
  return CatalogCourse{.id = course.id,
                       .number = v.number,
                       .display_name = v.display_name,
                       .department = v.department,
                       .credits = v.credits,
                       .min_grade = v.min_grade,
                       .max_grade = v.max_grade,
                       .term_length = v.term_length,
                       .periods_per_meeting = v.periods_per_meeting,
                       .sections_to_build = v.sections_to_build,
                       .max_students = v.max_students,
                       .load_priority = v.load_priority,
                       .room_type = v.room_type,
                       .required = v.required,
                       .active = v.active,
                       .tags = v.tags};
}

}  // namespace secsched::catalog
