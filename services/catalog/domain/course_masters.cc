#include "services/catalog/domain/course_masters.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/access/authorize.h"
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "services/catalog/domain/courses.h"

namespace secsched::catalog {
namespace {

void SortFields(std::vector<CourseField>& fields) {
  std::sort(fields.begin(), fields.end());
  fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
}

}  // namespace

absl::Status AuthorizeMasterWrite(const auth::Caller& caller) {
  if (caller.HasScope(auth::kScopeAdmin)) return absl::OkStatus();
  if (caller.service_account && caller.HasScope(auth::kScopeScheduler)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      "Course masters are changed by the district: this call needs the admin scope, or a "
      "service account with the scheduler scope.");
}

absl::Status AuthorizeMasterRead(const auth::Caller& caller) {
  if (!caller.service_account) return absl::OkStatus();  // district staff see the catalog
  return access::RequireSchedulingScope(caller, access::Mode::kRead);
}

absl::StatusOr<PushResult> PlanPushToCourse(const CourseMaster& master, Course& course) {
  PushResult result{.calendar_id = course.calendar_id, .course_id = course.id};
  CourseValues before = course.values;
  CopyFields(master.values, master.locked_fields, course.values);
  result.changes = DiffFields(course.id, before, course.values, master.locked_fields);
  std::vector<CourseField> old_locks = course.locked_fields;
  SortFields(old_locks);
  std::vector<CourseField> new_locks = master.locked_fields;
  SortFields(new_locks);
  result.locks_changed = old_locks != new_locks || course.master_id != master.id;
  course.locked_fields = new_locks;
  course.master_id = master.id;
  FieldValidator v;
  ValidateCourseValues(course.values, "", v);
  if (absl::Status s = v.Finish(); !s.ok()) {
    const FieldViolation first = FieldViolationsOf(s).front();
    return absl::FailedPreconditionError(absl::StrCat(
        "Push refused: course ", course.values.number, " in calendar ", course.calendar_id,
        " would have ", first.field, " that ", first.description, ". Nothing was changed."));
  }
  result.action = result.changes.empty() && !result.locks_changed ? PushAction::kUnchanged
                                                                  : PushAction::kUpdated;
  return result;
}

absl::StatusOr<CourseMaster> CourseMasters::Create(const auth::Caller& caller,
                                                   const NewCourseMaster& request) {
  FieldValidator v;
  v.Require(request.id.empty() || api::IsValidId(request.id), "course_master_id",
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(request.request_id.size() <= 128, "request_id", "must be at most 128 characters");
  CourseValues values = request.values;
  NormalizeTags(values);
  ValidateCourseValues(values, "course_master.", v);
  if (absl::Status s = v.Finish("The course master has invalid fields."); !s.ok()) return s;
  if (absl::Status s = AuthorizeMasterWrite(caller); !s.ok()) return s;
  std::optional<CourseMaster> result;
  absl::Status status = repository_.InTransaction([&](CourseTransaction& tx) -> absl::Status {
    if (!request.request_id.empty()) {
      absl::StatusOr<std::optional<CourseMaster>> earlier =
          tx.MasterByRequestId(request.request_id);
      if (!earlier.ok()) return earlier.status();
      if (earlier->has_value()) {
        result = **earlier;
        return absl::OkStatus();
      }
    }
    CourseMaster master{.id = request.id,
                        .values = values,
                        .locked_fields = request.locked_fields,
                        .creator = caller.subject};
    SortFields(master.locked_fields);
    if (master.id.empty()) {
      master.id = DefaultIdForNumber(values.number);
      absl::StatusOr<bool> taken = tx.MasterIdExists(master.id);
      if (!taken.ok()) return taken.status();
      if (*taken) master.id = api::NewId("master-");
    }
    absl::StatusOr<CourseMaster> inserted = tx.InsertMaster(master, request.request_id);
    if (!inserted.ok()) return inserted.status();
    result = *std::move(inserted);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *std::move(result);
}

absl::StatusOr<CourseMaster> CourseMasters::Get(const auth::Caller& caller, std::string_view id) {
  if (absl::Status s = AuthorizeMasterRead(caller); !s.ok()) return s;
  return repository_.GetMaster(id);
}

absl::StatusOr<api::Page<CourseMaster>> CourseMasters::List(const auth::Caller& caller,
                                                            const api::PageRequest& page) {
  if (absl::Status s = AuthorizeMasterRead(caller); !s.ok()) return s;
  absl::StatusOr<std::vector<CourseMaster>> rows =
      repository_.ListMasters(page.after, page.size + 1);
  if (!rows.ok()) return rows.status();
  api::Page<CourseMaster> result{.items = *std::move(rows)};
  result.next_after = api::TrimToPage(result.items, page.size,
                                      [](const CourseMaster& m) { return m.values.number; });
  return result;
}

absl::StatusOr<CourseMaster> CourseMasters::Update(const auth::Caller& caller, std::string_view id,
                                                   const CourseValues& values,
                                                   const std::vector<CourseField>& fields,
                                                   bool set_locked_fields,
                                                   const std::vector<CourseField>& locked_fields) {
  CourseValues wanted = values;
  NormalizeTags(wanted);
  FieldValidator v;
  v.Require(!fields.empty() || set_locked_fields, "update_mask", "must name at least one field");
  ValidateCourseValues(wanted, "course_master.", v, &fields);
  if (absl::Status s = v.Finish("The course master has invalid fields."); !s.ok()) return s;
  if (absl::Status s = AuthorizeMasterWrite(caller); !s.ok()) return s;
  std::optional<CourseMaster> result;
  absl::Status status = repository_.InTransaction([&](CourseTransaction& tx) -> absl::Status {
    absl::StatusOr<CourseMaster> master = tx.LockMaster(id);
    if (!master.ok()) return master.status();
    CopyFields(wanted, fields, master->values);
    if (set_locked_fields) {
      master->locked_fields = locked_fields;
      SortFields(master->locked_fields);
    }
    FieldValidator combined;
    ValidateCourseValues(master->values, "course_master.", combined);
    if (absl::Status s = combined.Finish("The course master would have invalid fields."); !s.ok()) {
      return s;
    }
    absl::StatusOr<CourseMaster> updated = tx.UpdateMaster(*master);
    if (!updated.ok()) return updated.status();
    result = *std::move(updated);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return *std::move(result);
}

absl::StatusOr<std::vector<PushResult>> CourseMasters::Push(
    const auth::Caller& caller, std::string_view master_id,
    const std::vector<std::string>& calendar_ids, bool dry_run) {
  if (absl::Status s = AuthorizeMasterWrite(caller); !s.ok()) return s;
  for (const std::string& calendar_id : calendar_ids) {
    if (absl::StatusOr<Calendar> calendar = calendars_.Get(calendar_id); !calendar.ok()) {
      return calendar.status();
    }
  }
  std::vector<PushResult> results;
  absl::Status status = repository_.InTransaction([&](CourseTransaction& tx) -> absl::Status {
    results.clear();
    absl::StatusOr<CourseMaster> master = tx.LockMaster(master_id);
    if (!master.ok()) return master.status();
    absl::StatusOr<std::vector<Course>> used = tx.LockCoursesOfMaster(master_id);
    if (!used.ok()) return used.status();
    std::map<std::string, Course> to_update;  // calendar → course made from the master
    for (Course& course : *used) to_update.emplace(course.calendar_id, std::move(course));

    std::vector<Course> inserts;
    for (const std::string& calendar_id : calendar_ids) {
      if (to_update.contains(calendar_id)) continue;
      absl::StatusOr<std::vector<Course>> courses = tx.LockCourses(calendar_id);
      if (!courses.ok()) return courses.status();
      auto same_number = std::find_if(courses->begin(), courses->end(), [&](const Course& c) {
        return c.values.number == master->values.number;
      });
      if (same_number != courses->end()) {
        if (!same_number->master_id.empty()) {
          return absl::FailedPreconditionError(
              absl::StrCat("Calendar ", calendar_id, " already has course ", master->values.number,
                           " made from course master ", same_number->master_id, "."));
        }
        to_update.emplace(calendar_id, *same_number);  // adopted below
        continue;
      }
      absl::StatusOr<std::string> id =
          ChooseCourseId(tx, calendar_id, DefaultIdForNumber(master->values.number));
      if (!id.ok()) return id.status();
      Course created{.calendar_id = calendar_id,
                     .id = *id,
                     .values = master->values,
                     .master_id = master->id,
                     .locked_fields = master->locked_fields};
      PushResult result{.calendar_id = calendar_id,
                        .course_id = *id,
                        .action = PushAction::kCreated,
                        .locks_changed = true};
      for (CourseField field : AllCourseFields()) {
        result.changes.push_back({.course = *id,
                                  .field = std::string(FieldName(field)),
                                  .new_value = FieldText(master->values, field)});
      }
      results.push_back(std::move(result));
      inserts.push_back(std::move(created));
    }
    std::vector<Course> updates;
    for (auto& [calendar_id, course] : to_update) {
      absl::StatusOr<PushResult> planned = PlanPushToCourse(*master, course);
      if (!planned.ok()) return planned.status();
      if (planned->action == PushAction::kUpdated) updates.push_back(course);
      results.push_back(*std::move(planned));
    }
    std::sort(results.begin(), results.end(), [](const PushResult& a, const PushResult& b) {
      return a.calendar_id < b.calendar_id;
    });
    if (dry_run) return absl::OkStatus();
    if (!inserts.empty()) {
      if (absl::Status s = tx.InsertCourses(inserts); !s.ok()) return s;
    }
    if (!updates.empty()) {
      if (absl::Status s = tx.UpdateCourses(updates); !s.ok()) return s;
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return results;
}

}  // namespace secsched::catalog
