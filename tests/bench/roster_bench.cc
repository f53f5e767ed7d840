// roster_bench: walk-in add/drop throughput and latency with 100 concurrent clients on a
// 2,800-student trial, and GetStudentSchedule throughput, through the real RosterService
// (in-process gRPC, real PostgreSQL, Redis and access service; students and rules from memory).
// The load generator shares the machine with the server. Prints a Markdown table; asserts
// nothing about time.
//
//   roster_bench [--students 2800] [--clients 100] [--ops 20] [--smoke]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <latch>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "services/sectioning/tests/roster_seed.h"
#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::bench {
namespace {

using Clock = std::chrono::steady_clock;
using testing::SectioningEnv;

struct Options {
  int students = 2800;
  int clients = 100;
  int ops = 20;  // add+drop pairs per client; schedule reads are 5x this per client
  int batch_rows = 5000;
};

constexpr int kCourses = 8;  // c0..c7, c<k> meets in period k+1 of s1
constexpr int kSectionsPerCourse = 10;
constexpr int kEnrolledCourses = 6;  // every student starts in c0..c5

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double P99(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(v.size() * 0.99))];
}

void Populate(SectioningEnv& env, const Options& o) {
  testing::RosterSeed seed(env.pool(), SectioningEnv::kCalendar, "bench");
  seed.Trial();
  auto lease = env.pool().Acquire();
  if (!lease.ok()) std::exit(1);
  pqxx::work tx(**lease);
  tx.exec("SET search_path TO " + env.schema());
  tx.exec(
      "INSERT INTO sections (calendar_id, trial_id, section_id, course_id, capacity, "
      "section_number) SELECT 'east-2026', 'bench', 'c' || c || '-' || n, 'c' || c, 100000, n "
      "FROM generate_series(0, " +
      std::to_string(kCourses - 1) + ") c, generate_series(1, " +
      std::to_string(kSectionsPerCourse) + ") n");
  tx.exec(
      "INSERT INTO section_meetings (calendar_id, trial_id, section_id, term_id, period) "
      "SELECT calendar_id, trial_id, section_id, 's1', substr(course_id, 2)::int + 1 FROM sections "
      "WHERE trial_id = 'bench'");
  tx.exec(
      "INSERT INTO enrollments (calendar_id, trial_id, section_id, student_id, course_id, source) "
      "SELECT 'east-2026', 'bench', 'c' || c || '-' || (i % " +
      std::to_string(kSectionsPerCourse) +
      " + 1), 'st' || i, 'c' || c, 'ENGINE' "
      "FROM generate_series(0, " +
      std::to_string(o.students - 1) + ") i, generate_series(0, " +
      std::to_string(kEnrolledCourses - 1) + ") c");
  tx.commit();
  // As autovacuum does after a load (PostgreSQL 13+ vacuums after inserts too): without
  // statistics the planner may read a student's enrollments through the primary key (by
  // section) instead of enrollments_by_student, and without the visibility map a section's
  // enrolled count visits every row instead of the index alone.
  pqxx::nontransaction analyze(**lease);
  analyze.exec("VACUUM ANALYZE");
  for (int i = 0; i < o.students; ++i) {
    env.students().Set(SectioningEnv::kCalendar, {.student_id = "st" + std::to_string(i)});
  }
}

template <class Body>
std::pair<double, std::vector<double>> RunClients(int clients, Body body) {
  std::vector<std::vector<double>> latencies(clients);
  std::latch start(clients + 1);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      start.arrive_and_wait();
      body(c, latencies[c]);
    });
  }
  Clock::time_point begin = Clock::now();
  start.arrive_and_wait();
  for (std::thread& t : threads) t.join();
  double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  return {seconds, all};
}

