#include "services/requests/domain/csv_import.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::requests {
namespace {

// An upper bound that keeps one request's work and memory bounded (a large district school has
// about 3,000 students and 30,000 requests).
constexpr size_t kMaxRows = 100000;

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

absl::StatusOr<csv::Table> ParseBounded(std::string_view text, std::string_view what) {
  absl::StatusOr<csv::Table> table = csv::Parse(text);
  if (!table.ok()) return table.status();
  if (table->rows.size() > kMaxRows) {
    return InvalidField("csv", std::string(what) + " has more than 100000 rows; split it");
  }
  return table;
}

}  // namespace

// ---- students -------------------------------------------------------------------------------

absl::StatusOr<ParsedStudents> ParseStudentsCsv(std::string_view calendar_id,
                                                std::string_view text) {
  absl::StatusOr<csv::Table> table = ParseBounded(text, kStudentsCsv);
  if (!table.ok()) return table.status();
  absl::StatusOr<csv::Columns> columns = csv::Columns::Bind(
      table->header, {"student_number", "name", "grade"}, {"team", "gender", "active"});
  if (!columns.ok()) return columns.status();
  ParsedStudents parsed;
  std::map<std::string, int> first_line;
  for (const csv::Row& row : table->rows) {
    const size_t before = parsed.errors.size();
    StudentRow out{.line = row.line};
    Student& s = out.student;
    s.calendar_id = std::string(calendar_id);
    // Numbers are ids: districts' exports sometimes capitalise letters, which ids do not allow.
    s.student_number = Lower(csv::RequireText(row, *columns, "student_number", parsed.errors));
    s.display_name = std::string(csv::RequireText(row, *columns, "name", parsed.errors));
    std::optional<long long> grade = csv::ParseInt(row, *columns, "grade", parsed.errors);
    if (!grade && columns->Get(row, "grade").empty()) {
      parsed.errors.Add(row.line, "grade", "is required");
    }
    s.grade = grade ? static_cast<int>(*grade) : 0;
    s.team = Lower(columns->Get(row, "team"));
    out.has_team = columns->Has("team");
    s.gender = Upper(columns->Get(row, "gender"));
    out.has_gender = columns->Has("gender");
    if (!columns->Get(row, "active").empty()) {
      std::optional<bool> active = csv::ParseBool(row, *columns, "active", parsed.errors);
      s.active = active.value_or(true);
      out.has_active = true;
    }
    if (parsed.errors.size() != before) continue;  // the checks below need parsed values
    AddStudentRow(std::move(out), StudentColumns{}, first_line, parsed);
  }
  return parsed;
}

void AddStudentRow(StudentRow row, const StudentColumns& columns,
                   std::map<std::string, int>& first_line, ParsedStudents& parsed) {
  const Student& s = row.student;
  if (!s.student_number.empty() && !api::IsValidId(s.student_number)) {
    parsed.errors.Add(row.line, columns.number,
                      "must be 1-63 characters of a-z, 0-9 and - (the student number)");
  }
  FieldValidator v;
  ValidateStudentFields(s, StudentFieldMask::All(), "", v);
  for (const FieldViolation& violation : FieldViolationsOf(v.Finish())) {
    std::string_view column = violation.field;
    if (column == "display_name") column = columns.name;
    if (column == "student_number") column = columns.number;
    if (column == "grade") column = columns.grade;
    parsed.errors.Add(row.line, column, violation.description);
  }
  auto [it, inserted] = first_line.emplace(s.student_number, row.line);
  if (!inserted) {
    parsed.errors.Add(
        row.line, columns.number,
        "repeats student " + s.student_number + " of line " + std::to_string(it->second));
  }
  parsed.rows.push_back(std::move(row));
}

