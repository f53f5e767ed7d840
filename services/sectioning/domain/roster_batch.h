// Roster batch edit: up to 10,000 rows (add, drop, move, change dates / credit / repeat) in one
// call. Every row goes through the walk-in checks in order, seeing the rows before it.
// validate_only reports each row's result and writes nothing; the real run is all-or-nothing
// unless per_row, which applies the good rows and reports the failed ones.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/sectioning/domain/rosters.h"

namespace secsched::sectioning {

inline constexpr int kMaxBatchRows = 10000;

enum class BatchAction { kAdd, kDrop, kMove, kUpdate };

struct BatchRow {
  BatchAction action = BatchAction::kAdd;
  std::string student_id;
  std::string section_id;     // ADD: the section; DROP, MOVE, UPDATE: the student's section
  std::string to_section_id;  // MOVE
  Enrollment fields;          // ADD: dates, credit, repeat, source, rank; UPDATE: see paths
  // UPDATE: which of start_date, end_date, credit_override, repeat to set (at least one).
  std::vector<std::string> update_paths;
};

struct BatchRequest {
  TrialKey trial;
  std::vector<BatchRow> rows;
  bool validate_only = false;
  bool per_row = false;
  std::string reason;
  std::string request_id;
};

// Parses an UPDATE row's paths: INVALID_ARGUMENT naming `field` for an unknown path.
absl::Status ValidateBatchRows(const std::vector<BatchRow>& rows);

}  // namespace secsched::sectioning
