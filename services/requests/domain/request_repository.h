// Where requests are kept. Changes are planned by the pure rules in course_request.h against what
// the repository reads inside its transaction, then written in that same transaction: a student's
// requests (or a whole calendar's, for imports and batches) cannot change between the check and
// the write, and a plan that fails writes nothing.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/requests/domain/course_request.h"

namespace secsched::requests {

// A calendar as imports and batches see it.
struct CalendarSnapshot {
  std::vector<std::string> team_ids;
  std::vector<StudentRequests> students;  // ordered by number; requests empty unless asked for
};

struct CalendarChanges {
  std::vector<Student> upsert_students;  // inserted, or updated by (calendar, number)
  RequestChanges requests;
};

class RequestRepository {
 public:
  virtual ~RequestRepository() = default;

  using StudentPlan = std::function<absl::StatusOr<RequestChanges>(const StudentRequests&)>;
  using CalendarPlan = std::function<absl::StatusOr<CalendarChanges>(const CalendarSnapshot&)>;

  // The student and their requests. NOT_FOUND for an unknown student.
  virtual absl::StatusOr<StudentRequests> Read(std::string_view calendar_id,
                                               std::string_view student_number) = 0;

  // ChangeStudent for a Create: adds the request `plan` makes and returns it (`request_id`). With
  // an idempotency key (the call's request_id, AIP-155; "" = none) the key is claimed first in
  // the same transaction (common/pg/request_ids.h), so racing repeats wait for the first call and
  // then get the request it made, without running `plan`. INVALID_ARGUMENT on request_id for a
  // repeat with another body; NOT_FOUND for an unknown student; the plan's error otherwise.
  virtual absl::StatusOr<CourseRequest> CreateInStudent(std::string_view idempotency_key,
                                                        std::string_view calendar_id,
                                                        std::string_view student_number,
                                                        std::string_view request_id,
                                                        const StudentPlan& plan) = 0;

  // Locks the student, reads their requests, plans, writes; returns the requests afterwards.
  // `plan` may run more than once (transaction retries) and must have no side effects.
  // NOT_FOUND for an unknown student; the plan's error otherwise.
  virtual absl::StatusOr<StudentRequests> ChangeStudent(std::string_view calendar_id,
                                                        std::string_view student_number,
                                                        const StudentPlan& plan) = 0;

  // Locks the calendar's students, reads them (with their requests when `with_requests`), plans,
  // and writes unless `dry_run`. One transaction: all or nothing.
  virtual absl::Status ChangeCalendar(std::string_view calendar_id, bool with_requests,
                                      bool dry_run, const CalendarPlan& plan) = 0;
};

}  // namespace secsched::requests
