#include "services/access/storage/pg_staff_repository.h"

#include <pqxx/pqxx>

#include "common/pg/transaction.h"

namespace secsched::access {
namespace {

constexpr char kColumns[] =
    "staff_id, display_name, email, employment_state, "
    "(extract(epoch FROM update_time) * 1000000)::bigint AS update_us";

StaffMember FromRow(const pqxx::row& row) {
  return StaffMember{
      .staff_id = row["staff_id"].as<std::string>(),
      .display_name = row["display_name"].as<std::string>(),
      .email = row["email"].as<std::string>(),
      .employment_state = row["employment_state"].as<std::string>() == "DEPARTED"
                              ? EmploymentState::kDeparted
                              : EmploymentState::kActive,
      .update_time = std::chrono::system_clock::time_point(
          std::chrono::microseconds(row["update_us"].as<int64_t>())),
  };
}

}  // namespace

absl::StatusOr<StaffMember> PgStaffRepository::Upsert(const StaffMember& staff) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<StaffMember> {
    pqxx::result rows = tx.exec_params(
        std::string("INSERT INTO access.staff (staff_id, display_name, email, employment_state) "
                    "VALUES ($1, $2, $3, $4) ON CONFLICT (staff_id) DO UPDATE SET "
                    "display_name = EXCLUDED.display_name, email = EXCLUDED.email, "
                    "employment_state = EXCLUDED.employment_state, update_time = now() "
                    "RETURNING ") + kColumns,
        staff.staff_id, staff.display_name, staff.email,
        std::string(staff.employment_state == EmploymentState::kDeparted ? "DEPARTED" : "ACTIVE"));
    return FromRow(rows[0]);
  });
}

absl::StatusOr<StaffMember> PgStaffRepository::Get(std::string_view staff_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<StaffMember> {
    pqxx::result rows = tx.exec_params(
        std::string("SELECT ") + kColumns + " FROM access.staff WHERE staff_id = $1",
        std::string(staff_id));
    if (rows.empty()) return absl::NotFoundError("Staff member " + std::string(staff_id) + " not found.");
    return FromRow(rows[0]);
  });
}

}  // namespace secsched::access
