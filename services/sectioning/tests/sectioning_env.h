// The sectioning service for integration tests: its gRPC services on an in-process server over
// real PostgreSQL (a fresh schema with the sectioning and jobs migrations) and real Redis, the
// REAL access service in-process (AccessEnv) answering CheckAccess, an in-memory catalog
// (StaticCatalogReader — the catalog *service* is faked, the database never is), in-memory
// students and course rules (StaticStudentDirectory, StaticCourseRuleSource — the requests
// service faked the same way) and a static calendar → school map. The calendar kCalendar is
// APPROVED with two semesters and periods 1–7.
//
//   SectioningEnv env;
//   env.access().GrantSchedulingAccess("dana", SectioningEnv::kSchool);
//   env.trials().CreateTrial(SectioningEnv::As("dana").get(), request, &trial);
//
// Each gRPC service of the binary is added in the constructor (one block per service) and gets a
// stub accessor here.
#pragma once

#include <grpcpp/client_context.h>

#include <memory>
#include <string>
#include <vector>

#include "common/access/access_client.h"
#include "common/access/calendar_schools.h"
#include "common/catalog/catalog_reader.h"
#include "common/grpc/testing/in_process_server.h"
#include "common/jobs/job_queue.h"
#include "common/jobs/job_store.h"
#include "common/pg/pool.h"
#include "secsched/sectioning/v1/export.grpc.pb.h"
#include "secsched/sectioning/v1/grading.grpc.pb.h"
#include "secsched/sectioning/v1/rosters.grpc.pb.h"
#include "secsched/sectioning/v1/schedule_reports.grpc.pb.h"
#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "secsched/sectioning/v1/sections.grpc.pb.h"
#include "services/access/tests/access_fixture.h"
#include "services/sectioning/api/export_handler.h"
#include "services/sectioning/api/grading_handler.h"
#include "services/sectioning/api/roster_handler.h"
#include "services/sectioning/api/schedule_report_handler.h"
#include "services/sectioning/api/section_handler.h"
#include "services/sectioning/api/sectioning_handler.h"
#include "services/sectioning/domain/roster_ports.h"
#include "services/sectioning/storage/pg_grading_repository.h"
#include "services/sectioning/storage/pg_oneroster_repository.h"
#include "services/sectioning/storage/pg_roster_repository.h"
#include "services/sectioning/storage/pg_schedule_reports.h"
#include "services/sectioning/storage/pg_section_repository.h"
#include "services/sectioning/storage/pg_trial_repository.h"
#include "services/sectioning/storage/redis_job_board.h"

namespace secsched::sectioning::testing {

class SectioningEnv {
 public:
  static constexpr char kCalendar[] = "east-2026";
  static constexpr char kSchool[] = "east-high";
  static constexpr char kOtherCalendar[] = "west-2026";
  static constexpr char kOtherSchool[] = "west-high";

  SectioningEnv();
  ~SectioningEnv();

  v1::SectioningService::Stub& trials() { return *trials_stub_; }
  v1::GradingWindowService::Stub& grading() { return *grading_stub_; }
  v1::ScheduleReportService::Stub& reports() { return *reports_stub_; }
  // ---- Rosters (RosterService); students and course rules of the (faked) requests service.
  v1::RosterService::Stub& rosters() { return *rosters_stub_; }
  StaticStudentDirectory& students() { return students_; }
  StaticCourseRuleSource& course_rules() { return course_rules_; }
  v1::SectionService::Stub& sections() { return *sections_stub_; }
  // MASTER-scope NOT_SAME_PERIOD rules the sections' conflicts read (none until set).
  // MASTER course rules the sections' conflicts read (the requests service, faked).
  StaticCourseRules& master_rules() { return master_rules_; }
  StaticStudentTeams& student_teams() { return student_teams_; }
  // ---- Exports (ScheduleExportService); the students the requests service would list.
  v1::ScheduleExportService::Stub& exports() { return *exports_stub_; }
  StaticCalendarStudents& roster_students() { return roster_students_; }
  std::shared_ptr<grpc::Channel> channel() { return server_->channel(); }
  access::testing::AccessEnv& access() { return *access_; }
  catalog::StaticCatalogReader& catalog() { return catalog_; }
  access::StaticCalendarSchools& schools() { return schools_; }
  pg::PgPool& pool() { return *pool_; }
  // The job queue the service submits to, for a worker run in the test.
  jobs::JobStore& job_store() { return *job_store_; }
  jobs::JobQueue& job_queue() { return *job_queue_; }
  redis::RedisConnections& redis() { return access_->redis(); }
  const std::string& schema() const { return schema_; }

