#include "services/sectioning/domain/engine_schedule.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

namespace secsched::sectioning {
namespace {

int IndexIn(const std::vector<std::string>& ids, const std::string& id) {
  auto it = std::find(ids.begin(), ids.end(), id);
  return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
}

// 0 for the primary request; 1.. for the request's own alternates in rank order; then the
// student's general alternates.
int RankOf(const engine::Student& student, const engine::Enrollment& e,
           const std::string& taken_course_id) {
  if (!e.is_alternate) return 0;
  size_t own_alternates = 0;
  for (const engine::Request& r : student.requests) {
    if (r.course_id != e.requested_course_id) continue;
    if (int i = IndexIn(r.alternate_course_ids, taken_course_id); i >= 0) return i + 1;
    own_alternates = r.alternate_course_ids.size();
    break;
  }
  if (int i = IndexIn(student.general_alternate_course_ids, taken_course_id); i >= 0) {
    return static_cast<int>(own_alternates) + i + 1;
  }
  return 1;
}

}  // namespace

ScheduleRows ScheduleFromEngine(const AssembledSchool& assembled, const TrialKey& trial,
                                const std::vector<Section>& trial_sections,
                                const std::vector<engine::Section>& sections,
                                const std::vector<engine::Enrollment>& enrollments) {
  const engine::School& school = assembled.school;
  std::unordered_map<std::string, const engine::Course*> courses;
  for (const engine::Course& c : school.courses) courses[c.id] = &c;
  std::unordered_map<std::string, const engine::Room*> rooms;
  for (const engine::Room& r : school.rooms) rooms[r.id] = &r;
  std::unordered_map<std::string, const Section*> existing;
  std::map<std::string, int> highest_number;  // per course
  for (const Section& s : trial_sections) {
    existing[s.section_id] = &s;
    highest_number[s.course_id] = std::max(highest_number[s.course_id], s.section_number);
  }

  ScheduleRows rows;
  std::unordered_map<std::string, std::string> course_of_section;
  std::vector<const engine::Section*> ordered;
  for (const engine::Section& s : sections) ordered.push_back(&s);
  std::sort(ordered.begin(), ordered.end(),
            [](const engine::Section* a, const engine::Section* b) { return a->id < b->id; });
  for (const engine::Section* s : ordered) {
    auto course = courses.find(s->course_id);
    const int ppm = course == courses.end() ? 1 : course->second->periods_per_meeting;
    int capacity =
        s->max_students.value_or(course == courses.end() ? 0 : course->second->max_students);
    if (auto room = rooms.find(s->room_id); room != rooms.end()) {
      capacity = std::min(capacity, room->second->capacity);
    }
    Section out{.calendar_id = trial.calendar_id,
                .trial_id = trial.trial_id,
                .section_id = s->id,
                .course_id = s->course_id,
                .primary_teacher_id = s->teacher_id,
                .co_teacher_ids = s->co_teacher_ids,
                .room_id = s->room_id,
                .team_id = s->team.value_or(""),
                .capacity = capacity,
                .meetings = MeetingsOf(assembled.calendar, s->placement, ppm),
                .locked = s->locked,
                .source = SectionSource::kEngine};
    if (auto it = existing.find(s->id); it != existing.end()) {
      out.section_number = it->second->section_number;
      out.source = it->second->source;
    } else {
      out.section_number = ++highest_number[s->course_id];
    }
    course_of_section[s->id] = s->course_id;
    rows.sections.push_back(std::move(out));
  }

  std::unordered_map<std::string, const engine::Student*> students;
  for (const engine::Student& s : school.students) students[s.id] = &s;
  for (const engine::Enrollment& e : enrollments) {
    Enrollment out{.calendar_id = trial.calendar_id,
                   .trial_id = trial.trial_id,
                   .section_id = e.section_id,
                   .student_id = e.student_id,
                   .course_id = course_of_section[e.section_id],
                   .source = EnrollmentSource::kEngine};
    int rank = 0;
    if (auto student = students.find(e.student_id); student != students.end()) {
      const engine::Student& st = *student->second;
      out.locked = std::find(st.locked_section_ids.begin(), st.locked_section_ids.end(),
                             e.section_id) != st.locked_section_ids.end();
      rank = RankOf(st, e, out.course_id);
    }
    out.request_rank = rank;
    rows.enrollments.push_back(std::move(out));
  }
  return rows;
}

}  // namespace secsched::sectioning
