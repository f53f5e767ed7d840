#include "services/catalog/domain/resources_csv.h"

#include <climits>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/csv/csv.h"
#include "common/status/strings.h"

namespace secsched::catalog {
namespace {

// Validation names struct fields; a CSV error names the column the user wrote.
std::string_view TeacherColumnOf(std::string_view field) {
  if (field == "display_name") return "name";
  if (field == "can_teach_courses") return "can_teach";
  return field;
}

std::string_view RoomColumnOf(std::string_view field) {
  if (field == "room_type") return "type";
  return field;
}

std::optional<int> BoundedInt(const csv::Row &row, const csv::Columns &columns,
                              std::string_view name, csv::RowErrors &errors) {
  std::optional<long long> value = csv::ParseInt(row, columns, name, errors);
  if (!value.has_value()) return std::nullopt;
  if (*value < INT_MIN || *value > INT_MAX) {
    errors.Add(row.line, name, "is out of range");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::vector<UnavailablePeriod> Unavailable(const csv::Row &row, const csv::Columns &columns,
                                           csv::RowErrors &errors) {
  absl::StatusOr<std::vector<UnavailablePeriod>> periods =
      ParseUnavailable(columns.Get(row, "unavailable"));
  if (!periods.ok()) {
    errors.Add(row.line, "unavailable", ToStd(periods.status().message()));
    return {};
  }
  return *std::move(periods);
}

bool Active(const csv::Row &row, const csv::Columns &columns, csv::RowErrors &errors) {
  return csv::ParseBool(row, columns, "active", errors).value_or(true);
}

}  // namespace

absl::StatusOr<std::vector<Teacher>> ParseTeachersCsv(std::string_view text,
                                                      const CalendarFacts &facts) {
  absl::StatusOr<csv::Table> table = csv::Parse(text);
  if (!table.ok()) return table.status();
  absl::StatusOr<csv::Columns> columns = csv::Columns::Bind(
      table->header, {"staff_id", "name", "max_sections"},
      {"departments", "can_teach", "unavailable", "active", "max_sections_per_term"});
  if (!columns.ok()) return columns.status();

  csv::RowErrors errors;
  std::vector<Teacher> teachers;
  std::map<std::string, int, std::less<>> first_line_of_staff;
  for (const csv::Row &row : table->rows) {
    const std::size_t errors_before = errors.size();
    Teacher teacher;
    teacher.staff_id = std::string(csv::RequireText(row, *columns, "staff_id", errors));
    teacher.display_name = std::string(csv::RequireText(row, *columns, "name", errors));
    std::optional<int> max_sections = BoundedInt(row, *columns, "max_sections", errors);
    if (!max_sections.has_value() && columns->Get(row, "max_sections").empty()) {
      errors.Add(row.line, "max_sections", "is required");
    }
    teacher.max_sections = max_sections.value_or(0);
    teacher.max_sections_per_term =
        BoundedInt(row, *columns, "max_sections_per_term", errors).value_or(0);
    teacher.departments = SplitList(columns->Get(row, "departments"));
    for (const std::string &number : SplitList(columns->Get(row, "can_teach"))) {
      auto course = facts.course_ids_by_number.find(number);
      if (course == facts.course_ids_by_number.end()) {
        errors.Add(row.line, "can_teach",
                   absl::StrCat("course number \"", number, "\" is not a course of the calendar"));
      } else {
        teacher.can_teach_courses.push_back(course->second);
      }
    }
    teacher.unavailable = Unavailable(row, *columns, errors);
    teacher.active = Active(row, *columns, errors);
    if (!teacher.staff_id.empty()) {
      auto [it, inserted] = first_line_of_staff.emplace(teacher.staff_id, row.line);
      if (!inserted) {
        errors.Add(row.line, "staff_id",
                   absl::StrCat("repeats staff id ", teacher.staff_id, " of line ", it->second));
      }
    }
    // Cell-level problems first; rule checks only on rows whose cells all parsed, so one mistake is
    // not reported twice.
    if (errors.size() == errors_before) {
      for (const auto &[field, description] : ValidateTeacher(teacher, facts)) {
        errors.Add(row.line, TeacherColumnOf(field), description);
      }
    }
    teachers.push_back(std::move(teacher));
  }
  if (absl::Status status = errors.ToStatus("teachers.csv"); !status.ok()) return status;
  return teachers;
}

absl::StatusOr<std::vector<Room>> ParseRoomsCsv(std::string_view text, const CalendarFacts &facts) {
  absl::StatusOr<csv::Table> table = csv::Parse(text);
  if (!table.ok()) return table.status();
  absl::StatusOr<csv::Columns> columns =
      csv::Columns::Bind(table->header, {"number", "capacity", "type"}, {"unavailable", "active"});
  if (!columns.ok()) return columns.status();

  csv::RowErrors errors;
  std::vector<Room> rooms;
  std::map<std::string, int, std::less<>> first_line_of_number;
  for (const csv::Row &row : table->rows) {
    const std::size_t errors_before = errors.size();
    Room room;
    room.number = std::string(csv::RequireText(row, *columns, "number", errors));
    std::optional<int> capacity = BoundedInt(row, *columns, "capacity", errors);
    if (!capacity.has_value() && columns->Get(row, "capacity").empty()) {
      errors.Add(row.line, "capacity", "is required");
    }
    room.capacity = capacity.value_or(0);
    room.room_type = std::string(csv::RequireText(row, *columns, "type", errors));
    room.unavailable = Unavailable(row, *columns, errors);
    room.active = Active(row, *columns, errors);
    if (!room.number.empty()) {
      auto [it, inserted] = first_line_of_number.emplace(room.number, row.line);
      if (!inserted) {
        errors.Add(row.line, "number",
                   absl::StrCat("repeats room ", room.number, " of line ", it->second));
      }
    }
    if (errors.size() == errors_before) {
      for (const auto &[field, description] : ValidateRoom(room, facts)) {
        errors.Add(row.line, RoomColumnOf(field), description);
      }
    }
    rooms.push_back(std::move(room));
  }
  if (absl::Status status = errors.ToStatus("rooms.csv"); !status.ok()) return status;
  return rooms;
}

std::string WriteTeachersCsv(const std::vector<Teacher> &teachers, const CalendarFacts &facts) {
  csv::Writer writer;
  writer.AddRow({"staff_id", "name", "departments", "can_teach", "max_sections",
                 "max_sections_per_term", "unavailable", "active"});
  for (const Teacher &teacher : teachers) {
    std::vector<std::string> numbers;
    for (const std::string &id : teacher.can_teach_courses) {
      std::string number = facts.CourseNumberOf(id);
      // A course deleted since: its id is written so the loss is visible (re-import refuses it).
      numbers.push_back(number.empty() ? id : number);
    }
    writer.AddRow({teacher.staff_id, teacher.display_name, JoinList(teacher.departments),
                   JoinList(numbers), absl::StrCat(teacher.max_sections),
                   absl::StrCat(teacher.max_sections_per_term),
                   FormatUnavailable(teacher.unavailable), teacher.active ? "true" : "false"});
  }
  return writer.str();
}

std::string WriteRoomsCsv(const std::vector<Room> &rooms) {
  csv::Writer writer;
  writer.AddRow({"number", "capacity", "type", "unavailable", "active"});
  for (const Room &room : rooms) {
    writer.AddRow({room.number, absl::StrCat(room.capacity), room.room_type,
                   FormatUnavailable(room.unavailable), room.active ? "true" : "false"});
  }
  return writer.str();
}

}  // namespace secsched::catalog
