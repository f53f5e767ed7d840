#include "services/requests/domain/course_requests.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"
#include "common/status/strings.h"

namespace secsched::requests {
namespace {

absl::Status Authorize(const auth::Caller& caller, std::string_view calendar_id, access::Mode mode,
                       access::CalendarSchools& schools, access::AccessChecker& access) {
  return access::AuthorizeCalendarAccess(caller, calendar_id, mode, schools, access);
}

absl::StatusOr<CourseRequest> FindIn(const StudentRequests& state, std::string_view request_id) {
  for (const CourseRequest& r : state.requests) {
    if (r.request_id == request_id) return r;
  }
  return absl::NotFoundError("Request " + std::string(request_id) + " not found.");
}

}  // namespace

absl::StatusOr<CourseRequest> CourseRequests::Create(const auth::Caller& caller,
                                                     CourseRequest request,
                                                     std::string_view idempotency_key) {
  FieldValidator v;
  ValidateNewRequest(request, "course_request.", v);
  v.Require(idempotency_key.size() <= 128, "request_id", "must be at most 128 characters");
  if (absl::Status valid = v.Finish("The course request has invalid fields."); !valid.ok()) {
    return valid;
  }
  if (absl::Status allowed =
          Authorize(caller, request.calendar_id, access::Mode::kWrite, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<std::vector<catalog::CatalogCourse>> courses =
      catalog_.Courses(request.calendar_id);
  if (!courses.ok()) return courses.status();
  const CourseIndex index(*std::move(courses));

  if (request.request_id.empty()) request.request_id = api::NewId("req-");
  request.entered_by = caller.subject;
  request.idempotency_key = std::string(idempotency_key);
  // A repeat of an earlier call with this key gets that call's request back (the plan does not
  // run, so the repeat is not refused as a duplicate of its own first result).
  return repository_.CreateInStudent(
      idempotency_key, request.calendar_id, request.student_number, request.request_id,
      [&](const StudentRequests& current) { return PlanAdd(current, request, index); });
}

absl::StatusOr<api::Page<CourseRequest>> CourseRequests::List(const auth::Caller& caller,
                                                              std::string_view calendar_id,
                                                              std::string_view student_number,
                                                              const api::PageRequest& page) {
  int offset = 0;
  if (!page.after.empty() && (!absl::SimpleAtoi(ToAbsl(page.after), &offset) || offset < 0)) {
    return InvalidField("page_token", "is not a page token returned by this method");
  }
  if (absl::Status allowed = Authorize(caller, calendar_id, access::Mode::kRead, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<StudentRequests> state = repository_.Read(calendar_id, student_number);
  if (!state.ok()) return state.status();
  // A student has a handful of requests: they are read whole and paged by position, in the
  // listing order (primaries, then alternates by group and rank).
  SortForListing(state->requests);
  api::Page<CourseRequest> result;
  const int total = static_cast<int>(state->requests.size());
  const int end = std::min(total, offset + page.size);
  for (int i = std::min(offset, total); i < end; ++i) result.items.push_back(state->requests[i]);
  if (end < total) result.next_after = std::to_string(end);
  return result;
}

absl::StatusOr<CourseRequest> CourseRequests::Update(const auth::Caller& caller,
                                                     const CourseRequest& request,
                                                     const RequestFieldMask& fields) {
  FieldValidator v;
  if (fields.priority) {
    v.Require(request.priority >= 0 && request.priority <= 100, "course_request.priority",
              "must be between 0 and 100");
  }
  if (absl::Status valid = v.Finish("The course request has invalid fields."); !valid.ok()) {
    return valid;
  }
  if (absl::Status allowed =
          Authorize(caller, request.calendar_id, access::Mode::kWrite, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<StudentRequests> after = repository_.ChangeStudent(
      request.calendar_id, request.student_number,
      [&](const StudentRequests& current) -> absl::StatusOr<RequestChanges> {
        absl::StatusOr<CourseRequest> existing = FindIn(current, request.request_id);
        if (!existing.ok()) return existing.status();
        RequestChanges changes;
        if (fields.alternate_rank) {
          absl::StatusOr<RequestChanges> reranked =
              PlanRerank(current, request.request_id, request.alternate_rank);
          if (!reranked.ok()) return reranked.status();
          changes = *std::move(reranked);
        }
        if (fields.required || fields.priority) {
          CourseRequest edited = *existing;
          if (fields.alternate_rank) edited.alternate_rank = request.alternate_rank;
          if (fields.required) edited.required = request.required;
          if (fields.priority) edited.priority = request.priority;
          RequestChanges field_change;
          field_change.updates.push_back(std::move(edited));
          changes.Append(std::move(field_change));
        }
        return changes;
      });
  if (!after.ok()) return after.status();
  return FindIn(*after, request.request_id);
}

absl::Status CourseRequests::Delete(const auth::Caller& caller, std::string_view calendar_id,
                                    std::string_view student_number, std::string_view request_id) {
  if (absl::Status allowed =
          Authorize(caller, calendar_id, access::Mode::kWrite, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<StudentRequests> after = repository_.ChangeStudent(
      calendar_id, student_number,
      [&](const StudentRequests& current) { return PlanDelete(current, request_id); });
  return after.status();
}

}  // namespace secsched::requests
