#include "services/sectioning/domain/snapshot_students.h"

#include <algorithm>
#include <map>
#include <optional>

namespace secsched::sectioning {
namespace {

using requests::RequestsCourseRequest;

std::optional<engine::RuleType> RuleTypeOf(requests::RequestsRuleType type) {
  switch (type) {
    case requests::RequestsRuleType::kSamePeriod:
      return engine::RuleType::kSamePeriod;
    case requests::RequestsRuleType::kNotSamePeriod:
      return engine::RuleType::kNotSamePeriod;
    case requests::RequestsRuleType::kSameTerm:
      return engine::RuleType::kSameTerm;
    case requests::RequestsRuleType::kDifferentTerm:
      return engine::RuleType::kDifferentTerm;
    case requests::RequestsRuleType::kPrecedes:
      return engine::RuleType::kPrecedes;
    case requests::RequestsRuleType::kLinked:
      return engine::RuleType::kLinked;
  }
  return std::nullopt;
}

// The (term, day) slots of one term, or 0 (every slot) for "".
engine::TermMask TermSlots(const EngineCalendar& calendar, const std::string& term_id) {
  if (term_id.empty()) return 0;
  auto it = std::find(calendar.term_ids.begin(), calendar.term_ids.end(), term_id);
  if (it == calendar.term_ids.end()) return 0;
  const int term = static_cast<int>(it - calendar.term_ids.begin());
  const int rotation = std::max(1, calendar.calendar.rotation_days);
  engine::TermMask mask = 0;
  for (int day = 0; day < rotation; ++day) mask |= engine::TermMask(1u << (term * rotation + day));
  return mask;
}

bool Requests(const engine::Student& student, const std::string& course_id) {
  return std::any_of(student.requests.begin(), student.requests.end(),
                     [&](const engine::Request& r) { return r.course_id == course_id; });
}

// LINKED A–B: whoever requests one of them (as a primary) requests the other too.
int AddLinkedRequests(const std::vector<engine::CourseRule>& rules, engine::Student& student) {
  int added = 0;
  for (const engine::CourseRule& rule : rules) {
    if (rule.type != engine::RuleType::kLinked) continue;
    for (const auto& [have, add] :
         {std::pair{rule.course_a, rule.course_b}, std::pair{rule.course_b, rule.course_a}}) {
      auto found = std::find_if(student.requests.begin(), student.requests.end(),
                                [&](const engine::Request& r) { return r.course_id == have; });
      if (found == student.requests.end() || Requests(student, add)) continue;
      engine::Request linked{
          .course_id = add, .required = found->required, .priority = found->priority};
      student.requests.push_back(std::move(linked));
      ++added;
    }
  }
  return added;
}

}  // namespace

int EnginePriority(int requests_priority) {
  if (requests_priority <= 0) return 5;
  const int clamped = std::min(requests_priority, 100);
  return 4 - (clamped - 1) / 25;
}

EngineStudents StudentsFromSnapshot(const requests::RequestsSnapshot& snapshot,
                                    const EngineCalendar& calendar,
                                    const std::set<std::string>& course_ids,
                                    const std::set<std::string>& teacher_ids) {
  EngineStudents out;
  for (const requests::RequestsCourseRule& r : snapshot.rules) {
    std::optional<engine::RuleType> type = RuleTypeOf(r.type);
    if (!type || !course_ids.count(r.course_a) || !course_ids.count(r.course_b)) continue;
    out.rules.push_back({.type = *type,
                         .course_a = r.course_a,
                         .course_b = r.course_b,
                         .scope = r.scope == requests::RequestsRuleScope::kMaster
                                      ? engine::RuleScope::kMaster
                                      : engine::RuleScope::kStudent});
  }

  std::map<std::string, std::vector<const RequestsCourseRequest*>> by_student;
  for (const RequestsCourseRequest& r : snapshot.requests) by_student[r.student_id].push_back(&r);
  std::map<std::string, std::vector<const requests::RequestsStudentConstraint*>> constraints;
  for (const auto& c : snapshot.constraints) constraints[c.student_id].push_back(&c);

  for (const requests::RequestsStudent& s : snapshot.students) {
    if (!s.active) continue;
    engine::Student student{.id = s.id, .grade = s.grade};
    if (!s.team_id.empty()) student.team = s.team_id;
    std::vector<const RequestsCourseRequest*> requests = by_student[s.id];
    std::sort(requests.begin(), requests.end(),
              [](const RequestsCourseRequest* a, const RequestsCourseRequest* b) {
                return std::tie(a->alternate_rank, a->request_id) <
                       std::tie(b->alternate_rank, b->request_id);
              });
    std::map<std::string, size_t> request_index;  // primary request id → student.requests[i]
    for (const RequestsCourseRequest* r : requests) {
      if (r->alternate) continue;
      if (!course_ids.count(r->course_id) || Requests(student, r->course_id)) {
        ++out.requests_skipped;
        continue;
      }
      request_index[r->request_id] = student.requests.size();
      student.requests.push_back({.course_id = r->course_id,
                                  .required = r->required,
                                  .priority = EnginePriority(r->priority)});
    }
    for (const RequestsCourseRequest* r : requests) {  // in rank order
      if (!r->alternate) continue;
      auto primary = request_index.find(r->alternate_for);
      if (!course_ids.count(r->course_id) ||
          (!r->alternate_for.empty() && primary == request_index.end())) {
        ++out.requests_skipped;
        continue;
      }
      if (r->alternate_for.empty()) {
        student.general_alternate_course_ids.push_back(r->course_id);
      } else {
        student.requests[primary->second].alternate_course_ids.push_back(r->course_id);
      }
    }
    for (const requests::RequestsStudentConstraint* c : constraints[s.id]) {
      if (c->kind == requests::RequestsConstraintKind::kAvoidTeacher) {
        if (!teacher_ids.count(c->teacher_id)) continue;
        student.constraints.push_back(
            {.kind = engine::StudentConstraintKind::kAvoidTeacher, .teacher_id = c->teacher_id});
      } else if (c->period >= 1 && c->period <= calendar.calendar.periods_per_day) {
        student.constraints.push_back(
            {.kind = engine::StudentConstraintKind::kKeepPeriodFree,
             .slot = {.period = c->period - 1, .terms = TermSlots(calendar, c->term_id)}});
      }
    }
    out.linked_requests_added += AddLinkedRequests(out.rules, student);
    out.students.push_back(std::move(student));
  }
  std::sort(out.students.begin(), out.students.end(),
            [](const engine::Student& a, const engine::Student& b) { return a.id < b.id; });
  return out;
}

}  // namespace secsched::sectioning
