#include "services/catalog/domain/resource_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"
#include "common/status/strings.h"
#include "services/catalog/domain/resources_csv.h"

namespace secsched::catalog {
namespace {

constexpr std::size_t kMaxRequestIdLength = 128;
constexpr std::size_t kMaxCsvBytes = 8 << 20;

absl::Status FinishViolations(const Violations &violations, std::string_view prefix,
                              std::string_view message) {
  if (violations.empty()) return absl::OkStatus();
  std::vector<FieldViolation> out;
  for (const auto &[field, description] : violations) {
    out.push_back({absl::StrCat(ToAbsl(prefix), field), description});
  }
  return InvalidArgumentWithFields(message, std::move(out));
}

absl::Status CheckNewIds(std::string_view id, std::string_view id_field,
                         std::string_view request_id) {
  FieldValidator v;
  v.Require(id.empty() || api::IsValidId(id), id_field,
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(request_id.size() <= kMaxRequestIdLength, "request_id",
            "must be at most 128 characters");
  return v.Finish();
}

// Every path of `mask` must be one of `known`; an empty mask means all of them.
absl::StatusOr<std::vector<std::string>> ResolveMask(const std::vector<std::string> &mask,
                                                     const std::vector<std::string> &known) {
  if (mask.empty()) return known;
  FieldValidator v;
  for (const std::string &path : mask) {
    v.Require(std::find(known.begin(), known.end(), path) != known.end(), "update_mask",
              absl::StrCat("\"", path, "\" is not a field that can be updated"));
  }
  if (absl::Status s = v.Finish("The update mask names unknown fields."); !s.ok()) return s;
  return mask;
}

bool Has(const std::vector<std::string> &paths, std::string_view path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

absl::Status CheckCsvSize(std::string_view csv) {
  if (csv.size() > kMaxCsvBytes) return InvalidField("csv_data", "must be at most 8 MiB");
  return absl::OkStatus();
}

const std::vector<std::string> kTeacherPaths = {
    "staff_id",     "display_name", "departments", "can_teach_courses",
    "max_sections", "unavailable",  "active",      "max_sections_per_term"};
const std::vector<std::string> kRoomPaths = {"number", "capacity", "room_type", "unavailable",
                                             "active"};

}  // namespace

absl::Status Resources::Authorize(const auth::Caller &caller, std::string_view calendar_id,
                                  access::Mode mode) {
  return access::AuthorizeCalendarAccess(caller, calendar_id, mode, schools_, access_);
}

// ---- teachers ----

absl::StatusOr<Teacher> Resources::CreateTeacher(const auth::Caller &caller, Teacher teacher,
                                                 std::string_view request_id) {
  if (absl::Status s = CheckNewIds(teacher.id, "teacher_id", request_id); !s.ok()) return s;
  if (absl::Status s = Authorize(caller, teacher.calendar_id, access::Mode::kWrite); !s.ok()) {
    return s;
  }
  absl::StatusOr<CalendarFacts> facts = repository_.Facts(teacher.calendar_id);
  if (!facts.ok()) return facts.status();
  if (absl::Status s = FinishViolations(ValidateTeacher(teacher, *facts), "teacher.",
                                        "The teacher has invalid fields.");
      !s.ok()) {
    return s;
  }
  if (teacher.id.empty()) teacher.id = api::NewId("teacher-");
  return repository_.CreateTeacher(teacher, request_id);
}

absl::StatusOr<Teacher> Resources::GetTeacher(const auth::Caller &caller,
                                              std::string_view calendar_id, std::string_view id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  return repository_.GetTeacher(calendar_id, id);
}

absl::StatusOr<api::Page<Teacher>> Resources::ListTeachers(const auth::Caller &caller,
                                                           std::string_view calendar_id,
                                                           const ListOptions &options) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  return repository_.ListTeachers(calendar_id, options);
}

absl::StatusOr<Teacher> Resources::UpdateTeacher(const auth::Caller &caller, const Teacher &values,
                                                 const std::vector<std::string> &mask) {
  absl::StatusOr<std::vector<std::string>> paths = ResolveMask(mask, kTeacherPaths);
  if (!paths.ok()) return paths.status();
  if (absl::Status s = Authorize(caller, values.calendar_id, access::Mode::kWrite); !s.ok()) {
    return s;
  }
  absl::StatusOr<CalendarFacts> facts = repository_.Facts(values.calendar_id);
  if (!facts.ok()) return facts.status();
  return repository_.UpdateTeacher(
      values.calendar_id, values.id, [&](Teacher &teacher) -> absl::Status {
        if (Has(*paths, "staff_id")) teacher.staff_id = values.staff_id;
        if (Has(*paths, "display_name")) teacher.display_name = values.display_name;
        if (Has(*paths, "departments")) teacher.departments = values.departments;
        if (Has(*paths, "can_teach_courses")) teacher.can_teach_courses = values.can_teach_courses;
        if (Has(*paths, "max_sections")) teacher.max_sections = values.max_sections;
        if (Has(*paths, "max_sections_per_term")) {
          teacher.max_sections_per_term = values.max_sections_per_term;
        }
        if (Has(*paths, "unavailable")) teacher.unavailable = values.unavailable;
        if (Has(*paths, "active")) teacher.active = values.active;
        return FinishViolations(ValidateTeacher(teacher, *facts), "teacher.",
                                "The teacher has invalid fields.");
      });
}

absl::Status Resources::DeleteTeacher(const auth::Caller &caller, std::string_view calendar_id,
                                      std::string_view id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kWrite); !s.ok()) return s;
  return repository_.DeleteTeacher(calendar_id, id);
}

