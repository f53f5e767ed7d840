#include "services/catalog/domain/courses.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/status/strings.h"

namespace secsched::catalog {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool CourseFilter::Matches(const Course& course) const {
  const CourseValues& v = course.values;
  if (!department.empty() && !EqualsIgnoringCase(v.department, department)) return false;
  if (grade != 0 && (grade < v.min_grade || grade > v.max_grade)) return false;
  if (!number_prefix.empty() && v.number.rfind(number_prefix, 0) != 0) return false;
  if (!tag.empty() && std::find(v.tags.begin(), v.tags.end(), tag) == v.tags.end()) return false;
  if (active.has_value() && v.active != *active) return false;
  return true;
}

absl::StatusOr<std::string> ChooseCourseId(CourseTransaction& tx, std::string_view calendar_id,
                                           std::string_view wanted) {
  absl::StatusOr<bool> taken = tx.CourseIdExists(calendar_id, wanted);
  if (!taken.ok()) return taken.status();
  if (!*taken) return std::string(wanted);
  return api::NewId("course-");
}

absl::Status Courses::Authorize(const auth::Caller& caller, std::string_view calendar_id,
                                access::Mode mode) {
  absl::StatusOr<Calendar> calendar = calendars_.Get(calendar_id);
  if (!calendar.ok()) return calendar.status();
  return access::AuthorizeSchoolAccess(caller, calendar->school_id, mode, access_);
}

absl::StatusOr<Course> Courses::Create(const auth::Caller& caller, const NewCourse& request) {
  FieldValidator v;
  v.Require(request.course_id.empty() || api::IsValidId(request.course_id), "course_id",
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(request.request_id.size() <= 128, "request_id", "must be at most 128 characters");
  CourseValues values = request.values;
  NormalizeTags(values);
  if (request.master_id.empty()) ValidateCourseValues(values, "course.", v);
  if (absl::Status s = v.Finish("The course has invalid fields."); !s.ok()) return s;
  if (absl::Status s = Authorize(caller, request.calendar_id, access::Mode::kWrite); !s.ok()) {
    return s;
  }
  std::optional<Course> result;
  absl::Status status = repository_.InTransaction([&](CourseTransaction& tx) -> absl::Status {
    if (!request.request_id.empty()) {
      absl::StatusOr<std::optional<Course>> earlier =
          tx.CourseByRequestId(request.calendar_id, request.request_id);
      if (!earlier.ok()) return earlier.status();
      if (earlier->has_value()) {
        result = **earlier;
        return absl::OkStatus();
      }
    }
    Course course{.calendar_id = request.calendar_id, .values = values};
    if (!request.master_id.empty()) {
      absl::StatusOr<CourseMaster> master = tx.LockMaster(request.master_id);
      if (!master.ok()) return master.status();
      course.values = master->values;
      course.master_id = master->id;
      course.locked_fields = master->locked_fields;
    }
    std::string wanted = request.course_id;
    if (wanted.empty()) {
      absl::StatusOr<std::string> id =
          ChooseCourseId(tx, request.calendar_id, DefaultIdForNumber(course.values.number));
      if (!id.ok()) return id.status();
      wanted = *id;
    }
    course.id = wanted;
    if (absl::Status s = tx.InsertCourses({course}, request.request_id); !s.ok()) return s;
    absl::StatusOr<Course> stored = tx.LockCourse(request.calendar_id, course.id);
    if (!stored.ok()) return stored.status();
    result = *std::move(stored);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *std::move(result);
}

absl::StatusOr<Course> Courses::Get(const auth::Caller& caller, std::string_view calendar_id,
                                    std::string_view course_id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  return repository_.GetCourse(calendar_id, course_id);
}

absl::StatusOr<api::Page<Course>> Courses::List(const auth::Caller& caller,
                                                std::string_view calendar_id,
                                                const CourseFilter& filter,
                                                const api::PageRequest& page) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  absl::StatusOr<std::vector<Course>> rows =
      repository_.ListCourses(calendar_id, filter, page.after, page.size + 1);
  if (!rows.ok()) return rows.status();
  api::Page<Course> result{.items = *std::move(rows)};
  result.next_after =
      api::TrimToPage(result.items, page.size, [](const Course& c) { return c.values.number; });
  return result;
}

absl::StatusOr<Course> Courses::Update(const auth::Caller& caller, std::string_view calendar_id,
                                       std::string_view course_id, const CourseValues& values,
                                       const std::vector<CourseField>& fields) {
  CourseValues wanted = values;
  NormalizeTags(wanted);
  FieldValidator v;
  v.Require(!fields.empty(), "update_mask", "must name at least one course field");
  ValidateCourseValues(wanted, "course.", v, &fields);
  if (absl::Status s = v.Finish("The course has invalid fields."); !s.ok()) return s;
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kWrite); !s.ok()) return s;
  std::optional<Course> result;
  absl::Status status = repository_.InTransaction([&](CourseTransaction& tx) -> absl::Status {
    absl::StatusOr<Course> course = tx.LockCourse(calendar_id, course_id);
    if (!course.ok()) return course.status();
    if (std::optional<CourseField> locked = FirstLockedField(*course, fields)) {
      return LockedFieldError(*course, *locked);
    }
    CopyFields(wanted, fields, course->values);
    // The mask may set one grade against the other's stored value.
    FieldValidator combined;
    ValidateCourseValues(course->values, "course.", combined);
    if (absl::Status s = combined.Finish("The course would have invalid fields."); !s.ok()) {
      return s;
    }
    if (absl::Status s = tx.UpdateCourses({*course}); !s.ok()) return s;
    absl::StatusOr<Course> stored = tx.LockCourse(calendar_id, course_id);
    if (!stored.ok()) return stored.status();
    result = *std::move(stored);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *std::move(result);
}

absl::Status Courses::Delete(const auth::Caller& caller, std::string_view calendar_id,
                             std::string_view course_id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kWrite); !s.ok()) return s;
  return repository_.InTransaction([&](CourseTransaction& tx) -> absl::Status {
    return tx.DeleteCourse(calendar_id, course_id);
  });
}

}  // namespace secsched::catalog
