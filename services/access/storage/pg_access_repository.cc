#include "services/access/storage/pg_access_repository.h"

#include <unordered_map>

#include "common/pg/transaction.h"
#include "services/access/storage/pg_rows.h"
#include "services/access/storage/pg_staff_transaction.h"

namespace secsched::access {

using namespace storage;

namespace {

// Staff whose grants the sweep must look at (see AccessRepository::ReadAllFacts).
constexpr char kRelevantStaff[] =
    "SELECT staff_id FROM grants WHERE state IN ('PENDING', 'GRANTED') "
    "UNION SELECT staff_id FROM approvals WHERE state = 'ACTIVE' "
    "UNION SELECT staff_id FROM assignments WHERE start_date <= $1::date "
    "AND (end_date IS NULL OR end_date >= $1::date)";

template <class T>
absl::StatusOr<T> NotFoundIfEmpty(const pqxx::result& rows, T (*from_row)(const pqxx::row&),
                                  const std::string& what) {
  if (rows.empty()) return absl::NotFoundError(what + " not found.");
  return from_row(rows[0]);
}

}  // namespace

absl::Status PgAccessRepository::InStaffTransaction(
    std::string_view staff_id, const std::function<absl::Status(StaffTransaction&)>& fn) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    PgStaffTransaction staff_tx(tx, std::string(staff_id));
    return fn(staff_tx);
  });
}

absl::StatusOr<StaffMember> PgAccessRepository::GetStaff(std::string_view staff_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<StaffMember> {
    return NotFoundIfEmpty(
        tx.exec_params(std::string("SELECT ") + kStaffColumns + " FROM staff WHERE staff_id = $1",
                       std::string(staff_id)),
        StaffFromRow, "Staff member " + std::string(staff_id));
  });
}

absl::StatusOr<StaffFacts> PgAccessRepository::ReadFacts(std::string_view staff_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) { return ReadStaffFacts(tx, staff_id); },
                             {.isolation = pg::Isolation::kRepeatableRead});
}

absl::StatusOr<Grant> PgAccessRepository::GetGrant(std::string_view grant_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Grant> {
    return NotFoundIfEmpty(
        tx.exec_params(std::string("SELECT ") + kGrantColumns + " FROM grants WHERE grant_id = $1",
                       std::string(grant_id)),
        GrantFromRow, "Grant " + std::string(grant_id));
  });
}

absl::StatusOr<Approval> PgAccessRepository::GetApproval(std::string_view approval_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Approval> {
    return NotFoundIfEmpty(tx.exec_params(std::string("SELECT ") + kApprovalColumns +
                                              " FROM approvals WHERE approval_id = $1",
                                          std::string(approval_id)),
                           ApprovalFromRow, "Approval " + std::string(approval_id));
  });
}

absl::StatusOr<std::optional<Grant>> PgAccessRepository::OpenGrant(std::string_view staff_id,
                                                                   std::string_view location_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::optional<Grant>> {
    pqxx::result rows = tx.exec_params(std::string("SELECT ") + kGrantColumns +
                                           " FROM grants WHERE staff_id = $1 AND location_id = $2 "
                                           "AND state IN ('PENDING', 'GRANTED')",
                                       std::string(staff_id), std::string(location_id));
    if (rows.empty()) return std::optional<Grant>();
    return std::optional<Grant>(GrantFromRow(rows[0]));
  });
}

absl::StatusOr<std::vector<Grant>> PgAccessRepository::ListGrants(const GrantQuery& q) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<Grant>> {
    std::vector<Grant> out;
    for (const pqxx::row& row : tx.exec_params(
             std::string("SELECT ") + kGrantColumns +
                 " FROM grants WHERE ($1 = '' OR staff_id = $1) AND ($2 = '' OR location_id = $2)"
                 " AND (NOT $3 OR state IN ('PENDING', 'GRANTED')) AND grant_id > $4"
                 " ORDER BY grant_id LIMIT $5",
             q.staff_id, q.location_id, q.open_only, q.after_id, q.limit)) {
      out.push_back(GrantFromRow(row));
    }
    return out;
  });
}

absl::StatusOr<std::vector<Grant>> PgAccessRepository::ListExpiring(const ExpiringQuery& q) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<Grant>> {
    std::vector<Grant> out;
    // $3 = '' on the first page; later pages start after the (expires_on, grant_id) pair.
    for (const pqxx::row& row : tx.exec_params(
             std::string("SELECT ") + kGrantColumns +
                 " FROM grants WHERE state = 'GRANTED' AND expires_on BETWEEN $1::date AND "
                 "$2::date AND ($3 = '' OR (expires_on, grant_id) > ($3::date, $4))"
                 " ORDER BY expires_on, grant_id LIMIT $5",
             FormatDate(q.from), FormatDate(q.through),
             q.after_expires_on ? FormatDate(*q.after_expires_on) : std::string(), q.after_grant_id,
             q.limit)) {
      out.push_back(GrantFromRow(row));
    }
    return out;
  });
}

