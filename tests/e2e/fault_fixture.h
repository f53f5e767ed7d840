// What the e2e tests that run jobs share (the fault-injection suite, the season): a small school
// submitted and followed as a client would (retrying UNAVAILABLE with the same request id), and
// what the database holds afterwards, read with SQL so that a check does not depend on the
// services under test.
#pragma once

#include <grpcpp/client_context.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "tests/e2e/suite_process.h"

namespace secsched::e2e {

namespace sectioning_api = secsched::sectioning::v1;

// A context for the suite's service account (scope `scheduler`).
std::unique_ptr<grpc::ClientContext> SchedulerContext(
    const Suite& suite, std::chrono::milliseconds deadline = std::chrono::seconds(30));

// Calendar `calendars/{calendar_id}` approved, with six courses, twelve teachers, thirteen rooms
// and `students` students requesting all six courses. Fails the calling test on a refusal.
void ImportSmallSchool(const Suite& suite, const std::string& calendar_id, int students);

// A DRAFT trial `calendars/{calendar_id}/trials/{trial_id}`; fails the calling test if refused.
void CreateTrial(const Suite& suite, const std::string& calendar_id, const std::string& trial_id);

// StartJob on `trial` ("calendars/{c}/trials/{t}"), repeated with the same request id while the
// answer is UNAVAILABLE or DEADLINE_EXCEEDED (the outcome unknown), as a client retries, until
// `deadline`. The job's name, or nullopt when it was refused or the deadline passed.
std::optional<std::string> SubmitJob(const Suite& suite, const std::string& trial,
                                     sectioning_api::Job::Type type, const std::string& request_id,
                                     std::chrono::milliseconds deadline);

// What the jobs table holds for one job (the truth; Redis only carries the id).
struct JobRow {
  std::string id;
  std::string type;
  std::string state;
  int attempt = 0;
  int deliveries = 0;
  double progress = 0;
  std::string result;
  std::string error;
};
std::optional<JobRow> ReadJob(const std::string& database_url, const std::string& job_name);

// The trial's bookkeeping, which must hold after any fault.
struct TrialCounts {
  std::int64_t sections = 0;
  std::int64_t enrollments = 0;               // count(*) of enrollment rows
  std::int64_t enrolled_kept = 0;             // sum of sections.enrolled (kept by triggers)
  std::int64_t sections_miscounted = 0;       // sections whose `enrolled` is not their row count
  std::int64_t duplicate_enrollments = 0;     // (student, section) pairs present more than once
  std::int64_t students_twice_in_course = 0;  // (student, course) pairs present more than once
};
TrialCounts CountTrial(const std::string& database_url, const std::string& calendar_id,
                       const std::string& trial_id);

// Everything an engine job writes into a trial, as sorted text (sections with their teachers and
// meetings, enrollments, unmet requests), so two trials compare with ==.
std::string TrialContent(const std::string& database_url, const std::string& calendar_id,
                         const std::string& trial_id);

// The seed of a randomized test: $SECSCHED_FAULT_SEED when set (to replay a run), otherwise a
// new one. Printed by the caller.
std::uint64_t FaultSeed();
// $name as a positive number, or `fallback`.
int EnvInt(const char* name, int fallback);

}  // namespace secsched::e2e