absl::StatusOr<ImportCounts> Resources::ImportTeachers(const auth::Caller &caller,
                                                       std::string_view calendar_id,
                                                       std::string_view csv, bool validate_only) {
  if (absl::Status s = CheckCsvSize(csv); !s.ok()) return s;
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kWrite); !s.ok()) return s;
  absl::StatusOr<CalendarFacts> facts = repository_.Facts(calendar_id);
  if (!facts.ok()) return facts.status();
  absl::StatusOr<std::vector<Teacher>> teachers = ParseTeachersCsv(csv, *facts);
  if (!teachers.ok()) return teachers.status();
  for (Teacher &teacher : *teachers) {
    teacher.calendar_id = std::string(calendar_id);
    teacher.id = api::NewId("teacher-");  // used only for teachers the file adds
  }
  return repository_.ImportTeachers(calendar_id, *teachers, !validate_only);
}

absl::StatusOr<CsvExport> Resources::ExportTeachers(const auth::Caller &caller,
                                                    std::string_view calendar_id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  absl::StatusOr<CalendarFacts> facts = repository_.Facts(calendar_id);
  if (!facts.ok()) return facts.status();
  absl::StatusOr<std::vector<Teacher>> teachers = repository_.AllTeachers(calendar_id);
  if (!teachers.ok()) return teachers.status();
  return CsvExport{.csv = WriteTeachersCsv(*teachers, *facts),
                   .rows = static_cast<int>(teachers->size())};
}

// ---- rooms ----

absl::StatusOr<Room> Resources::CreateRoom(const auth::Caller &caller, Room room,
                                           std::string_view request_id) {
  if (absl::Status s = CheckNewIds(room.id, "room_id", request_id); !s.ok()) return s;
  if (absl::Status s = Authorize(caller, room.calendar_id, access::Mode::kWrite); !s.ok()) {
    return s;
  }
  absl::StatusOr<CalendarFacts> facts = repository_.Facts(room.calendar_id);
  if (!facts.ok()) return facts.status();
  if (absl::Status s =
          FinishViolations(ValidateRoom(room, *facts), "room.", "The room has invalid fields.");
      !s.ok()) {
    return s;
  }
  if (room.id.empty()) room.id = api::NewId("room-");
  return repository_.CreateRoom(room, request_id);
}

absl::StatusOr<Room> Resources::GetRoom(const auth::Caller &caller, std::string_view calendar_id,
                                        std::string_view id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  return repository_.GetRoom(calendar_id, id);
}

absl::StatusOr<api::Page<Room>> Resources::ListRooms(const auth::Caller &caller,
                                                     std::string_view calendar_id,
                                                     const ListOptions &options) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  return repository_.ListRooms(calendar_id, options);
}

absl::StatusOr<Room> Resources::UpdateRoom(const auth::Caller &caller, const Room &values,
                                           const std::vector<std::string> &mask) {
  absl::StatusOr<std::vector<std::string>> paths = ResolveMask(mask, kRoomPaths);
  if (!paths.ok()) return paths.status();
  if (absl::Status s = Authorize(caller, values.calendar_id, access::Mode::kWrite); !s.ok()) {
    return s;
  }
  absl::StatusOr<CalendarFacts> facts = repository_.Facts(values.calendar_id);
  if (!facts.ok()) return facts.status();
  return repository_.UpdateRoom(values.calendar_id, values.id, [&](Room &room) -> absl::Status {
    if (Has(*paths, "number")) room.number = values.number;
    if (Has(*paths, "capacity")) room.capacity = values.capacity;
    if (Has(*paths, "room_type")) room.room_type = values.room_type;
    if (Has(*paths, "unavailable")) room.unavailable = values.unavailable;
    if (Has(*paths, "active")) room.active = values.active;
    return FinishViolations(ValidateRoom(room, *facts), "room.", "The room has invalid fields.");
  });
}

absl::Status Resources::DeleteRoom(const auth::Caller &caller, std::string_view calendar_id,
                                   std::string_view id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kWrite); !s.ok()) return s;
  return repository_.DeleteRoom(calendar_id, id);
}

absl::StatusOr<ImportCounts> Resources::ImportRooms(const auth::Caller &caller,
                                                    std::string_view calendar_id,
                                                    std::string_view csv, bool validate_only) {
  if (absl::Status s = CheckCsvSize(csv); !s.ok()) return s;
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kWrite); !s.ok()) return s;
  absl::StatusOr<CalendarFacts> facts = repository_.Facts(calendar_id);
  if (!facts.ok()) return facts.status();
  absl::StatusOr<std::vector<Room>> rooms = ParseRoomsCsv(csv, *facts);
  if (!rooms.ok()) return rooms.status();
  for (Room &room : *rooms) {
    room.calendar_id = std::string(calendar_id);
    room.id = api::NewId("room-");
  }
  return repository_.ImportRooms(calendar_id, *rooms, !validate_only);
}

absl::StatusOr<CsvExport> Resources::ExportRooms(const auth::Caller &caller,
                                                 std::string_view calendar_id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  absl::StatusOr<std::vector<Room>> rooms = repository_.AllRooms(calendar_id);
  if (!rooms.ok()) return rooms.status();
  return CsvExport{.csv = WriteRoomsCsv(*rooms), .rows = static_cast<int>(rooms->size())};
}

}  // namespace secsched::catalog