int Run(const Options& o) {
  SectioningEnv env;
  Clock::time_point t0 = Clock::now();
  Populate(env, o);
  std::printf("seeded %d students x %d enrollments in %.0f ms\n\n", o.students, kEnrolledCourses,
              Ms(Clock::now() - t0));
  testing::RosterSeed seed(env.pool(), SectioningEnv::kCalendar, "bench");
  std::atomic<int> errors{0};

  // Walk-ins: each client owns its students and adds one to a c6 section, then drops it.
  auto [walk_s, walk_lat] = RunClients(o.clients, [&](int c, std::vector<double>& lat) {
    for (int k = 0; k < o.ops; ++k) {
      std::string student = "st" + std::to_string((c + k * o.clients) % o.students);
      // Spread over the 20 sections of c6 and c7 (neither is in a student's schedule yet).
      int slot = (c + k) % (2 * kSectionsPerCourse);
      std::string section = "c" + std::to_string(6 + slot / kSectionsPerCourse) + "-" +
                            std::to_string(slot % kSectionsPerCourse + 1);
      Clock::time_point a = Clock::now();
      v1::AddStudentToSectionRequest add;
      add.set_parent(seed.SectionName(section));
      add.set_student(student);
      v1::Enrollment out;
      if (grpc::Status s =
              env.rosters().AddStudentToSection(SectioningEnv::Scheduler().get(), add, &out);
          !s.ok()) {
        if (errors++ == 0) std::printf("first error: %s\n", s.error_message().c_str());
      }
      Clock::time_point b = Clock::now();
      v1::DropStudentFromSectionRequest drop;
      drop.set_name(seed.EnrollmentName(section, student));
      google::protobuf::Empty empty;
      if (!env.rosters()
               .DropStudentFromSection(SectioningEnv::Scheduler().get(), drop, &empty)
               .ok()) {
        ++errors;
      }
      lat.push_back(Ms(b - a));
      lat.push_back(Ms(Clock::now() - b));
    }
  });

  auto [read_s, read_lat] = RunClients(o.clients, [&](int c, std::vector<double>& lat) {
    for (int k = 0; k < o.ops * 5; ++k) {
      v1::GetStudentScheduleRequest get;
      get.set_trial(seed.TrialName());
      get.set_student("st" + std::to_string((c * 7919 + k * 31) % o.students));
      v1::StudentSchedule schedule;
      Clock::time_point a = Clock::now();
      if (!env.rosters()
               .GetStudentSchedule(SectioningEnv::Scheduler().get(), get, &schedule)
               .ok() ||
          schedule.sections_size() != kEnrolledCourses) {
        ++errors;
      }
      lat.push_back(Ms(Clock::now() - a));
    }
  });

  // One batch of 5,000 rows (fewer with --smoke): adds into c7, then an end date for each.
  int adds = std::min(o.students, o.batch_rows / 2);
  v1::BatchEditRosterRequest batch;
  batch.set_parent(seed.TrialName());
  batch.set_reason("bench");
  for (int i = 0; i < adds; ++i) {
    v1::RosterEdit* row = batch.add_rows();
    row->set_action(v1::RosterEdit::ADD);
    row->set_student("st" + std::to_string(i));
    row->set_section("c7-" + std::to_string(i % kSectionsPerCourse + 1));
  }
  for (int i = 0; i < adds; ++i) {
    v1::RosterEdit* row = batch.add_rows();
    row->set_action(v1::RosterEdit::UPDATE);
    row->set_student("st" + std::to_string(i));
    row->set_section("c7-" + std::to_string(i % kSectionsPerCourse + 1));
    row->mutable_enrollment()->set_end_date("2027-01-10");
    row->mutable_update_mask()->add_paths("end_date");
  }
  v1::BatchEditRosterResponse batch_result;
  auto batch_context = SectioningEnv::Scheduler();
  batch_context->set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
  Clock::time_point batch_begin = Clock::now();
  grpc::Status batch_status =
      env.rosters().BatchEditRoster(batch_context.get(), batch, &batch_result);
  double batch_ms = Ms(Clock::now() - batch_begin);
  if (!batch_status.ok() || batch_result.applied() != 2 * adds) {
    ++errors;
    std::printf("batch: %s, applied %d\n", batch_status.error_message().c_str(),
                batch_result.applied());
  }

  std::printf("| measure (%d clients, %d students) | ops | per second | p99 ms |\n", o.clients,
              o.students);
  std::printf("|---|---|---|---|\n");
  std::printf("| walk-in add/drop changes | %zu | %.0f | %.1f |\n", walk_lat.size(),
              walk_lat.size() / walk_s, P99(walk_lat));
  std::printf("| GetStudentSchedule | %zu | %.0f | %.1f |\n", read_lat.size(),
              read_lat.size() / read_s, P99(read_lat));
  std::printf("| BatchEditRoster of %d rows (one call) | 1 | | %.0f (total) |\n", 2 * adds,
              batch_ms);
  std::printf("\nerrors: %d\n", errors.load());
  return errors.load() == 0 ? 0 : 1;
}

}  // namespace
}  // namespace secsched::sectioning::bench

int main(int argc, char** argv) {
  secsched::sectioning::bench::Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&]() { return i + 1 < argc ? std::atoi(argv[++i]) : 0; };
    if (arg == "--students")
      o.students = next();
    else if (arg == "--clients")
      o.clients = next();
    else if (arg == "--ops")
      o.ops = next();
    else if (arg == "--smoke")
      o = {.students = 200, .clients = 10, .ops = 5, .batch_rows = 400};
  }
  return secsched::sectioning::bench::Run(o);
}
