// Course requests: plain values and the pure rules every way of adding them shares (one request
// through the API, a batch, a CSV import, auto-load): the course must exist, be active and be
// offered to the student's grade; a student requests a course at most once (primary or
// alternate); alternates are ranked densely 1..n within their group.
//
// The rules plan changes against a student's current requests (StudentRequests) and return them as
// RequestChanges, which a repository applies in one transaction. Nothing here does I/O.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/catalog/catalog_reader.h"
#include "services/requests/domain/student.h"

namespace secsched::requests {

enum class RequestKind { kPrimary, kAlternate };
enum class RequestSource { kCounselor, kPortal, kBatch, kImport, kAutoLoad };

std::string_view KindName(RequestKind kind);        // "PRIMARY", "ALTERNATE" (the SQL values)
std::string_view SourceName(RequestSource source);  // "COUNSELOR", ...
std::optional<RequestKind> KindFromName(std::string_view name);
std::optional<RequestSource> SourceFromName(std::string_view name);

struct CourseRequest {
  std::string calendar_id;
  std::string student_number;
  std::string request_id;  // {request}
  std::string course_id;   // {course} in the catalog
  RequestKind kind = RequestKind::kPrimary;
  bool required = false;
  int priority = 0;
  std::string alternate_for;  // alternates: the primary's request_id; "" = general
  int alternate_rank = 0;     // alternates: 1..n within the group; primaries: 0
  RequestSource source = RequestSource::kCounselor;
  std::string entered_by;
  std::chrono::system_clock::time_point entered_at;
  std::string idempotency_key;  // inserts only: the Create call's request_id ("" = none)
};

// A student and every request they have, as read inside the transaction that will change them.
struct StudentRequests {
  Student student;
  std::vector<CourseRequest> requests;
};

// What to write, applied in this order: deletes, rank/field updates, inserts.
struct RequestChanges {
  std::vector<CourseRequest> deletes;  // by (calendar, student, request_id)
  std::vector<CourseRequest> updates;  // required, priority, alternate_rank written
  std::vector<CourseRequest> inserts;
  bool empty() const { return deletes.empty() && updates.empty() && inserts.empty(); }
  void Append(RequestChanges other);
};

// The calendar's courses by id and by number.
class CourseIndex {
 public:
  explicit CourseIndex(std::vector<catalog::CatalogCourse> courses);
  const catalog::CatalogCourse* ById(std::string_view id) const;
  const catalog::CatalogCourse* ByNumber(std::string_view number) const;

 private:
  std::vector<catalog::CatalogCourse> courses_;
  std::map<std::string, size_t, std::less<>> by_id_;
  std::map<std::string, size_t, std::less<>> by_number_;
};

// "ENG9 (english-9)" — how messages name a course.
std::string CourseLabel(const catalog::CatalogCourse& course);

// OK, or FAILED_PRECONDITION naming the course: unknown id, inactive.
absl::Status CheckCourseUsable(const CourseIndex& courses, std::string_view course_id);
// "" when `grade` may take the course, else why not ("ENG9 is not offered to grade 7").
std::string WhyNotOffered(const catalog::CatalogCourse& course, int grade);

// Field checks for a new request (ids, kind, priority, rank). Field names under `prefix`.
void ValidateNewRequest(const CourseRequest& request, std::string_view prefix, FieldValidator& v);

// Adds `request` to `current`: the course is usable and offered to the student's grade
// (FAILED_PRECONDITION naming it), not requested yet (ALREADY_EXISTS naming it), an alternate's
// alternate_for names a primary of the student (FAILED_PRECONDITION), and its rank (0 = last;
// k = insert at k) fits its group (INVALID_ARGUMENT beyond n+1). The returned changes insert it
// and shift the later alternates of its group.
absl::StatusOr<RequestChanges> PlanAdd(const StudentRequests& current, CourseRequest request,
                                       const CourseIndex& courses);

// Moves an alternate to `new_rank` (1..n of its group); the others shift. INVALID_ARGUMENT for a
// primary or a rank out of range; NOT_FOUND for an unknown request id.
absl::StatusOr<RequestChanges> PlanRerank(const StudentRequests& current,
                                          std::string_view request_id, int new_rank);

// Deletes a request, the alternates tied to a primary, and re-ranks what remains of the group.
// NOT_FOUND for an unknown request id.
absl::StatusOr<RequestChanges> PlanDelete(const StudentRequests& current,
                                          std::string_view request_id);

// `requests` after applying `changes` (what the repository will hold), alternates grouped and
// ordered by rank. Used to chain plans (e.g. one import row after another) before writing.
std::vector<CourseRequest> Applied(const std::vector<CourseRequest>& requests,
                                   const RequestChanges& changes);

// Primaries by course id, then alternates by group and rank: the order requests are listed in.
void SortForListing(std::vector<CourseRequest>& requests);

}  // namespace secsched::requests
