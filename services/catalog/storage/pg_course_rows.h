// Rows of catalog.courses and catalog.course_masters ⇄ domain values, for the course repository:
// the shared select lists, row decoding, and the JSON documents bulk writes send (expanded in SQL
// by jsonb_to_recordset with kRecordset's columns).
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "services/catalog/domain/course.h"

namespace secsched::catalog::course_rows {

using Json = nlohmann::json;

// "SELECT ... FROM catalog.courses " / "... FROM catalog.course_masters " (add WHERE ...).
std::string CourseSelect();
std::string MasterSelect();
// "jsonb_to_recordset($1::jsonb) AS r(...)" over CoursesJson's objects.
extern const char kRecordset[];

Course CourseOf(const pqxx::row& row);
CourseMaster MasterOf(const pqxx::row& row);
std::vector<Course> CoursesOf(const pqxx::result& result);

// The value fields as a JSON object keyed by field name.
Json ValuesJson(const CourseValues& values);
// Whole courses (values, calendar_id, id, course_master_id, locked_fields) as a JSON array.
std::string CoursesJson(const std::vector<Course>& courses);
// Field names as a JSON array.
std::string FieldsJson(const std::vector<CourseField>& fields);

}  // namespace secsched::catalog::course_rows
