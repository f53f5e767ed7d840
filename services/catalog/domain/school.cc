#include "services/catalog/domain/school.h"

#include "common/access/authorize.h"
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::catalog {

absl::StatusOr<School> Schools::Create(const auth::Caller& caller, const NewSchool& request) {
  FieldValidator v;
  v.Require(api::IsValidId(request.id), "school_id",
            "is required: 1-63 characters of a-z, 0-9 and -");
  v.Require(!request.display_name.empty() && request.display_name.size() <= 200,
            "school.display_name", "is required (at most 200 characters)");
  v.Require(request.low_grade >= 0 && request.low_grade <= 12, "school.low_grade",
            "must be 0 (kindergarten) .. 12");
  v.Require(request.high_grade >= request.low_grade && request.high_grade <= 12,
            "school.high_grade", "must be low_grade .. 12");
  v.Require(request.request_id.size() <= 128, "request_id", "must be at most 128 characters");
  if (absl::Status s = v.Finish("The school has invalid fields."); !s.ok()) return s;
  if (absl::Status s = RequireDistrict(caller, "Creating a school"); !s.ok()) return s;
  return repository_.Create({.id = request.id,
                             .display_name = request.display_name,
                             .low_grade = request.low_grade,
                             .high_grade = request.high_grade},
                            request.request_id);
}

absl::StatusOr<School> Schools::Get(const auth::Caller& caller, std::string_view id) {
  if (absl::Status s = access::RequireSchedulingScope(caller, access::Mode::kRead); !s.ok()) {
    return s;
  }
  return repository_.Get(id);
}

absl::StatusOr<api::Page<School>> Schools::List(const auth::Caller& caller,
                                                const api::PageRequest& page) {
  if (absl::Status s = access::RequireSchedulingScope(caller, access::Mode::kRead); !s.ok()) {
    return s;
  }
  absl::StatusOr<std::vector<School>> rows = repository_.List(page.after, page.size + 1);
  if (!rows.ok()) return rows.status();
  api::Page<School> result{.items = *std::move(rows)};
  result.next_after =
      api::TrimToPage(result.items, page.size, [](const School& s) { return s.id; });
  return result;
}

}  // namespace secsched::catalog
