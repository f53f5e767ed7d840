// Many requests (and students) at once: batch creation by filter and the two CSV imports. Each is
// one plan over the calendar's snapshot (csv_import.h, batch_plan.h) applied in one transaction,
// or only reported for a dry run.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/access/calendar_schools.h"
#include "common/auth/caller.h"
#include "common/catalog/catalog_reader.h"
#include "services/requests/domain/batch_plan.h"
#include "services/requests/domain/csv_import.h"
#include "services/requests/domain/request_repository.h"

namespace secsched::requests {

class BulkRequests {
 public:
  BulkRequests(RequestRepository& repository, catalog::CatalogReader& catalog,
               access::CalendarSchools& schools, access::AccessChecker& access)
      : repository_(repository), catalog_(catalog), schools_(schools), access_(access) {}

  absl::StatusOr<StudentImportSummary> ImportStudents(const auth::Caller& caller,
                                                      std::string_view calendar_id,
                                                      const StudentFile& file, bool dry_run);
  absl::StatusOr<RequestImportSummary> ImportRequests(const auth::Caller& caller,
                                                      std::string_view calendar_id,
                                                      std::string_view csv_text, bool dry_run,
                                                      bool replace_existing);
  absl::StatusOr<BatchPlan> BatchCreate(const auth::Caller& caller, std::string_view calendar_id,
                                        const BatchFilter& filter,
                                        const std::vector<BatchCourse>& courses, bool dry_run);

 private:
  absl::Status AuthorizeWrite(const auth::Caller& caller, std::string_view calendar_id);

  RequestRepository& repository_;
  catalog::CatalogReader& catalog_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

}  // namespace secsched::requests