absl::StatusOr<CalendarChanges> PlanStudentImport(const ParsedStudents& parsed,
                                                  const CalendarSnapshot& calendar,
                                                  StudentImportSummary& summary) {
  summary = {};
  csv::RowErrors errors = parsed.errors;
  const std::set<std::string, std::less<>> teams(calendar.team_ids.begin(),
                                                 calendar.team_ids.end());
  std::map<std::string, const Student*, std::less<>> existing;
  for (const StudentRequests& s : calendar.students)
    existing[s.student.student_number] = &s.student;

  CalendarChanges changes;
  for (const StudentRow& row : parsed.rows) {
    Student s = row.student;
    auto found = existing.find(s.student_number);
    if (found != existing.end()) {
      // A column left empty or absent keeps what the student has.
      const Student& old = *found->second;
      if (!row.has_team) s.team = old.team;
      if (!row.has_gender) s.gender = old.gender;
      if (!row.has_active) s.active = old.active;
    }
    if (!s.team.empty() && !teams.contains(s.team)) {
      errors.Add(row.line, "team", "team " + s.team + " does not exist in the calendar");
      continue;
    }
    if (found == existing.end()) {
      ++summary.created;
    } else {
      const Student& old = *found->second;
      if (std::tie(old.display_name, old.grade, old.team, old.gender, old.active) ==
          std::tie(s.display_name, s.grade, s.team, s.gender, s.active)) {
        ++summary.unchanged;
        continue;
      }
      ++summary.updated;
    }
    changes.upsert_students.push_back(std::move(s));
  }
  if (absl::Status s = errors.ToStatus(parsed.file); !s.ok()) return s;
  return changes;
}

// ---- requests -------------------------------------------------------------------------------

absl::StatusOr<ParsedRequests> ParseRequestsCsv(std::string_view text) {
  absl::StatusOr<csv::Table> table = ParseBounded(text, kRequestsCsv);
  if (!table.ok()) return table.status();
  absl::StatusOr<csv::Columns> columns =
      csv::Columns::Bind(table->header, {"student_number", "course_number"},
                         {"type", "rank", "required", "priority", "alternate_for"});
  if (!columns.ok()) return columns.status();
  ParsedRequests parsed;
  for (const csv::Row& row : table->rows) {
    const size_t before = parsed.errors.size();
    RequestRow out{.line = row.line};
    out.student_number = Lower(csv::RequireText(row, *columns, "student_number", parsed.errors));
    out.course_number =
        std::string(csv::RequireText(row, *columns, "course_number", parsed.errors));
    const std::string type = Upper(columns->Get(row, "type"));
    if (type.empty() || type == "PRIMARY" || type == "P") {
      out.kind = RequestKind::kPrimary;
    } else if (type == "ALTERNATE" || type == "A") {
      out.kind = RequestKind::kAlternate;
    } else {
      parsed.errors.Add(row.line, "type", "must be PRIMARY or ALTERNATE");
    }
    std::optional<long long> rank = csv::ParseInt(row, *columns, "rank", parsed.errors);
    std::optional<bool> required = csv::ParseBool(row, *columns, "required", parsed.errors);
    std::optional<long long> priority = csv::ParseInt(row, *columns, "priority", parsed.errors);
    out.alternate_for = std::string(columns->Get(row, "alternate_for"));
    if (parsed.errors.size() != before) continue;
    out.rank = static_cast<int>(rank.value_or(0));
    out.required = required.value_or(false);
    out.priority = static_cast<int>(priority.value_or(0));
    if (out.kind == RequestKind::kPrimary) {
      if (rank.has_value()) parsed.errors.Add(row.line, "rank", "is for alternates only");
      if (!out.alternate_for.empty()) {
        parsed.errors.Add(row.line, "alternate_for", "is for alternates only");
      }
    } else if (rank.has_value() && (*rank < 1 || *rank > 1000)) {
      parsed.errors.Add(row.line, "rank", "must be between 1 and 1000");
    }
    if (out.priority < 0 || out.priority > 100) {
      parsed.errors.Add(row.line, "priority", "must be between 0 and 100");
    }
    parsed.rows.push_back(std::move(out));
  }
  return parsed;
}

