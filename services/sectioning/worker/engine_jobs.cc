#include "services/sectioning/worker/engine_jobs.h"

#include <atomic>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "services/sectioning/bound/load_optimum_apart.h"
#include "services/sectioning/domain/engine_schedule.h"
#include "services/sectioning/engine/engine.h"
#include "services/sectioning/storage/pg_schedule_store.h"
#include "services/sectioning/worker/count_sections_job.h"

namespace secsched::sectioning {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Runs `work` (an engine call) on its own thread. This thread maps the engine's 0..100 % into
// [from, to] of the job's progress and sets `cancel` as soon as the job is cancelled or this
// attempt lost it; the engine then returns promptly and the caller writes nothing.
template <typename Result>
absl::StatusOr<Result> RunWatched(
    jobs::JobContext& context, const EngineJobOptions& options, double from, double to,
    const std::string& phase,
    const std::function<absl::StatusOr<Result>(const engine::RunOptions&)>& work) {
  std::atomic<bool> cancel{false};
  std::mutex mutex;
  engine::Progress latest{.phase = phase, .percent = 0};  // guarded by mutex
  engine::RunOptions run{.seed = options.seed,
                         .time_limit = options.engine_time_limit,
                         .cancel = &cancel,
                         .on_progress = [&](const engine::Progress& p) {
                           std::lock_guard lock(mutex);
                           latest = p;
                         }};
  std::future<absl::StatusOr<Result>> done =
      std::async(std::launch::async, [&] { return work(run); });
  double reported = -1;
  while (done.wait_for(options.poll) != std::future_status::ready) {
    if (context.cancelled()) {
      cancel = true;
      continue;
    }
    engine::Progress now;
    {
      std::lock_guard lock(mutex);
      now = latest;
    }
    const double percent = from + (to - from) * std::clamp(now.percent, 0.0, 100.0) / 100;
    if (percent - reported >= 1) {
      reported = percent;
      if (!context.ReportProgress(percent, phase + ": " + now.phase).ok()) cancel = true;
    }
  }
  absl::StatusOr<Result> result = done.get();
  if (cancel || context.cancelled()) return absl::CancelledError("cancelled");
  return result;
}

std::string CodeOf(TrialJobType kind) { return std::string(JobTypeName(kind)); }

json SectionCounts(const std::vector<Section>& sections) {
  int placed = 0, staffed = 0;
  for (const Section& s : sections) {
    placed += !s.meetings.empty();
    staffed += !s.primary_teacher_id.empty();
  }
  const int total = static_cast<int>(sections.size());
  return {{"sections", total},
          {"placed", placed},
          {"unplaced", total - placed},
          {"unstaffed", total - staffed}};
}

json Warnings(const std::vector<std::string>& warnings) {
  json out = json::array();
  for (size_t i = 0; i < warnings.size() && i < 20; ++i) out.push_back(warnings[i]);
  return out;
}

std::vector<UnmetRow> UnmetRows(const engine::School& school,
                                const std::vector<engine::UnfilledRequest>& unfilled) {
  std::unordered_map<std::string, const engine::Student*> students;
  for (const engine::Student& s : school.students) students[s.id] = &s;
  std::vector<UnmetRow> rows;
  rows.reserve(unfilled.size());
  for (const engine::UnfilledRequest& u : unfilled) {
    bool required = false;
    if (auto it = students.find(u.student_id); it != students.end()) {
      for (const engine::Request& r : it->second->requests) {
        if (r.course_id == u.course_id) required = r.required;
      }
    }
    rows.push_back({.student_id = u.student_id,
                    .course_id = u.course_id,
                    .required = required,
                    .reason_code = u.reason_code,
                    .reason = u.reason});
  }
  return rows;
}

int PrimaryRequests(const engine::School& school) {
  int n = 0;
  for (const engine::Student& s : school.students) n += static_cast<int>(s.requests.size());
  return n;
}

}  // namespace

