// Calendar facts and teachers. Rooms: pg_resource_repository_rooms.cc.
#include "services/catalog/storage/pg_resource_repository.h"

#include <map>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "common/api/paging.h"
#include "common/pg/transaction.h"
#include "common/status/strings.h"
#include "services/catalog/storage/pg_resource_table.h"
#include "services/catalog/storage/pg_text_arrays.h"

namespace secsched::catalog {
namespace {

const std::string kTeacherColumns =
    "calendar_id, id, staff_id, display_name, " + TextArrayColumn("departments") + ", " +
    TextArrayColumn("can_teach_courses") + ", max_sections, " + TextArrayColumn("unavailable") +
    ", active, max_sections_per_term";

Teacher TeacherOf(const pqxx::row &row) {
  return Teacher{
      .calendar_id = row["calendar_id"].as<std::string>(),
      .id = row["id"].as<std::string>(),
      .staff_id = row["staff_id"].as<std::string>(),
      .display_name = row["display_name"].as<std::string>(),
      .departments = TextArrayOf(row["departments"]),
      .can_teach_courses = TextArrayOf(row["can_teach_courses"]),
      .max_sections = row["max_sections"].as<int>(),
      .unavailable = UnavailableOf(row["unavailable"]),
      .active = row["active"].as<bool>(),
      .max_sections_per_term = row["max_sections_per_term"].as<int>(),
  };
}

const PgResourceTable<Teacher> kTeachers{"Teacher", "teachers", kTeacherColumns, &TeacherOf};

// ALREADY_EXISTS naming the teacher that holds `staff_id`, unless it is `self_id`.
absl::Status CheckStaffIdFree(pqxx::work &tx, const Teacher &teacher, std::string_view self_id) {
  pqxx::result holder = tx.exec_params(
      "SELECT id FROM catalog.teachers WHERE calendar_id = $1 AND staff_id = "
      "$2 AND id <> $3",
      teacher.calendar_id, teacher.staff_id, std::string(self_id));
  if (holder.empty()) return absl::OkStatus();
  return absl::AlreadyExistsError(
      absl::StrCat("Staff id ", teacher.staff_id, " is already teacher calendars/",
                   teacher.calendar_id, "/teachers/", holder[0][0].as<std::string>(), "."));
}

void InsertTeacher(pqxx::work &tx, const Teacher &t, std::string_view request_id) {
  tx.exec_params(
      "INSERT INTO catalog.teachers (calendar_id, id, staff_id, display_name, "
      "departments, can_teach_courses, max_sections, unavailable, active, "
      "request_id, max_sections_per_term) "
      "VALUES ($1, $2, $3, $4, " +
          TextArrayParam(5) + ", " + TextArrayParam(6) + ", $7, " + TextArrayParam(8) +
          ", $9, NULLIF($10, ''), $11)",
      t.calendar_id, t.id, t.staff_id, t.display_name, JsonArrayParam(t.departments),
      JsonArrayParam(t.can_teach_courses), t.max_sections, UnavailableParam(t.unavailable),
      t.active, std::string(request_id), t.max_sections_per_term);
}

void UpdateTeacherRow(pqxx::work &tx, const Teacher &t) {
  tx.exec_params(
      "UPDATE catalog.teachers SET staff_id = $3, display_name = $4, "
      "departments = " +
          TextArrayParam(5) + ", can_teach_courses = " + TextArrayParam(6) +
          ", max_sections = $7, unavailable = " + TextArrayParam(8) +
          ", active = $9, max_sections_per_term = $10, update_time = now() WHERE "
          "calendar_id = $1 AND id = $2",
      t.calendar_id, t.id, t.staff_id, t.display_name, JsonArrayParam(t.departments),
      JsonArrayParam(t.can_teach_courses), t.max_sections, UnavailableParam(t.unavailable),
      t.active, t.max_sections_per_term);
}

}  // namespace

absl::StatusOr<CalendarFacts> PgResourceRepository::Facts(std::string_view calendar_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<CalendarFacts> {
    const std::string id(calendar_id);
    if (tx.exec_params("SELECT 1 FROM catalog.calendars WHERE id = $1", id).empty()) {
      return absl::NotFoundError(absl::StrCat("Calendar ", id, " not found."));
    }
    CalendarFacts facts;
    pqxx::result periods = tx.exec_params(
        "SELECT DISTINCT number FROM catalog.periods WHERE "
        "calendar_id = $1",
        id);
    if (!periods.empty()) {
      facts.periods.emplace();
      for (const pqxx::row &row : periods) facts.periods->insert(row[0].as<int>());
    }
    for (const pqxx::row &row :
         tx.exec_params("SELECT id FROM catalog.terms WHERE calendar_id = $1", id)) {
      facts.term_ids.insert(row[0].as<std::string>());
    }
    for (const pqxx::row &row : tx.exec_params("SELECT number, id FROM catalog.courses WHERE "
                                               "calendar_id = $1",
                                               id)) {
      facts.course_ids_by_number.emplace(row[0].as<std::string>(), row[1].as<std::string>());
    }
    return facts;
  });
}

