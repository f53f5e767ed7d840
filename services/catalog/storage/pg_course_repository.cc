#include "services/catalog/storage/pg_course_repository.h"

#include "absl/strings/str_cat.h"
#include "common/pg/errors.h"
#include "common/pg/prepared.h"
#include "common/pg/request_ids.h"
#include "common/pg/transaction.h"
#include "common/status/strings.h"
#include "services/catalog/storage/pg_course_rows.h"

namespace secsched::catalog {
namespace {

using course_rows::CourseOf;
using course_rows::CourseSelect;
using course_rows::CoursesJson;
using course_rows::CoursesOf;
using course_rows::FieldsJson;
using course_rows::Json;
using course_rows::kRecordset;
using course_rows::MasterOf;
using course_rows::MasterSelect;
using course_rows::ValuesJson;

absl::Status Duplicate(std::string_view what) {
  return absl::AlreadyExistsError(absl::StrCat(ToAbsl(what), " already exists."));
}

}  // namespace

absl::StatusOr<CourseMaster> PgCourseTransaction::LockMaster(std::string_view id) {
  pqxx::result rows = tx_.exec_params(MasterSelect() + "WHERE id = $1 FOR UPDATE", std::string(id));
  if (rows.empty()) {
    return absl::NotFoundError(absl::StrCat("Course master ", ToAbsl(id), " not found."));
  }
  return MasterOf(rows[0]);
}

absl::StatusOr<std::optional<CourseMaster>> PgCourseTransaction::MasterByRequestId(
    std::string_view request_id) {
  if (absl::Status s = pg::ClaimRequestId(tx_, "course_masters", request_id); !s.ok()) return s;
  pqxx::result rows =
      tx_.exec_params(MasterSelect() + "WHERE request_id = $1", std::string(request_id));
  if (rows.empty()) return std::optional<CourseMaster>();
  return std::optional<CourseMaster>(MasterOf(rows[0]));
}

absl::StatusOr<bool> PgCourseTransaction::MasterIdExists(std::string_view id) {
  return !tx_.exec_params("SELECT 1 FROM catalog.course_masters WHERE id = $1", std::string(id))
              .empty();
}

absl::StatusOr<CourseMaster> PgCourseTransaction::InsertMaster(const CourseMaster& master,
                                                               std::string_view request_id) {
  Json row = ValuesJson(master.values);
  row["id"] = master.id;
  row["locked_fields"] = FieldNames(master.locked_fields);
  try {
    tx_.exec_params(
        "INSERT INTO catalog.course_masters (id, number, display_name, department, credits, "
        "  min_grade, max_grade, term_length, periods_per_meeting, sections_to_build, "
        "  max_students, load_priority, room_type, required, active, tags, locked_fields, "
        "  creator, request_id) "
        "SELECT id, number, display_name, department, credits, min_grade, max_grade, term_length, "
        "  periods_per_meeting, sections_to_build, max_students, load_priority, room_type, "
        "  required, active, tags, locked_fields, $2, NULLIF($3, '') "
        "FROM jsonb_to_record($1::jsonb) AS r(id text, number text, display_name text, "
        "  department text, credits numeric, min_grade int, max_grade int, term_length text, "
        "  periods_per_meeting int, sections_to_build int, max_students int, load_priority int, "
        "  room_type text, required boolean, active boolean, tags text[], locked_fields text[])",
        row.dump(), master.creator, std::string(request_id));
  } catch (const pqxx::unique_violation&) {
    return Duplicate(
        absl::StrCat("A course master with id ", master.id, " or number ", master.values.number));
  }
  return LockMaster(master.id);
}

absl::StatusOr<CourseMaster> PgCourseTransaction::UpdateMaster(const CourseMaster& master) {
  Json row = ValuesJson(master.values);
  row["locked_fields"] = FieldNames(master.locked_fields);
  try {
    tx_.exec_params(
        "UPDATE catalog.course_masters m SET number = r.number, display_name = r.display_name, "
        "  department = r.department, credits = r.credits, min_grade = r.min_grade, "
        "  max_grade = r.max_grade, term_length = r.term_length, "
        "  periods_per_meeting = r.periods_per_meeting, sections_to_build = r.sections_to_build, "
        "  max_students = r.max_students, load_priority = r.load_priority, "
        "  room_type = r.room_type, required = r.required, active = r.active, tags = r.tags, "
        "  locked_fields = r.locked_fields, update_time = now() "
        "FROM jsonb_to_record($1::jsonb) AS r(number text, display_name text, department text, "
        "  credits numeric, min_grade int, max_grade int, term_length text, "
        "  periods_per_meeting int, sections_to_build int, max_students int, load_priority int, "
        "  room_type text, required boolean, active boolean, tags text[], locked_fields text[]) "
        "WHERE m.id = $2",
        row.dump(), master.id);
  } catch (const pqxx::unique_violation&) {
    return Duplicate(absl::StrCat("A course master with number ", master.values.number));
  }
  return LockMaster(master.id);
}

absl::StatusOr<std::vector<Course>> PgCourseTransaction::LockCourses(std::string_view calendar_id) {
  return CoursesOf(
      tx_.exec_params(CourseSelect() + "WHERE calendar_id = $1 ORDER BY number FOR UPDATE",
                      std::string(calendar_id)));
}

absl::StatusOr<std::vector<Course>> PgCourseTransaction::LockCoursesOfMaster(
    std::string_view master_id) {
  return CoursesOf(tx_.exec_params(
      CourseSelect() + "WHERE course_master_id = $1 ORDER BY calendar_id, number FOR UPDATE",
      std::string(master_id)));
}

absl::StatusOr<Course> PgCourseTransaction::LockCourse(std::string_view calendar_id,
                                                       std::string_view id) {
  pqxx::result rows =
      tx_.exec_params(CourseSelect() + "WHERE calendar_id = $1 AND id = $2 FOR UPDATE",
                      std::string(calendar_id), std::string(id));
  if (rows.empty()) {
    return absl::NotFoundError(
        absl::StrCat("Course ", ToAbsl(id), " not found in calendar ", ToAbsl(calendar_id), "."));
  }
  return CourseOf(rows[0]);
}

absl::StatusOr<std::optional<Course>> PgCourseTransaction::CourseByRequestId(
    std::string_view calendar_id, std::string_view request_id) {
  if (absl::Status s =
          pg::ClaimRequestId(tx_, absl::StrCat("courses ", ToAbsl(calendar_id)), request_id);
      !s.ok()) {
    return s;
  }
  pqxx::result rows = tx_.exec_params(CourseSelect() + "WHERE calendar_id = $1 AND request_id = $2",
                                      std::string(calendar_id), std::string(request_id));
  if (rows.empty()) return std::optional<Course>();
  return std::optional<Course>(CourseOf(rows[0]));
}

absl::StatusOr<bool> PgCourseTransaction::CourseIdExists(std::string_view calendar_id,
                                                         std::string_view id) {
  return !tx_.exec_params("SELECT 1 FROM catalog.courses WHERE calendar_id = $1 AND id = $2",
                          std::string(calendar_id), std::string(id))
              .empty();
}

absl::Status PgCourseTransaction::InsertCourses(const std::vector<Course>& courses,
                                                std::string_view request_id) {
  if (courses.empty()) return absl::OkStatus();
  try {
    tx_.exec_params(
        absl::StrCat(
            "INSERT INTO catalog.courses (calendar_id, id, number, display_name, department, "
            "  credits, min_grade, max_grade, term_length, periods_per_meeting, "
            "  sections_to_build, max_students, load_priority, room_type, required, active, "
            "  tags, course_master_id, locked_fields, request_id) "
            "SELECT calendar_id, id, number, display_name, department, credits, min_grade, "
            "  max_grade, term_length, periods_per_meeting, sections_to_build, max_students, "
            "  load_priority, room_type, required, active, tags, course_master_id, "
            "  locked_fields, NULLIF($2, '') FROM ",
            kRecordset),
        CoursesJson(courses), std::string(request_id));
  } catch (const pqxx::unique_violation&) {
    if (courses.size() == 1) {
      return Duplicate(absl::StrCat("A course with number ", courses[0].values.number, " or id ",
                                    courses[0].id, " in calendar ", courses[0].calendar_id));
    }
    return Duplicate("A course number or id of this batch");
  }
  return absl::OkStatus();
}

absl::Status PgCourseTransaction::UpdateCourses(const std::vector<Course>& courses) {
  if (courses.empty()) return absl::OkStatus();
  try {
    tx_.exec_params(
        absl::StrCat(
            "UPDATE catalog.courses c SET number = r.number, display_name = r.display_name, "
            "  department = r.department, credits = r.credits, min_grade = r.min_grade, "
            "  max_grade = r.max_grade, term_length = r.term_length, "
            "  periods_per_meeting = r.periods_per_meeting, "
            "  sections_to_build = r.sections_to_build, max_students = r.max_students, "
            "  load_priority = r.load_priority, room_type = r.room_type, required = r.required, "
            "  active = r.active, tags = r.tags, course_master_id = r.course_master_id, "
            "  locked_fields = r.locked_fields, update_time = now() FROM ",
            kRecordset, " WHERE c.calendar_id = r.calendar_id AND c.id = r.id"),
        CoursesJson(courses));
  } catch (const pqxx::unique_violation&) {
    if (courses.size() == 1) {
      return Duplicate(absl::StrCat("A course with number ", courses[0].values.number,
                                    " in calendar ", courses[0].calendar_id));
    }
    return Duplicate("A course number of this batch");
  }
  return absl::OkStatus();
}

absl::Status PgCourseTransaction::DeleteCourse(std::string_view calendar_id, std::string_view id) {
  pqxx::result deleted =
      tx_.exec_params("DELETE FROM catalog.courses WHERE calendar_id = $1 AND id = $2",
                      std::string(calendar_id), std::string(id));
  if (deleted.affected_rows() == 0) {
    return absl::NotFoundError(
        absl::StrCat("Course ", ToAbsl(id), " not found in calendar ", ToAbsl(calendar_id), "."));
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> PgCourseTransaction::AppendMassSetAudit(const MassSetAudit& audit) {
  Json filter = Json::object();
  if (!audit.filter.department.empty()) filter["department"] = audit.filter.department;
  if (audit.filter.grade != 0) filter["grade"] = audit.filter.grade;
  if (!audit.filter.number_prefix.empty()) filter["number_prefix"] = audit.filter.number_prefix;
  if (!audit.filter.tag.empty()) filter["tag"] = audit.filter.tag;
  if (audit.filter.active.has_value()) filter["active"] = *audit.filter.active;
  Json all_values = ValuesJson(audit.values);
  Json values = Json::object();
  for (CourseField field : audit.fields) {
    std::string name(FieldName(field));
    values[name] = all_values[name];
  }
  Json diff = Json::array();
  for (const FieldChange& change : audit.diff) {
    diff.push_back({{"course", change.course},
                    {"field", change.field},
                    {"old", change.old_value},
                    {"new", change.new_value}});
  }
  pqxx::result row = tx_.exec_params(
      "INSERT INTO catalog.course_mass_set_audit (calendar_id, actor, filter, update_mask, "
      "  new_values, course_count, diff) "
      "VALUES ($1, $2, $3::jsonb, ARRAY(SELECT jsonb_array_elements_text($4::jsonb)), "
      "  $5::jsonb, $6, $7::jsonb) RETURNING id",
      audit.calendar_id, audit.actor, filter.dump(), FieldsJson(audit.fields), values.dump(),
      audit.course_count, diff.dump());
  return row[0][0].as<int64_t>();
}

absl::Status PgCourseRepository::InTransaction(
    const std::function<absl::Status(CourseTransaction&)>& fn) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    PgCourseTransaction courses(tx);
    return fn(courses);
  });
}

