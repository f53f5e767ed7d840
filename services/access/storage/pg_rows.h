// Column lists and row → struct conversions shared by the access storage classes. Instants
// travel as microseconds since the epoch and dates as 'YYYY-MM-DD' text, so nothing depends on
// the session's time zone or DateStyle.
#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "common/pg/timestamps.h"
#include "services/access/domain/model.h"

namespace secsched::access::storage {

// Instants as microseconds (common/pg/timestamps.h).
using pg::MicrosOf;
using pg::OptionalTimeOf;
using pg::TimeOf;
using pg::TimestampParam;
using pg::ToMicros;
std::optional<std::string> DateText(const std::optional<Date>& day);

extern const char kStaffColumns[];
extern const char kAssignmentColumns[];
extern const char kCompletionColumns[];
extern const char kApprovalColumns[];
extern const char kGrantColumns[];
extern const char kAuditColumns[];

StaffMember StaffFromRow(const pqxx::row& row);
Assignment AssignmentFromRow(const pqxx::row& row);
Completion CompletionFromRow(const pqxx::row& row);
Approval ApprovalFromRow(const pqxx::row& row);
Grant GrantFromRow(const pqxx::row& row);
AuditEntry AuditFromRow(const pqxx::row& row);

}  // namespace secsched::access::storage

namespace secsched::access::storage {
// pqxx 6 has no std::optional parameters: a null char pointer is SQL NULL.
inline const char* OrNull(const std::optional<std::string>& value) {
  return value ? value->c_str() : nullptr;
}
inline std::optional<std::string> AsText(const std::optional<int64_t>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}
}  // namespace secsched::access::storage
