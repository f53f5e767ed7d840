// The versioned JSON school format, read and written. The format and the meaning of every field
// are in docs/formats/school-json.md. "secsched.school/v2" is v1 plus day rotation (a course's
// days_per_rotation, "days" on placements and blocked slots); the writer writes v1 whenever the
// school has no rotation (so such files read exactly as before, by old readers too) and v2
// otherwise. "secsched.school/v3" is v2 plus a teacher's max_sections_per_term and a rule's
// scope; the writer writes it only when a school uses either. The reader reads all three.
//
// Reading is strict: an unknown key (a v2 member in a v1 document included), a wrong type, an
// unknown term or day id, a dangling reference or another format version is InvalidArgument, and
// the message names the JSON path (e.g. `students[12] (S0012).requests[2].course_id`) or the
// offending id.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/sectioning/engine/engine.h"
#include "services/sectioning/engine/evaluate.h"
#include "services/sectioning/engine/model.h"

namespace secsched::engine::io {

inline constexpr char kSchoolFormatV1[] = "secsched.school/v1";
inline constexpr char kSchoolFormatV2[] = "secsched.school/v2";
inline constexpr char kSchoolFormatV3[] = "secsched.school/v3";

// What an output file carries besides the school itself. Either part may be absent.
struct SchoolReport {
  std::optional<EvaluationReport> evaluation;
  std::optional<std::vector<UnfilledRequest>> unfilled;
};

absl::StatusOr<School> ParseSchoolJson(std::string_view text);
absl::StatusOr<School> ReadSchoolFile(const std::string& path);

// Deterministic output: same School -> byte-identical text. `report` adds the "report" member
// (ignored when the file is read back).
std::string SchoolToJson(const School& school, const SchoolReport* report = nullptr);
absl::Status WriteSchoolFile(const std::string& path, const School& school,
                             const SchoolReport* report = nullptr);

// Names used in the format, shared with the requests service.
std::string_view RuleTypeName(RuleType type);
std::optional<RuleType> RuleTypeFromName(std::string_view name);
std::string_view TermLengthName(TermLength length);
std::string_view RuleScopeName(RuleScope scope);
std::optional<RuleScope> RuleScopeFromName(std::string_view name);

}  // namespace secsched::engine::io