absl::StatusOr<Course> PgCourseRepository::GetCourse(std::string_view calendar_id,
                                                     std::string_view id) {
  return pg::WithSingleStatementRead(
      pool_, [&](pqxx::nontransaction& tx) -> absl::StatusOr<Course> {
        pqxx::result rows =
            pg::ExecPrepared(tx, CourseSelect() + "WHERE calendar_id = $1 AND id = $2",
                             std::string(calendar_id), std::string(id));
        if (rows.empty()) {
          return absl::NotFoundError(absl::StrCat("Course ", ToAbsl(id), " not found in calendar ",
                                                  ToAbsl(calendar_id), "."));
        }
        return CourseOf(rows[0]);
      });
}

absl::StatusOr<std::vector<Course>> PgCourseRepository::ListCourses(std::string_view calendar_id,
                                                                    const CourseFilter& filter,
                                                                    std::string_view after_number,
                                                                    int limit) {
  std::string active = filter.active.has_value() ? (*filter.active ? "true" : "false") : "any";
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<Course>> {
    return CoursesOf(
        tx.exec_params(CourseSelect() + "WHERE calendar_id = $1 AND number > $2 "
                                        "AND ($3 = '' OR lower(department) = lower($3)) "
                                        "AND ($4 = 0 OR $4 BETWEEN min_grade AND max_grade) "
                                        "AND ($5 = '' OR left(number, length($5)) = $5) "
                                        "AND ($6 = '' OR $6 = ANY (tags)) "
                                        "AND ($7 = 'any' OR active::text = $7) "
                                        "ORDER BY number LIMIT $8",
                       std::string(calendar_id), std::string(after_number), filter.department,
                       filter.grade, filter.number_prefix, filter.tag, active, limit));
  });
}

absl::StatusOr<CourseMaster> PgCourseRepository::GetMaster(std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<CourseMaster> {
    pqxx::result rows = pg::ExecPrepared(tx, MasterSelect() + "WHERE id = $1", std::string(id));
    if (rows.empty()) {
      return absl::NotFoundError(absl::StrCat("Course master ", ToAbsl(id), " not found."));
    }
    return MasterOf(rows[0]);
  });
}

absl::StatusOr<std::vector<CourseMaster>> PgCourseRepository::ListMasters(
    std::string_view after_number, int limit) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<CourseMaster>> {
        pqxx::result rows =
            tx.exec_params(MasterSelect() + "WHERE number > $1 ORDER BY number LIMIT $2",
                           std::string(after_number), limit);
        std::vector<CourseMaster> masters;
        for (const pqxx::row& row : rows) masters.push_back(MasterOf(row));
        return masters;
      });
}

}  // namespace secsched::catalog
