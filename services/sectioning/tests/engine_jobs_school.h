// A small school for the engine-job tests: 40 students, eight courses, six teachers, seven rooms,
// in the env's calendar (two semesters, periods 1..7), and the fakes that stand in for the
// requests service's snapshot and hold a job at its read.
#pragma once

#include <future>
#include <map>
#include <mutex>
#include <string>

#include "common/catalog/catalog_reader.h"
#include "common/requests/requests_reader.h"
#include "services/sectioning/domain/school_source.h"

namespace secsched::sectioning::testing {

inline constexpr int kSmallSchoolStudents = 40;
// 40 × six courses, s004's chem and the chem lab the LINKED rule adds to it.
inline constexpr int kSmallSchoolPrimaryRequests = 40 * 6 + 2;

// The requests service at its API: Snapshot answers what the test put there.
class SnapshotRequestsReader final : public requests::RequestsReader {
 public:
  void Set(requests::RequestsSnapshot snapshot) { snapshot_ = std::move(snapshot); }
  absl::StatusOr<requests::RequestsStudent> Student(std::string_view, std::string_view) override {
    return absl::UnimplementedError("jobs read whole snapshots");
  }
  absl::StatusOr<std::vector<requests::RequestsCourseRule>> CourseRules(std::string_view,
                                                                        std::string_view) override {
    return snapshot_.rules;
  }
  absl::StatusOr<requests::RequestsSnapshot> Snapshot(std::string_view) override {
    return snapshot_;
  }

 private:
  requests::RequestsSnapshot snapshot_;
};

// Signals `reading` when a job starts reading its school and waits for `release` first.
class GatedSchoolSource final : public SchoolSource {
 public:
  GatedSchoolSource(SchoolSource& inner, std::promise<void>& reading, std::future<void> release)
      : inner_(inner), reading_(reading), release_(release.share()) {}
  absl::StatusOr<SchoolRead> Read(const TrialKey& trial, bool keep_by_hand) override {
    std::call_once(signalled_, [&] { reading_.set_value(); });
    release_.wait();
    return inner_.Read(trial, keep_by_hand);
  }

 private:
  SchoolSource& inner_;
  std::promise<void>& reading_;
  std::shared_future<void> release_;
  std::once_flag signalled_;
};

void SeedSmallSchool(catalog::StaticCatalogReader& catalog, SnapshotRequestsReader& requests,
                     const std::string& calendar_id);

// ceil(requests / seats) per course.
std::map<std::string, int> SmallSchoolSectionsNeeded();

}  // namespace secsched::sectioning::testing
