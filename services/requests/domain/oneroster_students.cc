#include "services/requests/domain/oneroster_students.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "common/status/status.h"
#include "common/status/strings.h"

namespace secsched::requests {
namespace {

std::string Lower(std::string_view text) { return absl::AsciiStrToLower(ToAbsl(text)); }

std::string_view Trim(std::string_view text) {
  return ToStd(absl::StripAsciiWhitespace(ToAbsl(text)));
}

// "09,10" → "09"; "" when empty.
std::string_view FirstGrade(std::string_view grades) {
  return Trim(grades.substr(0, grades.find(',')));
}

// A whole number made of digits only ("09" → 9).
std::optional<int> GradeNumber(std::string_view text) {
  if (text.empty() || text.size() > 2) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// The 1.1 CSV binding's columns (OneRoster 1.1, "CSV Tables"), in its order.
const std::vector<std::string_view> kUserColumns = {
    "sourcedId",       "status",        "dateLastModified",
    "enabledUser",     "orgSourcedIds", "role",
    "username",        "userIds",       "givenName",
    "familyName",      "middleName",    "identifier",
    "email",           "sms",           "phone",
    "agentSourcedIds", "grades",        "password"};
const std::vector<std::string_view> kDemographicColumns = {"sourcedId",
                                                           "status",
                                                           "dateLastModified",
                                                           "birthDate",
                                                           "sex",
                                                           "americanIndianOrAlaskaNative",
                                                           "asian",
                                                           "blackOrAfricanAmerican",
                                                           "nativeHawaiianOrOtherPacificIslander",
                                                           "white",
                                                           "demographicRaceTwoOrMoreRaces",
                                                           "hispanicOrLatinoEthnicity",
                                                           "countryOfBirthCode",
                                                           "stateOfBirthAbbreviation",
                                                           "cityOfBirth",
                                                           "publicSchoolResidenceStatus"};

std::vector<std::string_view> Without(const std::vector<std::string_view>& all,
                                      const std::vector<std::string_view>& required) {
  std::vector<std::string_view> out;
  for (std::string_view c : all) {
    if (std::find(required.begin(), required.end(), c) == required.end()) out.push_back(c);
  }
  return out;
}

absl::StatusOr<csv::Table> ParseFile(std::string_view text, std::string_view file) {
  absl::StatusOr<csv::Table> table = csv::Parse(text);
  if (!table.ok()) {
    return absl::Status(table.status().code(),
                        std::string(file) + ": " + std::string(ToStd(table.status().message())));
  }
  if (table->rows.size() > 100000) {
    return InvalidField("csv", std::string(file) + " has more than 100000 rows; split it");
  }
  return table;
}

// sourcedId → gender ("F", "M", "X" or "" for unspecified).
absl::StatusOr<std::map<std::string, std::string>> ParseDemographics(std::string_view text) {
  std::map<std::string, std::string> gender;
  if (Trim(text).empty()) return gender;
  absl::StatusOr<csv::Table> table = ParseFile(text, kOneRosterDemographicsCsv);
  if (!table.ok()) return table.status();
  const std::vector<std::string_view> required = {"sourcedId"};
  absl::StatusOr<csv::Columns> columns =
      csv::Columns::Bind(table->header, required, Without(kDemographicColumns, required));
  if (!columns.ok()) return columns.status();
  csv::RowErrors errors;
  for (const csv::Row& row : table->rows) {
    const std::string id(csv::RequireText(row, *columns, "sourcedId", errors));
    const std::string sex = Lower(columns->Get(row, "sex"));
    if (sex == "female") {
      gender[id] = "F";
    } else if (sex == "male") {
      gender[id] = "M";
    } else if (sex == "other") {
      gender[id] = "X";
    } else if (sex.empty() || sex == "unspecified") {
      gender[id] = "";
    } else {
      errors.Add(row.line, "sex", "must be female, male, other or unspecified");
    }
  }
  if (absl::Status s = errors.ToStatus(kOneRosterDemographicsCsv); !s.ok()) return s;
  return gender;
}

}  // namespace

absl::StatusOr<ParsedStudents> ParseOneRosterStudents(std::string_view calendar_id,
                                                      std::string_view users_csv,
                                                      std::string_view demographics_csv) {
  absl::StatusOr<std::map<std::string, std::string>> gender = ParseDemographics(demographics_csv);
  if (!gender.ok()) return gender.status();
  absl::StatusOr<csv::Table> table = ParseFile(users_csv, kOneRosterUsersCsv);
  if (!table.ok()) return table.status();
  const std::vector<std::string_view> required = {"sourcedId", "role", "givenName", "familyName"};
  absl::StatusOr<csv::Columns> columns =
      csv::Columns::Bind(table->header, required, Without(kUserColumns, required));
  if (!columns.ok()) return columns.status();

  ParsedStudents parsed;
  parsed.file = kOneRosterUsersCsv;
  std::map<std::string, int> first_line;
  for (const csv::Row& row : table->rows) {
    if (Lower(columns->Get(row, "role")) != "student" ||
        Lower(columns->Get(row, "status")) == "tobedeleted") {
      ++parsed.skipped;
      continue;
    }
    const size_t before = parsed.errors.size();
    StudentRow out{.line = row.line};
    Student& s = out.student;
    s.calendar_id = std::string(calendar_id);
    const std::string sourced_id(csv::RequireText(row, *columns, "sourcedId", parsed.errors));
    const std::string_view identifier = columns->Get(row, "identifier");
    s.student_number = Lower(identifier.empty() ? sourced_id : identifier);
    std::string name;
    for (std::string_view part : {"givenName", "middleName", "familyName"}) {
      if (std::string_view value = columns->Get(row, part); !value.empty()) {
        name += (name.empty() ? "" : " ") + std::string(value);
      }
    }
    s.display_name = name;
    if (name.empty()) parsed.errors.Add(row.line, "givenName", "a student needs a name");
    const std::string_view grade = FirstGrade(columns->Get(row, "grades"));
    if (grade.empty()) {
      parsed.errors.Add(row.line, "grades", "is required for a student");
    } else if (std::optional<int> number = GradeNumber(grade)) {
      s.grade = *number;
    } else {
      parsed.errors.Add(
          row.line, "grades",
          "must start with a grade number such as 09, not \"" + std::string(grade) + "\"");
    }
    if (!columns->Get(row, "enabledUser").empty()) {
      s.active = csv::ParseBool(row, *columns, "enabledUser", parsed.errors).value_or(true);
      out.has_active = true;
    }
    if (auto found = gender->find(sourced_id); found != gender->end()) {
      s.gender = found->second;
      out.has_gender = true;
    }
    if (parsed.errors.size() != before) continue;
    const StudentColumns here{.number = identifier.empty() ? "sourcedId" : "identifier",
                              .name = "givenName",
                              .grade = "grades"};
    AddStudentRow(std::move(out), here, first_line, parsed);
  }
  return parsed;
}

}  // namespace secsched::requests
