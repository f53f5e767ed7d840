// Writing a School (and optionally its report) as "secsched.school/v1" JSON, v2 when the school
// has a day rotation, v3 when it limits a teacher per term or binds the master with a rule.
//
// Output is deterministic: members in a fixed order (nlohmann::ordered_json), defaults written
// out explicitly so a reader never has to know them.
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/sectioning/engine/index.h"
#include "services/sectioning/engine/io/school_json.h"

namespace secsched::engine::io {
namespace {

using Out = nlohmann::ordered_json;

// v2 (rotation members) only when the school has a rotation: without one, v1 says it all.
bool WritesV2(const Calendar& cal) { return cal.rotation_days != 1; }

// v3 only when a v3 member is needed, so files of earlier schools read as before.
bool WritesV3(const School& school) {
  return std::any_of(school.teachers.begin(), school.teachers.end(),
                     [](const Teacher& t) { return t.max_sections_per_term.has_value(); }) ||
         std::any_of(school.rules.begin(), school.rules.end(),
                     [](const CourseRule& r) { return r.scope != RuleScope::kStudent; });
}

Out TermIds(const Calendar& cal, TermMask slots) {
  const TermMask mask = TermBitsOf(cal, slots);
  Out ids = Out::array();
  for (size_t b = 0; b < cal.terms.size(); ++b)
    if (mask & (1u << b)) ids.push_back(cal.terms[b].id);
  return ids;
}

Out DayIds(const Calendar& cal, TermMask slots) {
  const TermMask mask = DayBitsOf(cal, slots);
  Out ids = Out::array();
  for (int d = 0; d < cal.rotation_days; ++d)
    if (mask & (1u << d)) ids.push_back(DayName(d));
  return ids;
}

// {"period", "terms"} (+ "days" in v2). A slot mask is always some terms on some days (the
// index refuses any other), so the two lists say exactly which slots.
Out SlotJson(const Calendar& cal, int period, TermMask slots) {
  Out out{{"period", period}, {"terms", TermIds(cal, slots)}};
  if (WritesV2(cal)) out["days"] = DayIds(cal, slots);
  return out;
}

Out Slots(const Calendar& cal, const std::vector<PeriodSlot>& slots) {
  Out out = Out::array();
  for (const PeriodSlot& s : slots) out.push_back(SlotJson(cal, s.period, s.terms));
  return out;
}

template <typename T>
Out OptionalValue(const std::optional<T>& v) {
  return v ? Out(*v) : Out(nullptr);
}

Out CourseJson(const Calendar& cal, const Course& c) {
  Out out{{"id", c.id},
          {"name", c.name},
          {"department", c.department},
          {"term_length", TermLengthName(c.term_length)},
          {"periods_per_meeting", c.periods_per_meeting}};
  if (WritesV2(cal)) out["days_per_rotation"] = c.days_per_rotation;
  out["max_students"] = c.max_students;
  out["sections_to_build"] = OptionalValue(c.sections_to_build);
  out["room_type"] = c.room_type;
  out["load_priority"] = c.load_priority;
  out["min_grade"] = c.min_grade;
  out["max_grade"] = c.max_grade;
  out["team"] = OptionalValue(c.team);
  return out;
}

Out StudentJson(const Calendar& cal, const Student& s) {
  Out requests = Out::array();
  for (const Request& r : s.requests)
    requests.push_back(Out{{"course_id", r.course_id},
                           {"required", r.required},
                           {"priority", r.priority},
                           {"alternates", r.alternate_course_ids}});
  Out constraints = Out::array();
  for (const StudentConstraint& k : s.constraints) {
    if (k.kind == StudentConstraintKind::kAvoidTeacher) {
      constraints.push_back(Out{{"kind", "AVOID_TEACHER"}, {"teacher_id", k.teacher_id}});
    } else {
      Out keep{{"kind", "KEEP_PERIOD_FREE"},
               {"period", k.slot.period},
               {"terms", TermIds(cal, k.slot.terms)}};
      if (WritesV2(cal)) keep["days"] = DayIds(cal, k.slot.terms);
      constraints.push_back(keep);
    }
  }
  return Out{{"id", s.id},
             {"grade", s.grade},
             {"team", OptionalValue(s.team)},
             {"requests", requests},
             {"general_alternates", s.general_alternate_course_ids},
             {"locked_sections", s.locked_section_ids},
             {"constraints", constraints}};
}

Out SectionJson(const Calendar& cal, const Section& s) {
  Out placement =
      s.placement.placed() ? SlotJson(cal, s.placement.period, s.placement.terms) : Out(nullptr);
  return Out{{"id", s.id},
             {"course_id", s.course_id},
             {"teacher_id", s.teacher_id},
             {"co_teacher_ids", s.co_teacher_ids},
             {"room_id", s.room_id},
             {"team", OptionalValue(s.team)},
             {"max_students", OptionalValue(s.max_students)},
             {"placement", placement},
             {"locked", s.locked},
             {"link_group", s.link_group}};
}

Out MetricsJson(const Metrics& m) {
  Out teacher_sections = Out::object();
  for (const auto& [id, n] : m.teacher_sections) teacher_sections[id] = n;
  return Out{{"students", m.students},
             {"primary_requests", m.primary_requests},
             {"primary_requests_met", m.primary_requests_met},
             {"primary_requests_met_pct", m.primary_requests_met_pct},
             {"required_requests", m.required_requests},
             {"required_requests_met", m.required_requests_met},
             {"required_requests_met_pct", m.required_requests_met_pct},
             {"requests_filled_by_alternates", m.requests_filled_by_alternates},
             {"alternates_used", m.alternates_used},
             {"complete_schedules", m.complete_schedules},
             {"complete_schedules_pct", m.complete_schedules_pct},
             {"complete_schedules_strict", m.complete_schedules_strict},
             {"complete_schedules_strict_pct", m.complete_schedules_strict_pct},
             {"enrollments", m.enrollments},
             {"multi_section_courses", m.multi_section_courses},
             {"mean_section_spread", m.mean_section_spread},
             {"worst_section_spread", m.worst_section_spread},
             {"worst_spread_course_id", m.worst_spread_course_id},
             {"max_teacher_sections", m.max_teacher_sections},
             {"teacher_sections", teacher_sections},
             {"sections", m.sections},
             {"unplaced_section_ids", m.unplaced_section_ids}};
}

Out ReportJson(const SchoolReport& report) {
  Out out = Out::object();
  if (report.evaluation) {
    out["metrics"] = MetricsJson(report.evaluation->metrics);
    Out counts = Out::object();
    for (const auto& [name, n] : report.evaluation->violation_counts) counts[name] = n;
    out["violation_counts"] = counts;
    Out violations = Out::array();
    for (const Violation& v : report.evaluation->violations)
      violations.push_back(
          Out{{"constraint", v.constraint}, {"entity_ids", v.entity_ids}, {"message", v.message}});
    out["violations"] = violations;
  }
  if (report.unfilled) {
    Out unfilled = Out::array();
    for (const UnfilledRequest& u : *report.unfilled)
      unfilled.push_back(Out{{"student_id", u.student_id},
                             {"course_id", u.course_id},
                             {"reason_code", u.reason_code},
                             {"reason", u.reason},
                             {"conflicting_course_ids", u.conflicting_course_ids}});
    out["unfilled_requests"] = unfilled;
  }
  return out;
}

}  // namespace

std::string_view RuleTypeName(RuleType type) {
  switch (type) {
    case RuleType::kSamePeriod:
      return "SAME_PERIOD";
    case RuleType::kNotSamePeriod:
      return "NOT_SAME_PERIOD";
    case RuleType::kSameTerm:
      return "SAME_TERM";
    case RuleType::kDifferentTerm:
      return "DIFFERENT_TERM";
    case RuleType::kPrecedes:
      return "PRECEDES";
    case RuleType::kLinked:
      return "LINKED";
  }
  return "UNKNOWN";
}

std::optional<RuleType> RuleTypeFromName(std::string_view name) {
  for (RuleType t : {RuleType::kSamePeriod, RuleType::kNotSamePeriod, RuleType::kSameTerm,
                     RuleType::kDifferentTerm, RuleType::kPrecedes, RuleType::kLinked})
    if (RuleTypeName(t) == name) return t;
  return std::nullopt;
}

std::string_view RuleScopeName(RuleScope scope) {
  return scope == RuleScope::kMaster ? "MASTER" : "STUDENT";
}

std::optional<RuleScope> RuleScopeFromName(std::string_view name) {
  if (name == "STUDENT") return RuleScope::kStudent;
  if (name == "MASTER") return RuleScope::kMaster;
  return std::nullopt;
}

std::string_view TermLengthName(TermLength length) {
  switch (length) {
    case TermLength::kYear:
      return "year";
    case TermLength::kSemester:
      return "semester";
    case TermLength::kQuarter:
      return "quarter";
  }
  return "year";
}

std::string SchoolToJson(const School& school, const SchoolReport* report) {
  const Calendar& cal = school.calendar;
  Out terms = Out::array();
  for (const Term& t : cal.terms) terms.push_back(Out{{"id", t.id}, {"order", t.order}});
  const bool v3 = WritesV3(school);
  Out doc{{"format", v3              ? kSchoolFormatV3
                     : WritesV2(cal) ? kSchoolFormatV2
                                     : kSchoolFormatV1},
          {"id", school.id},
          {"calendar", Out{{"periods_per_day", cal.periods_per_day},
                           {"rotation_days", cal.rotation_days},
                           {"terms", terms}}}};
  Out courses = Out::array(), teachers = Out::array(), rooms = Out::array();
  for (const Course& c : school.courses) courses.push_back(CourseJson(cal, c));
  for (const Teacher& t : school.teachers) {
    Out teacher{{"id", t.id},
                {"name", t.name},
                {"can_teach", t.can_teach},
                {"max_sections", t.max_sections}};
    if (t.max_sections_per_term) teacher["max_sections_per_term"] = *t.max_sections_per_term;
    teacher["unavailable"] = Slots(cal, t.unavailable);
    teachers.push_back(std::move(teacher));
  }
  for (const Room& r : school.rooms)
    rooms.push_back(Out{{"id", r.id},
                        {"capacity", r.capacity},
                        {"type", r.type},
                        {"unavailable", Slots(cal, r.unavailable)}});
  doc["courses"] = courses;
  doc["teachers"] = teachers;
  doc["rooms"] = rooms;
  Out students = Out::array(), rules = Out::array(), sections = Out::array(),
      enrollments = Out::array();
  for (const Student& s : school.students) students.push_back(StudentJson(cal, s));
  for (const CourseRule& r : school.rules) {
    Out rule{{"type", RuleTypeName(r.type)}, {"course_a", r.course_a}, {"course_b", r.course_b}};
    if (v3) rule["scope"] = RuleScopeName(r.scope);
    rules.push_back(std::move(rule));
  }
  for (const Section& s : school.sections) sections.push_back(SectionJson(cal, s));
  for (const Enrollment& e : school.enrollments)
    enrollments.push_back(Out{{"student_id", e.student_id},
                              {"section_id", e.section_id},
                              {"requested_course_id", e.requested_course_id},
                              {"is_alternate", e.is_alternate}});
  doc["students"] = students;
  doc["rules"] = rules;
  doc["sections"] = sections;
  doc["enrollments"] = enrollments;
  if (report) doc["report"] = ReportJson(*report);
  return doc.dump(1) + "\n";
}

absl::Status WriteSchoolFile(const std::string& path, const School& school,
                             const SchoolReport* report) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  out << SchoolToJson(school, report);
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat("error writing ", path));
  return absl::OkStatus();
}

}  // namespace secsched::engine::io
