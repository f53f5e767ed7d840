// The rules of ReportService: run a report (saved or inline) against a calendar, and keep saved
// definitions per school. Authorization: running needs read access at the calendar's school;
// reading definitions read access at their school; saving and deleting write access there.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/authorize.h"
#include "common/access/calendar_schools.h"
#include "common/auth/caller.h"
#include "services/catalog/domain/report.h"
#include "services/catalog/domain/resources.h"

namespace secsched::catalog {

// A checked query, ready for storage.
struct ReportQuery {
  std::string calendar_id;
  ReportEntity entity = ReportEntity::kCourses;
  std::vector<std::string> fields;  // never empty
  std::vector<FilterCondition> conditions;
  std::string after;  // keyset: rows whose id is greater
  int limit = 200;
};

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  // Rows ordered by id, one value per field (lists joined with ";", booleans true/false).
  virtual absl::StatusOr<api::Page<std::vector<std::string>>> Run(const ReportQuery &query) = 0;

  // Inserts or replaces (school_id, id); returns the stored definition.
  virtual absl::StatusOr<ReportDefinition> Save(const ReportDefinition &definition) = 0;
  virtual absl::StatusOr<ReportDefinition> Get(std::string_view school_id,
                                               std::string_view id) = 0;  // NOT_FOUND
  virtual absl::StatusOr<api::Page<ReportDefinition>> List(std::string_view school_id,
                                                           const ListOptions &options) = 0;
  virtual absl::Status Delete(std::string_view school_id,
                              std::string_view id) = 0;  // NOT_FOUND
};

struct RunReportRequest {
  std::string calendar_id;
  // A saved definition (school + id) or an inline one; exactly one.
  std::optional<std::pair<std::string, std::string>> saved;
  std::optional<ReportDefinition> definition;
  bool csv = false;
  std::string after;  // rows only
  int page_size = 200;
};

struct ReportResult {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // rows format: this page
  std::string next_after;
  std::string csv;  // csv format: header + every row
  int row_count = 0;
};

inline constexpr int kMaxCsvReportRows = 50000;

class Reports {
 public:
  Reports(access::CalendarSchools &schools, ReportRepository &repository,
          access::AccessChecker &access)
      : schools_(schools), repository_(repository), access_(access) {}

  absl::StatusOr<ReportResult> Run(const auth::Caller &caller, const RunReportRequest &request);

  // Validates (violations on "report_definition.<field>") and saves; creator = the caller.
  absl::StatusOr<ReportDefinition> Save(const auth::Caller &caller, ReportDefinition definition);
  absl::StatusOr<ReportDefinition> Get(const auth::Caller &caller, std::string_view school_id,
                                       std::string_view id);
  absl::StatusOr<api::Page<ReportDefinition>> List(const auth::Caller &caller,
                                                   std::string_view school_id,
                                                   const ListOptions &options);
  absl::Status Delete(const auth::Caller &caller, std::string_view school_id, std::string_view id);

 private:
  access::CalendarSchools &schools_;
  ReportRepository &repository_;
  access::AccessChecker &access_;
};

}  // namespace secsched::catalog
