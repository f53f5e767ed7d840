#include "services/catalog/api/course_convert.h"

#include "common/api/resource_name.h"
#include "common/api/timestamps.h"

namespace secsched::catalog {

void CourseToProto(const Course& course, v1::Course* out) {
  out->set_name(api::FormatName(kCoursePattern, {course.calendar_id, course.id}));
  ValuesToProto(course.values, out);
  out->set_course_master(
      course.master_id.empty() ? "" : api::FormatName(kCourseMasterPattern, {course.master_id}));
  out->clear_locked_fields();
  for (const std::string& field : FieldNames(course.locked_fields)) out->add_locked_fields(field);
}

void MasterToProto(const CourseMaster& master, v1::CourseMaster* out) {
  out->set_name(api::FormatName(kCourseMasterPattern, {master.id}));
  ValuesToProto(master.values, out);
  out->clear_locked_fields();
  for (const std::string& field : FieldNames(master.locked_fields)) out->add_locked_fields(field);
  out->set_creator(master.creator);
  *out->mutable_create_time() = api::ToProtoTime(master.create_time);
  *out->mutable_update_time() = api::ToProtoTime(master.update_time);
}

void ChangeToProto(std::string_view calendar_id, const FieldChange& change,
                   v1::CourseFieldChange* out) {
  out->set_course(api::FormatName(kCoursePattern, {std::string(calendar_id), change.course}));
  out->set_field(change.field);
  out->set_old_value(change.old_value);
  out->set_new_value(change.new_value);
}

}  // namespace secsched::catalog
