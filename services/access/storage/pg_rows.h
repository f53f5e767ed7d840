// Column lists and row → struct conversions shared by the access storage classes. Instants
// travel as microseconds since the epoch and dates as 'YYYY-MM-DD' text, so nothing depends on
// the session's time zone or DateStyle.
#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "services/access/domain/model.h"

namespace secsched::access::storage {

// SQL for an instant column as microseconds, and a parameter back into timestamptz.
std::string Micros(std::string_view column);  // "(extract(epoch FROM x) * 1000000)::bigint"
std::string TimeParam(int n);                 // the expression for parameter $n holding micros
int64_t ToMicros(Time t);
std::optional<int64_t> ToMicros(const std::optional<Time>& t);
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