  // A context with a token for `subject` and `scopes` ("" subject = no token at all).
  static std::unique_ptr<grpc::ClientContext> As(const std::string& subject,
                                                 const std::vector<std::string>& scopes = {});
  // The scheduler service account: may read and write every calendar.
  static std::unique_ptr<grpc::ClientContext> Scheduler() {
    return As("service:sis", {"scheduler"});
  }

 private:
  std::unique_ptr<access::testing::AccessEnv> access_;
  std::string schema_;
  std::unique_ptr<pg::PgPool> pool_;
  catalog::StaticCatalogReader catalog_;
  access::StaticCalendarSchools schools_;
  std::unique_ptr<access::AccessClient> checker_;
  // ---- Trials and jobs (SectioningService).
  std::unique_ptr<PgTrialRepository> trial_repository_;
  std::unique_ptr<jobs::JobStore> job_store_;
  std::unique_ptr<jobs::JobQueue> job_queue_;
  std::unique_ptr<RedisJobBoard> job_board_;
  std::unique_ptr<Trials> trials_;
  std::unique_ptr<TrialJobs> trial_jobs_;
  std::unique_ptr<SectioningHandler> trials_handler_;
  // ---- Grading windows (GradingWindowService).
  std::unique_ptr<PgGradingRepository> grading_repository_;
  std::unique_ptr<GradingWindows> grading_windows_;
  std::unique_ptr<GradingHandler> grading_handler_;
  // ---- Schedule reports (ScheduleReportService).
  std::unique_ptr<PgScheduleReports> report_repository_;
  std::unique_ptr<ScheduleReports> reports_;
  std::unique_ptr<ScheduleReportHandler> reports_handler_;
  // ---- Rosters (RosterService).
  StaticStudentDirectory students_;
  StaticCourseRuleSource course_rules_;
  std::unique_ptr<PgRosterRepository> roster_repository_;
  std::unique_ptr<Rosters> rosters_;
  std::unique_ptr<RosterHandler> rosters_handler_;
  // ---- Sections (SectionService).
  StaticCourseRules master_rules_;
  StaticStudentTeams student_teams_;
  std::unique_ptr<PgSectionRepository> section_repository_;
  std::unique_ptr<Sections> sections_;
  std::unique_ptr<SectionHandler> sections_handler_;
  // ---- Exports (ScheduleExportService).
  StaticCalendarStudents roster_students_;
  std::unique_ptr<PgOneRosterRepository> oneroster_repository_;
  std::unique_ptr<OneRosterExport> oneroster_;
  std::unique_ptr<ExportHandler> export_handler_;
  // Other services of the binary add their repositories, domain objects and handlers here.

  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<v1::SectioningService::Stub> trials_stub_;
  std::unique_ptr<v1::GradingWindowService::Stub> grading_stub_;
  std::unique_ptr<v1::ScheduleReportService::Stub> reports_stub_;
  std::unique_ptr<v1::RosterService::Stub> rosters_stub_;
  std::unique_ptr<v1::SectionService::Stub> sections_stub_;
  std::unique_ptr<v1::ScheduleExportService::Stub> exports_stub_;
};

}  // namespace secsched::sectioning::testing
