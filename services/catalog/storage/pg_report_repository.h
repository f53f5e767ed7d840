// ReportRepository on PostgreSQL: runs checked report queries over the catalog tables (courses,
// teachers, rooms, terms) and keeps saved definitions (catalog.report_definitions).
#pragma once

#include "common/pg/pool.h"
#include "services/catalog/domain/report_service.h"

namespace secsched::catalog {

class PgReportRepository final : public ReportRepository {
 public:
  explicit PgReportRepository(pg::PgPool &pool) : pool_(pool) {}

  absl::StatusOr<api::Page<std::vector<std::string>>> Run(const ReportQuery &query) override;
  absl::StatusOr<ReportDefinition> Save(const ReportDefinition &definition) override;
  absl::StatusOr<ReportDefinition> Get(std::string_view school_id, std::string_view id) override;
  absl::StatusOr<api::Page<ReportDefinition>> List(std::string_view school_id,
                                                   const ListOptions &options) override;
  absl::Status Delete(std::string_view school_id, std::string_view id) override;

 private:
  pg::PgPool &pool_;
};

// The SQL of a report query and its parameters, exposed for tests: every field name and operator
// comes from fixed tables here; every value is a parameter ($n). INVALID_ARGUMENT for a field this
// storage does not know (the domain whitelist and this table disagree — a bug).
struct ReportSql {
  std::string sql;
  std::vector<std::string> params;
};
absl::StatusOr<ReportSql> BuildReportSql(const ReportQuery &query);

}  // namespace secsched::catalog