absl::StatusOr<std::vector<AuditEntry>> PgAccessRepository::ListAudit(const AuditQuery& q) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<AuditEntry>> {
    std::vector<AuditEntry> out;
    for (const pqxx::row& row :
         tx.exec_params(std::string("SELECT ") + kAuditColumns +
                            " FROM audit_log WHERE ($1 = '' OR staff_id = $1) AND audit_id > $2"
                            " ORDER BY audit_id LIMIT $3",
                        q.staff_id, q.after_id, q.limit)) {
      out.push_back(AuditFromRow(row));
    }
    return out;
  });
}

absl::StatusOr<std::vector<Assignment>> PgAccessRepository::ActiveAssignments(
    std::string_view staff_id, Date day) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<Assignment>> {
    std::vector<Assignment> out;
    for (const pqxx::row& row : tx.exec_params(
             std::string("SELECT ") + kAssignmentColumns +
                 " FROM assignments a WHERE staff_id = $1 AND start_date <= $2::date AND "
                 "(end_date IS NULL OR end_date >= $2::date) AND EXISTS (SELECT 1 FROM staff s "
                 "WHERE s.staff_id = a.staff_id AND s.employment_state = 'ACTIVE')",
             std::string(staff_id), FormatDate(day))) {
      out.push_back(AssignmentFromRow(row));
    }
    return out;
  });
}

absl::StatusOr<std::vector<Grant>> PgAccessRepository::ExpireGrantsBefore(Date today, Time now,
                                                                          std::string_view actor) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<Grant>> {
    std::vector<Grant> out;
    for (const pqxx::row& row : tx.exec_params(
             "WITH expired AS (UPDATE grants SET state = 'EXPIRED', ended_at = " +
                 TimestampParam(2) +
                 ", end_reason = 'Secondary Scheduling certification expired ' || expires_on::text"
                 " || '; recertification is needed'"
                 " WHERE state = 'GRANTED' AND expires_on < $1::date RETURNING " +
                 kGrantColumns +
                 "), audited AS (INSERT INTO audit_log (occurred_at, actor, staff_id, location_id,"
                 " entity, entity_id, action, reason, before, after) SELECT " +
                 TimestampParam(2) +
                 ", $3, staff_id, location_id, 'GRANT', grant_id, 'GRANT_EXPIRED', end_reason,"
                 " jsonb_build_object('grant_id', grant_id, 'state', 'GRANTED', 'expires_on',"
                 " expires_on), jsonb_build_object('grant_id', grant_id, 'state', 'EXPIRED',"
                 " 'expires_on', expires_on, 'end_reason', end_reason) FROM expired)"
                 " SELECT * FROM expired",
             FormatDate(today), ToMicros(now), std::string(actor))) {
      out.push_back(GrantFromRow(row));
    }
    return out;
  });
}

absl::StatusOr<std::vector<StaffFacts>> PgAccessRepository::ReadAllFacts(Date today) {
  return pg::WithTransaction(
      pool_,
      [&](pqxx::work& tx) -> absl::StatusOr<std::vector<StaffFacts>> {
        const std::string day = FormatDate(today);
        const std::string in_scope = std::string(" WHERE staff_id IN (") + kRelevantStaff + ")";
        std::vector<StaffFacts> all;
        std::unordered_map<std::string, size_t> index;
        for (const pqxx::row& row : tx.exec_params(
                 std::string("SELECT ") + kStaffColumns + " FROM staff" + in_scope, day)) {
          index[row["staff_id"].as<std::string>()] = all.size();
          all.push_back({.staff = StaffFromRow(row)});
        }
        auto owner = [&](const pqxx::row& row) -> StaffFacts& {
          return all[index.at(row["staff_id"].as<std::string>())];
        };
        for (const pqxx::row& row : tx.exec_params(
                 std::string("SELECT ") + kAssignmentColumns + " FROM assignments" + in_scope,
                 day)) {
          owner(row).assignments.push_back(AssignmentFromRow(row));
        }
        for (const pqxx::row& row : tx.exec_params(
                 std::string("SELECT ") + kCompletionColumns + " FROM completions" + in_scope,
                 day)) {
          owner(row).completions.push_back(CompletionFromRow(row));
        }
        for (const pqxx::row& row : tx.exec_params(
                 std::string("SELECT ") + kApprovalColumns + " FROM approvals" + in_scope, day)) {
          owner(row).approvals.push_back(ApprovalFromRow(row));
        }
        for (const pqxx::row& row :
             tx.exec_params(std::string("SELECT ") + kGrantColumns + " FROM grants" + in_scope +
                                " AND state IN ('PENDING', 'GRANTED')",
                            day)) {
          owner(row).open_grants.push_back(GrantFromRow(row));
        }
        return all;
      },
      {.isolation = pg::Isolation::kRepeatableRead});
}

}  // namespace secsched::access
