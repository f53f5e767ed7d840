#include "services/catalog/storage/pg_school_repository.h"

#include <pqxx/pqxx>

#include "common/pg/request_ids.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"

namespace secsched::catalog {
namespace {

const std::string kColumns =
    "id, display_name, low_grade, high_grade, " + pg::MicrosOf("create_time") + " AS create_us";

School FromRow(const pqxx::row& row) {
  return School{.id = row["id"].as<std::string>(),
                .display_name = row["display_name"].as<std::string>(),
                .low_grade = row["low_grade"].as<int>(),
                .high_grade = row["high_grade"].as<int>(),
                .create_time = pg::TimeOf(row["create_us"])};
}

}  // namespace

absl::StatusOr<School> PgSchoolRepository::Create(const School& school,
                                                  std::string_view request_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<School> {
    if (!request_id.empty()) {
      if (absl::Status s = pg::ClaimRequestId(tx, "schools", request_id); !s.ok()) return s;
      pqxx::result existing =
          tx.exec_params("SELECT " + kColumns + " FROM catalog.schools WHERE request_id = $1",
                         std::string(request_id));
      if (!existing.empty()) return FromRow(existing[0]);
    }
    if (!tx.exec_params("SELECT 1 FROM catalog.schools WHERE id = $1", school.id).empty()) {
      return absl::AlreadyExistsError("School " + school.id + " already exists.");
    }
    pqxx::result inserted = tx.exec_params(
        "INSERT INTO catalog.schools (id, display_name, low_grade, high_grade, request_id) "
        "VALUES ($1, $2, $3, $4, NULLIF($5, '')) RETURNING " +
            kColumns,
        school.id, school.display_name, school.low_grade, school.high_grade,
        std::string(request_id));
    return FromRow(inserted[0]);
  });
}

absl::StatusOr<School> PgSchoolRepository::Get(std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<School> {
    pqxx::result rows = tx.exec_params("SELECT " + kColumns + " FROM catalog.schools WHERE id = $1",
                                       std::string(id));
    if (rows.empty()) return absl::NotFoundError("School " + std::string(id) + " not found.");
    return FromRow(rows[0]);
  });
}

absl::StatusOr<std::vector<School>> PgSchoolRepository::List(std::string_view after_id, int limit) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<School>> {
    std::vector<School> schools;
    for (const pqxx::row& row :
         tx.exec_params("SELECT " + kColumns +
                            " FROM catalog.schools WHERE id COLLATE \"C\" > $1 "
                            "ORDER BY id COLLATE \"C\" LIMIT $2",
                        std::string(after_id), limit)) {
      schools.push_back(FromRow(row));
    }
    return schools;
  });
}

}  // namespace secsched::catalog