absl::StatusOr<CalendarChanges> PlanRequestImport(const ParsedRequests& parsed,
                                                  const CalendarSnapshot& calendar,
                                                  const CourseIndex& courses, bool replace_existing,
                                                  const std::string& entered_by,
                                                  RequestImportSummary& summary) {
  summary = {};
  csv::RowErrors errors = parsed.errors;
  std::map<std::string, const StudentRequests*, std::less<>> students;
  for (const StudentRequests& s : calendar.students) students[s.student.student_number] = &s;

  // Rows per student, primaries first (alternates may name them), then alternates by group,
  // rank (unranked last) and line.
  std::map<std::string, std::vector<const RequestRow*>> rows_by_student;
  for (const RequestRow& row : parsed.rows) {
    if (!students.contains(row.student_number)) {
      errors.Add(row.line, "student_number",
                 "student " + row.student_number + " does not exist in the calendar");
      continue;
    }
    const catalog::CatalogCourse* course = courses.ByNumber(row.course_number);
    if (course == nullptr) {
      errors.Add(row.line, "course_number",
                 "course " + row.course_number + " does not exist in the calendar's catalog");
      continue;
    }
    rows_by_student[row.student_number].push_back(&row);
  }
  auto order = [](const RequestRow* a, const RequestRow* b) {
    auto key = [](const RequestRow* r) {
      return std::tuple(r->kind != RequestKind::kPrimary, r->alternate_for,
                        r->rank == 0 ? 1 << 30 : r->rank, r->line);
    };
    return key(a) < key(b);
  };

  CalendarChanges changes;
  summary.students = static_cast<int>(rows_by_student.size());
  for (auto& [number, rows] : rows_by_student) {
    std::stable_sort(rows.begin(), rows.end(), order);
    StudentRequests state = *students.at(number);
    if (replace_existing) {
      summary.replaced += static_cast<int>(state.requests.size());
      for (const CourseRequest& r : state.requests) changes.requests.deletes.push_back(r);
      state.requests.clear();
    }
    std::map<std::string, std::string> primary_by_course;  // course number → request id
    for (const CourseRequest& r : state.requests) {
      const catalog::CatalogCourse* c = courses.ById(r.course_id);
      if (c != nullptr && r.kind == RequestKind::kPrimary)
        primary_by_course[c->number] = r.request_id;
    }
    for (const RequestRow* row : rows) {
      CourseRequest request{
          .calendar_id = state.student.calendar_id,
          .student_number = number,
          .request_id = api::NewId("req-"),
          .course_id = courses.ByNumber(row->course_number)->id,
          .kind = row->kind,
          .required = row->required,
          .priority = row->priority,
          .source = RequestSource::kImport,
          .entered_by = entered_by,
      };
      if (!row->alternate_for.empty()) {
        auto primary = primary_by_course.find(row->alternate_for);
        if (primary == primary_by_course.end()) {
          errors.Add(
              row->line, "alternate_for",
              "student " + number + " has no primary request for course " + row->alternate_for);
          continue;
        }
        request.alternate_for = primary->second;
      }
      absl::StatusOr<RequestChanges> added = PlanAdd(state, request, courses);
      if (!added.ok()) {
        errors.Add(row->line, "course_number", std::string(added.status().message()));
        continue;
      }
      if (row->kind == RequestKind::kPrimary) {
        primary_by_course[row->course_number] = request.request_id;
        ++summary.primaries;
      } else {
        ++summary.alternates;
      }
      state.requests = Applied(state.requests, *added);
      changes.requests.Append(*std::move(added));
    }
  }
  if (absl::Status s = errors.ToStatus(kRequestsCsv); !s.ok()) return s;
  return changes;
}

}  // namespace secsched::requests
