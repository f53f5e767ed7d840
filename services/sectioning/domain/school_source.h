// Where a job reads its school from. The services' adapter reads a calendar through the catalog's
// and the requests service's public APIs (no cross-schema SQL) and the trial's own sections and
// enrollments from the sectioning schema, and assembles the engine's School from them.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "common/catalog/catalog_reader.h"
#include "common/requests/requests_reader.h"
#include "services/sectioning/domain/school_assembly.h"
#include "services/sectioning/domain/trial.h"

namespace secsched::sectioning {

// The trial's schedule as stored.
struct TrialSchedule {
  std::vector<Section> sections;
  std::vector<Enrollment> enrollments;
};

class TrialScheduleReader {
 public:
  virtual ~TrialScheduleReader() = default;
  // Sections by id with teachers and meetings; enrollments by student. NOT_FOUND for a trial
  // that does not exist.
  virtual absl::StatusOr<TrialSchedule> ReadSchedule(const TrialKey& trial) = 0;
};

struct SchoolRead {
  AssembledSchool assembled;
  TrialSchedule stored;  // what the trial held when it was read (numbers, sources, locks)
  int requests_skipped = 0;
  int linked_requests_added = 0;
};

class SchoolSource {
 public:
  virtual ~SchoolSource() = default;
  // `keep_enrollments_by_hand`: see SchoolInputs.
  virtual absl::StatusOr<SchoolRead> Read(const TrialKey& trial, bool keep_enrollments_by_hand) = 0;
};

class ServicesSchoolSource final : public SchoolSource {
 public:
  ServicesSchoolSource(catalog::CatalogReader& catalog, requests::RequestsReader& requests,
                       TrialScheduleReader& schedule)
      : catalog_(catalog), requests_(requests), schedule_(schedule) {}

  absl::StatusOr<SchoolRead> Read(const TrialKey& trial, bool keep_enrollments_by_hand) override;

 private:
  catalog::CatalogReader& catalog_;
  requests::RequestsReader& requests_;
  TrialScheduleReader& schedule_;
};

}  // namespace secsched::sectioning
