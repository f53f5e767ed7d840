#include "services/catalog/storage/pg_course_rows.h"

#include "absl/strings/str_cat.h"
#include "common/pg/timestamps.h"

namespace secsched::catalog::course_rows {
namespace {

// The value columns both tables share, as selected (credits as float8, arrays as JSON text).
constexpr char kValueColumns[] =
    "number, display_name, department, credits::float8 AS credits, min_grade, max_grade, "
    "term_length, periods_per_meeting, sections_to_build, max_students, load_priority, room_type, "
    "required, active, array_to_json(tags)::text AS tags_json, "
    "array_to_json(locked_fields)::text AS locked_json, "
    "(extract(epoch FROM create_time) * 1000000)::bigint AS create_us, "
    "(extract(epoch FROM update_time) * 1000000)::bigint AS update_us";

std::vector<std::string> StringsOf(const std::string& json_text) {
  std::vector<std::string> out;
  for (const Json& item : Json::parse(json_text)) out.push_back(item.get<std::string>());
  return out;
}

std::vector<CourseField> FieldsOf(const std::string& json_text) {
  std::vector<CourseField> out;
  for (const std::string& name : StringsOf(json_text)) {
    if (std::optional<CourseField> field = ParseFieldName(name)) out.push_back(*field);
  }
  return out;
}

CourseValues ValuesOf(const pqxx::row& row) {
  return CourseValues{
      .number = row["number"].as<std::string>(),
      .display_name = row["display_name"].as<std::string>(),
      .department = row["department"].as<std::string>(),
      .credits = row["credits"].as<double>(),
      .min_grade = row["min_grade"].as<int>(),
      .max_grade = row["max_grade"].as<int>(),
      .term_length =
          ParseTermLength(row["term_length"].as<std::string>()).value_or(TermLength::kYear),
      .periods_per_meeting = row["periods_per_meeting"].as<int>(),
      .sections_to_build = row["sections_to_build"].as<int>(),
      .max_students = row["max_students"].as<int>(),
      .load_priority = row["load_priority"].as<int>(),
      .room_type = row["room_type"].as<std::string>(),
      .required = row["required"].as<bool>(),
      .active = row["active"].as<bool>(),
      .tags = StringsOf(row["tags_json"].as<std::string>()),
  };
}

}  // namespace

std::string CourseSelect() {
  return absl::StrCat("SELECT calendar_id, id, coalesce(course_master_id, '') AS master_id, ",
                      kValueColumns, " FROM catalog.courses ");
}

std::string MasterSelect() {
  return absl::StrCat("SELECT id, creator, ", kValueColumns, " FROM catalog.course_masters ");
}

// The recordset columns of a JSON course document (see CourseJson).
const char kRecordset[] =
    "jsonb_to_recordset($1::jsonb) AS r(calendar_id text, id text, number text, "
    "display_name text, department text, credits numeric, min_grade int, max_grade int, "
    "term_length text, periods_per_meeting int, sections_to_build int, max_students int, "
    "load_priority int, room_type text, required boolean, active boolean, tags text[], "
    "course_master_id text, locked_fields text[])";

Course CourseOf(const pqxx::row& row) {
  return Course{.calendar_id = row["calendar_id"].as<std::string>(),
                .id = row["id"].as<std::string>(),
                .values = ValuesOf(row),
                .master_id = row["master_id"].as<std::string>(),
                .locked_fields = FieldsOf(row["locked_json"].as<std::string>()),
                .create_time = pg::TimeOf(row["create_us"]),
                .update_time = pg::TimeOf(row["update_us"])};
}

CourseMaster MasterOf(const pqxx::row& row) {
  return CourseMaster{.id = row["id"].as<std::string>(),
                      .values = ValuesOf(row),
                      .locked_fields = FieldsOf(row["locked_json"].as<std::string>()),
                      .creator = row["creator"].as<std::string>(),
                      .create_time = pg::TimeOf(row["create_us"]),
                      .update_time = pg::TimeOf(row["update_us"])};
}

std::vector<Course> CoursesOf(const pqxx::result& result) {
  std::vector<Course> courses;
  courses.reserve(result.size());
  for (const pqxx::row& row : result) courses.push_back(CourseOf(row));
  return courses;
}

Json ValuesJson(const CourseValues& v) {
  return Json{{"number", v.number},
              {"display_name", v.display_name},
              {"department", v.department},
              {"credits", v.credits},
              {"min_grade", v.min_grade},
              {"max_grade", v.max_grade},
              {"term_length", std::string(TermLengthName(v.term_length))},
              {"periods_per_meeting", v.periods_per_meeting},
              {"sections_to_build", v.sections_to_build},
              {"max_students", v.max_students},
              {"load_priority", v.load_priority},
              {"room_type", v.room_type},
              {"required", v.required},
              {"active", v.active},
              {"tags", v.tags}};
}

std::string CoursesJson(const std::vector<Course>& courses) {
  Json rows = Json::array();
  for (const Course& course : courses) {
    Json row = ValuesJson(course.values);
    row["calendar_id"] = course.calendar_id;
    row["id"] = course.id;
    row["course_master_id"] = course.master_id.empty() ? Json() : Json(course.master_id);
    row["locked_fields"] = FieldNames(course.locked_fields);
    rows.push_back(std::move(row));
  }
  return rows.dump();
}

std::string FieldsJson(const std::vector<CourseField>& fields) {
  return Json(FieldNames(fields)).dump();
}

}  // namespace secsched::catalog::course_rows
