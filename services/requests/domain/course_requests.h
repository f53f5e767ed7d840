// One student's course requests through the API: create, list, re-rank/update, delete. The rules
// are in course_request.h; this adds authorization and the catalog lookup.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/calendar_schools.h"
#include "common/api/paging.h"
#include "common/auth/caller.h"
#include "common/catalog/catalog_reader.h"
#include "services/requests/domain/request_repository.h"

namespace secsched::requests {

// Which fields of an update to write (AIP-134 update_mask paths).
struct RequestFieldMask {
  bool required = false;
  bool priority = false;
  bool alternate_rank = false;
};

class CourseRequests {
 public:
  CourseRequests(RequestRepository& repository, catalog::CatalogReader& catalog,
                 access::CalendarSchools& schools, access::AccessChecker& access)
      : repository_(repository), catalog_(catalog), schools_(schools), access_(access) {}

  // `request` names calendar, student, course and the kind fields; request_id "" = generated.
  // entered_by is the caller's subject. See CreateCourseRequest in requests.proto for errors.
  absl::StatusOr<CourseRequest> Create(const auth::Caller& caller, CourseRequest request,
                                       std::string_view idempotency_key);
  // Paged by position in the listing order (the page key is the position to start at).
  absl::StatusOr<api::Page<CourseRequest>> List(const auth::Caller& caller,
                                                std::string_view calendar_id,
                                                std::string_view student_number,
                                                const api::PageRequest& page);
  absl::StatusOr<CourseRequest> Update(const auth::Caller& caller, const CourseRequest& request,
                                       const RequestFieldMask& fields);
  absl::Status Delete(const auth::Caller& caller, std::string_view calendar_id,
                      std::string_view student_number, std::string_view request_id);

 private:
  RequestRepository& repository_;
  catalog::CatalogReader& catalog_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

}  // namespace secsched::requests