absl::StatusOr<std::string> RunEngineJob(TrialJobType kind, SchoolSource& source,
                                         const EngineJobOptions& options, const jobs::Job& job,
                                         jobs::JobContext& context) {
  absl::StatusOr<TrialKey> trial = TrialFromScope(job.scope);
  if (!trial.ok()) return trial.status();
  json result = {{"job", CodeOf(kind)}};
  json& timings = result["timings_ms"];

  if (absl::Status s = context.ReportProgress(1, "reading the school"); !s.ok()) return s;
  Clock::time_point start = Clock::now();
  absl::StatusOr<SchoolRead> read = source.Read(*trial, kind == TrialJobType::kReload);
  if (!read.ok()) return read.status();
  timings["read"] = MsSince(start);
  engine::School& school = read->assembled.school;
  result["students"] = school.students.size();
  result["requests_skipped"] = read->requests_skipped;
  result["linked_requests_added"] = read->linked_requests_added;
  if (context.cancelled()) return absl::CancelledError("cancelled");

  // What the job writes, decided below; applied in the completion transaction.
  std::optional<std::vector<Section>> sections;
  std::optional<std::vector<Enrollment>> enrollments;
  std::optional<std::vector<UnmetRow>> unmet;
  std::optional<bound::LoadOptimum> bound;

  start = Clock::now();
  switch (kind) {
    case TrialJobType::kBuildSections:
    case TrialJobType::kBuildMaster: {
      std::vector<engine::Section> built;
      if (kind == TrialJobType::kBuildSections) {
        absl::StatusOr<engine::BuildSectionsResult> r = RunWatched<engine::BuildSectionsResult>(
            context, options, 5, 90, "building sections",
            [&](const engine::RunOptions& run) { return engine::BuildSections(school, run); });
        if (!r.ok()) return r.status();
        built = std::move(r->sections);
        result["warnings"] = Warnings(r->warnings);
      } else {
        absl::StatusOr<engine::MasterScheduleResult> r = RunWatched<engine::MasterScheduleResult>(
            context, options, 5, 90, "placing sections", [&](const engine::RunOptions& run) {
              return engine::BuildMasterSchedule(school, run);
            });
        if (!r.ok()) return r.status();
        built = std::move(r->sections);
        result["warnings"] = Warnings(r->warnings);
        result["conflicted_students"] = r->conflicted_students;
      }
      ScheduleRows rows =
          ScheduleFromEngine(read->assembled, *trial, read->stored.sections, built, {});
      result.update(SectionCounts(rows.sections));
      sections = std::move(rows.sections);
      break;
    }
    case TrialJobType::kLoadStudents:
    case TrialJobType::kReload: {
      const bool reload = kind == TrialJobType::kReload;
      absl::StatusOr<engine::LoadResult> r = RunWatched<engine::LoadResult>(
          context, options, 5, 85, reload ? "reloading students" : "loading students",
          [&](const engine::RunOptions& run) {
            return engine::LoadStudents(school, {.run = run, .reload = reload});
          });
      if (!r.ok()) return r.status();
      result["students_moved"] = r->students_moved;
      school.enrollments = r->enrollments;
      absl::StatusOr<std::vector<engine::UnfilledRequest>> why = engine::Explain(school);
      if (!why.ok()) return why.status();
      ScheduleRows rows = ScheduleFromEngine(read->assembled, *trial, read->stored.sections,
                                             school.sections, r->enrollments);
      enrollments = std::move(rows.enrollments);
      unmet = UnmetRows(school, *why);
      break;
    }
    case TrialJobType::kExplain: {
      if (absl::Status s = context.ReportProgress(10, "explaining unmet requests"); !s.ok()) {
        return s;
      }
      absl::StatusOr<std::vector<engine::UnfilledRequest>> why = engine::Explain(school);
      if (!why.ok()) return why.status();
      unmet = UnmetRows(school, *why);
      break;
    }
    case TrialJobType::kBound: {
      absl::StatusOr<bound::LoadOptimum> r = RunWatched<bound::LoadOptimum>(
          context, options, 5, 90, "solving the loading program",
          [&](const engine::RunOptions& run) {
            // In a child process: CBC cannot be interrupted, its process can (CancelJob).
            return bound::SolveLoadOptimumApart(
                school,
                {.time_limit_seconds =
                     std::chrono::duration<double>(options.bound_time_limit).count()},
                *run.cancel);
          });
      if (!r.ok()) return r.status();
      bound = *std::move(r);
      break;
    }
    case TrialJobType::kCountSections:
      return absl::InternalError("COUNT_SECTIONS is not an engine job");
  }
  timings["engine"] = MsSince(start);
  if (unmet) {
    result["requests_unmet"] = unmet->size();
    result["primary_requests"] = PrimaryRequests(school);
  }

  if (absl::Status s = context.ReportProgress(95, "saving"); !s.ok()) return s;
  start = Clock::now();
  json counts;
  absl::Status completed = context.CompleteWith(
      [&](pqxx::work& tx) -> absl::Status {
        if (sections) {
          absl::StatusOr<ScheduleWriteCounts> c =
              PgScheduleStore::WriteSections(tx, *trial, *sections);
          if (!c.ok()) return c.status();
          counts["sections_written"] = c->sections_written;
          counts["sections_deleted"] = c->sections_deleted;
        }
        if (enrollments) {
          absl::StatusOr<ScheduleWriteCounts> c =
              PgScheduleStore::WriteEnrollments(tx, *trial, *enrollments);
          if (!c.ok()) return c.status();
          counts["enrollments_added"] = c->enrollments_added;
          counts["enrollments_removed"] = c->enrollments_removed;
          counts["enrollments_kept"] = c->enrollments_kept;
        }
        if (unmet) {
          if (absl::Status s = PgScheduleStore::WriteUnmet(tx, *trial, *unmet); !s.ok()) return s;
        }
        if (bound) {
          const int best = static_cast<int>(bound->proven_optimal ? bound->best_integer + 0.5
                                                                  : bound->best_bound + 1e-6);
          if (absl::Status s = PgScheduleStore::WriteBound(tx, *trial,
                                                           {.primary_requests = bound->requests,
                                                            .best_possible = best,
                                                            .proven_optimal = bound->proven_optimal,
                                                            .job_id = job.id});
              !s.ok()) {
            return s;
          }
          result["primary_requests"] = bound->requests;
          result["best_possible"] = best;
          result["proven_optimal"] = bound->proven_optimal;
        }
        if (sections || enrollments) PgScheduleStore::RefreshPlannerStatistics(tx);
        result["written"] = counts;
        timings["save"] = MsSince(start);
        return absl::OkStatus();
      },
      [&] { return result.dump(); });
  if (!completed.ok()) return completed;
  return result.dump();
}

absl::StatusOr<std::string> RunTrialJob(PgSectionCounts& counts, SchoolSource& source,
                                        const EngineJobOptions& options, const jobs::Job& job,
                                        jobs::JobContext& context) {
  std::optional<TrialJobType> kind = JobTypeFromName(job.payload);
  if (!kind) return absl::InvalidArgumentError("unknown job kind \"" + job.payload + "\"");
  if (*kind == TrialJobType::kCountSections) return RunCountSectionsJob(counts, job, context);
  return RunEngineJob(*kind, source, options, job, context);
}

}  // namespace secsched::sectioning
