// The district course catalog: course masters ("courseMasters/{master}"), the fields each locks
// at schools, and pushing a master to schools' calendars.
//
// Authorization: writes (create, update, push) need `admin`, or a service account with
// `scheduler` (the district's scheduling office); reads are open to district staff (any person)
// and to service accounts with `reader`, `scheduler` or `admin`. Masters are district data, not
// one school's, so there is no per-school check.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/auth/caller.h"
#include "services/catalog/domain/calendar.h"
#include "services/catalog/domain/course.h"
#include "services/catalog/domain/course_repository.h"

namespace secsched::catalog {

struct NewCourseMaster {
  std::string id;  // optional; default: the number lower-cased (or a fresh id if taken)
  CourseValues values;
  std::vector<CourseField> locked_fields;
  std::string request_id;
};

enum class PushAction { kCreated, kUpdated, kUnchanged };

// What a push did (or would do, dry run) to one calendar.
struct PushResult {
  std::string calendar_id;
  std::string course_id;
  PushAction action = PushAction::kUnchanged;
  std::vector<FieldChange> changes;  // field, old, new ("" old for a created course)
  bool locks_changed = false;        // the course's locked_fields were replaced
};

// The pure part of a push to one existing course: the master's locked fields copied over, the
// course's lock list replaced. FAILED_PRECONDITION when the result would be invalid (e.g. a
// locked min_grade above the school's own max_grade).
absl::StatusOr<PushResult> PlanPushToCourse(const CourseMaster& master, Course& course);

class CourseMasters {
 public:
  CourseMasters(CourseRepository& repository, CalendarRepository& calendars)
      : repository_(repository), calendars_(calendars) {}

  // INVALID_ARGUMENT (field violations "course_master.<field>"); ALREADY_EXISTS (number or id).
  absl::StatusOr<CourseMaster> Create(const auth::Caller& caller, const NewCourseMaster& request);
  absl::StatusOr<CourseMaster> Get(const auth::Caller& caller, std::string_view id);
  absl::StatusOr<api::Page<CourseMaster>> List(const auth::Caller& caller,
                                               const api::PageRequest& page);
  // Sets `fields` from `values`, and the locked fields when `set_locked_fields`. Schools see
  // the change on the next push.
  absl::StatusOr<CourseMaster> Update(const auth::Caller& caller, std::string_view id,
                                      const CourseValues& values,
                                      const std::vector<CourseField>& fields,
                                      bool set_locked_fields,
                                      const std::vector<CourseField>& locked_fields);

  // In one transaction: creates a course from the master in each of `calendar_ids` that has
  // none (NOT_FOUND for an unknown calendar); a school's own course with the master's number is
  // adopted (linked to the master) instead, while one made from another master is
  // FAILED_PRECONDITION. Then updates the locked fields (values and lock list) of every course
  // made from the master, in any calendar. Results ordered by calendar id.
  absl::StatusOr<std::vector<PushResult>> Push(const auth::Caller& caller,
                                               std::string_view master_id,
                                               const std::vector<std::string>& calendar_ids,
                                               bool dry_run);

 private:
  CourseRepository& repository_;
  CalendarRepository& calendars_;
};

// The district rules for master writes and reads (see the file comment).
absl::Status AuthorizeMasterWrite(const auth::Caller& caller);
absl::Status AuthorizeMasterRead(const auth::Caller& caller);

}  // namespace secsched::catalog
