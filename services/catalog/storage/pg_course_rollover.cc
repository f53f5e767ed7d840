#include "services/catalog/storage/pg_course_rollover.h"

#include <string>

namespace secsched::catalog {

void CopyCoursesForRollOver(pqxx::work& txn, std::string_view from_calendar_id,
                            std::string_view to_calendar_id) {
  txn.exec_params(
      "INSERT INTO catalog.courses (calendar_id, id, number, display_name, department, credits, "
      "  min_grade, max_grade, term_length, periods_per_meeting, sections_to_build, max_students, "
      "  load_priority, room_type, required, active, tags, course_master_id, locked_fields) "
      "SELECT $2, "
      "  CASE WHEN EXISTS (SELECT 1 FROM catalog.courses t WHERE t.calendar_id = $2 AND t.id = "
      "s.id) "
      "       THEN 'course-' || substr(md5(random()::text || s.id), 1, 12) ELSE s.id END, "
      "  s.number, s.display_name, s.department, s.credits, s.min_grade, s.max_grade, "
      "  s.term_length, s.periods_per_meeting, s.sections_to_build, s.max_students, "
      "  s.load_priority, s.room_type, s.required, s.active, s.tags, s.course_master_id, "
      "  s.locked_fields "
      "FROM catalog.courses s WHERE s.calendar_id = $1 AND NOT EXISTS "
      "  (SELECT 1 FROM catalog.courses t WHERE t.calendar_id = $2 AND t.number = s.number)",
      std::string(from_calendar_id), std::string(to_calendar_id));
}

}  // namespace secsched::catalog