absl::StatusOr<Teacher> PgResourceRepository::CreateTeacher(const Teacher &teacher,
                                                            std::string_view request_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<Teacher> {
    absl::StatusOr<std::optional<Teacher>> earlier =
        kTeachers.Earlier(tx, teacher.calendar_id, teacher.id, request_id);
    if (!earlier.ok()) return earlier.status();
    if (*earlier) return **earlier;
    if (absl::Status s = CheckStaffIdFree(tx, teacher, ""); !s.ok()) return s;
    InsertTeacher(tx, teacher, request_id);
    return teacher;
  });
}

absl::StatusOr<Teacher> PgResourceRepository::GetTeacher(std::string_view calendar_id,
                                                         std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) {
    return kTeachers.Get(tx, calendar_id, id, /*for_update=*/false);
  });
}

absl::StatusOr<api::Page<Teacher>> PgResourceRepository::ListTeachers(std::string_view calendar_id,
                                                                      const ListOptions &options) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<api::Page<Teacher>> {
    return kTeachers.List(tx, calendar_id, options);
  });
}

absl::StatusOr<Teacher> PgResourceRepository::UpdateTeacher(
    std::string_view calendar_id, std::string_view id,
    const std::function<absl::Status(Teacher &)> &change) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<Teacher> {
    absl::StatusOr<Teacher> teacher = kTeachers.Get(tx, calendar_id, id, /*for_update=*/true);
    if (!teacher.ok()) return teacher.status();
    if (absl::Status s = change(*teacher); !s.ok()) return s;
    if (absl::Status s = CheckStaffIdFree(tx, *teacher, teacher->id); !s.ok()) return s;
    UpdateTeacherRow(tx, *teacher);
    return teacher;
  });
}

absl::Status PgResourceRepository::DeleteTeacher(std::string_view calendar_id,
                                                 std::string_view id) {
  return pg::WithTransaction(pool_,
                             [&](pqxx::work &tx) { return kTeachers.Delete(tx, calendar_id, id); });
}

absl::StatusOr<ImportCounts> PgResourceRepository::ImportTeachers(
    std::string_view calendar_id, const std::vector<Teacher> &teachers, bool write) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<ImportCounts> {
    std::map<std::string, Teacher, std::less<>> existing;  // by staff id
    for (const pqxx::row &row : tx.exec_params("SELECT " + kTeacherColumns +
                                                   " FROM catalog.teachers WHERE calendar_id = $1 "
                                                   "FOR UPDATE",
                                               std::string(calendar_id))) {
      Teacher teacher = TeacherOf(row);
      existing.emplace(teacher.staff_id, std::move(teacher));
    }
    ImportCounts counts;
    for (const Teacher &incoming : teachers) {
      auto match = existing.find(incoming.staff_id);
      if (match == existing.end()) {
        ++counts.created;
        if (write) InsertTeacher(tx, incoming, "");
        continue;
      }
      Teacher merged = incoming;
      merged.calendar_id = match->second.calendar_id;
      merged.id = match->second.id;
      if (merged == match->second) {
        ++counts.unchanged;
        continue;
      }
      ++counts.updated;
      if (write) UpdateTeacherRow(tx, merged);
    }
    return counts;
  });
}

absl::StatusOr<std::vector<Teacher>> PgResourceRepository::AllTeachers(
    std::string_view calendar_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<std::vector<Teacher>> {
    std::vector<Teacher> teachers;
    for (const pqxx::row &row : tx.exec_params("SELECT " + kTeacherColumns +
                                                   " FROM catalog.teachers WHERE calendar_id = $1 "
                                                   "ORDER BY staff_id COLLATE \"C\"",
                                               std::string(calendar_id))) {
      teachers.push_back(TeacherOf(row));
    }
    return teachers;
  });
}

}  // namespace secsched::catalog
