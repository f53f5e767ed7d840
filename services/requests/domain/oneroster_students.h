// A SIS's OneRoster 1.1 users.csv (and optional demographics.csv) read as the calendar's students,
// so a district can seed the requests service from the export its SIS already makes
// (docs/formats/oneroster-import.md). The rows become the same StudentRows the suite's own
// students.csv gives, and are planned and written by the same all-or-nothing import.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "services/requests/domain/csv_import.h"

namespace secsched::requests {

inline constexpr std::string_view kOneRosterUsersCsv = "users.csv";
inline constexpr std::string_view kOneRosterDemographicsCsv = "demographics.csv";

// Rows with role "student" (any case) become students:
//   student number  identifier, or sourcedId when identifier is empty (lower-cased)
//   name            givenName middleName familyName
//   grade           the first of grades ("09" → 9)
//   active          enabledUser, when given
//   gender          demographics.csv's sex of the user's sourcedId: female F, male M, other X,
//                   unspecified/empty none; a user with no demographics row keeps their gender
// Other roles and rows whose status is "tobedeleted" are skipped (counted in `skipped`). No team
// (an existing student keeps theirs). INVALID_ARGUMENT for an unreadable file or an unexpected
// header (every column must be one of the 1.1 binding's); demographics.csv problems are reported
// first, then users.csv's rows go to `errors` with their lines.
absl::StatusOr<ParsedStudents> ParseOneRosterStudents(std::string_view calendar_id,
                                                      std::string_view users_csv,
                                                      std::string_view demographics_csv);

}  // namespace secsched::requests
