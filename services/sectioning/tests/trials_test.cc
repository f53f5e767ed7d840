// Trials through the gRPC API on real PostgreSQL, Redis and the access service: create, get,
// list, update, delete, copy, lock, activate and compare, with every refusal.
#include <gtest/gtest.h>

#include <future>
#include <latch>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "common/pg/transaction.h"
#include "common/testing/together.h"
#include "services/sectioning/storage/pg_section_counts.h"
#include "services/sectioning/storage/pg_trial_guard.h"
#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::testing {
namespace {

std::string CalendarName(const std::string& calendar = SectioningEnv::kCalendar) {
  return "calendars/" + calendar;
}
std::string TrialName(const std::string& trial,
                      const std::string& calendar = SectioningEnv::kCalendar) {
  return CalendarName(calendar) + "/trials/" + trial;
}

v1::Trial MakeTrial(SectioningEnv& env, const std::string& id, const std::string& display = "") {
  v1::CreateTrialRequest request;
  request.set_parent(CalendarName());
  request.set_trial_id(id);
  request.mutable_trial()->set_display_name(display.empty() ? "Trial " + id : display);
  v1::Trial created;
  grpc::Status status =
      env.trials().CreateTrial(SectioningEnv::Scheduler().get(), request, &created);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return created;
}

void Exec(SectioningEnv& env, const std::string& sql) {
  absl::Status s = pg::WithTransaction(env.pool(), [&](pqxx::work& tx) -> absl::Status {
    tx.exec(sql);
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s << "\n" << sql;
}

// The rows of `query`, each as one text value (e.g. a jsonb row), in the query's order.
std::vector<std::string> Rows(SectioningEnv& env, const std::string& query) {
  std::vector<std::string> out;
  absl::Status s = pg::WithTransaction(env.pool(), [&](pqxx::work& tx) -> absl::Status {
    for (const pqxx::row& row : tx.exec(query)) out.push_back(row[0].c_str());
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s << "\n" << query;
  return out;
}

int Count(SectioningEnv& env, const std::string& query) {
  std::vector<std::string> rows = Rows(env, query);
  return rows.empty() ? -1 : std::stoi(rows[0]);
}

// A small schedule in `trial` of kCalendar: three sections of two courses (placed, staffed),
// four students enrolled (primary, alternate and by hand), one unmet request.
void SeedSchedule(SectioningEnv& env, const std::string& trial) {
  const std::string t = "'" + std::string(SectioningEnv::kCalendar) + "', '" + trial + "'";
  Exec(env,
       "INSERT INTO sections (calendar_id, trial_id, section_id, course_id, capacity, "
       "section_number, room_id, team_id, locked, source) VALUES "
       "(" +
           t +
           ", 'eng9-1', 'eng9', 30, 1, 'r101', '', true, 'ENGINE'), "
           "(" +
           t +
           ", 'eng9-2', 'eng9', 25, 2, 'r102', 'blue', false, 'MANUAL'), "
           "(" +
           t + ", 'alg1-1', 'alg1', 28, 1, '', '', false, 'ENGINE')");
  Exec(env,
       "INSERT INTO section_teachers (calendar_id, trial_id, section_id, teacher_id, role) "
       "VALUES (" +
           t + ", 'eng9-1', 'kim', 'PRIMARY'), (" + t +
           ", 'eng9-1', 'lee', 'CO'), "
           "(" +
           t + ", 'alg1-1', 'ng', 'PRIMARY')");
  Exec(env,
       "INSERT INTO section_meetings (calendar_id, trial_id, section_id, term_id, period, "
       "day_type) VALUES (" +
           t + ", 'eng9-1', 's1', 1, ''), (" + t +
           ", 'eng9-1', 's2', 1, ''), "
           "(" +
           t + ", 'eng9-2', 's1', 2, ''), (" + t + ", 'alg1-1', 's1', 3, 'A')");
  Exec(env,
       "INSERT INTO enrollments (calendar_id, trial_id, section_id, student_id, course_id, "
       "start_date, end_date, credit_override, repeat, source, locked, request_rank, overload) "
       "VALUES (" +
           t +
           ", 'eng9-1', 'p1', 'eng9', NULL, NULL, NULL, false, 'ENGINE', false, 0, false), "
           "(" +
           t +
           ", 'alg1-1', 'p1', 'alg1', '2026-09-01', NULL, 0.5, true, 'WALK_IN', true, 1, true), "
           "(" +
           t +
           ", 'eng9-2', 'p2', 'eng9', NULL, NULL, NULL, false, 'BATCH', false, 0, false), "
           "(" +
           t + ", 'alg1-1', 'p3', 'alg1', NULL, NULL, NULL, false, 'MANUAL', false, NULL, false)");
  Exec(env,
       "INSERT INTO unmet_requests (calendar_id, trial_id, student_id, course_id, required, "
       "reason) VALUES (" +
           t + ", 'p2', 'alg1', true, 'no seat left')");
}

// Every row of `table` in `trial`, as JSON without the trial id (and the section's creation
// request_id): a copy must match its source in every other column, including ones added later.
std::vector<std::string> TableRows(SectioningEnv& env, const std::string& table,
                                   const std::string& trial) {
  return Rows(env, "SELECT (to_jsonb(x) - 'trial_id' - 'request_id')::text FROM " + table +
                       " x WHERE calendar_id = '" + SectioningEnv::kCalendar +
                       "' AND trial_id = '" + trial + "' ORDER BY 1");
}

grpc::StatusCode LockCall(SectioningEnv& env, const std::string& trial, bool lock,
                          v1::Trial* out = nullptr) {
  v1::Trial response;
  grpc::Status status;
  if (lock) {
    v1::LockTrialRequest request;
    request.set_name(TrialName(trial));
    status = env.trials().LockTrial(SectioningEnv::Scheduler().get(), request, &response);
  } else {
    v1::UnlockTrialRequest request;
    request.set_name(TrialName(trial));
    status = env.trials().UnlockTrial(SectioningEnv::Scheduler().get(), request, &response);
  }
  if (out != nullptr) *out = response;
  return status.error_code();
}

grpc::StatusCode Activate(SectioningEnv& env, const std::string& name, v1::Trial* out = nullptr) {
  v1::ActivateTrialRequest request;
  request.set_name(name);
  v1::Trial response;
  grpc::Status status =
      env.trials().ActivateTrial(SectioningEnv::Scheduler().get(), request, &response);
  if (out != nullptr) *out = response;
  return status.error_code();
}

grpc::StatusCode Delete(SectioningEnv& env, const std::string& trial) {
  v1::DeleteTrialRequest request;
  request.set_name(TrialName(trial));
  google::protobuf::Empty empty;
  return env.trials().DeleteTrial(SectioningEnv::Scheduler().get(), request, &empty).error_code();
}

grpc::Status Rename(SectioningEnv& env, const std::string& trial, const std::string& display,
                    std::vector<std::string> paths, v1::Trial* out) {
  v1::UpdateTrialRequest request;
  request.mutable_trial()->set_name(TrialName(trial));
  request.mutable_trial()->set_display_name(display);
  for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
  return env.trials().UpdateTrial(SectioningEnv::Scheduler().get(), request, out);
}

v1::Trial Get(SectioningEnv& env, const std::string& trial) {
  v1::GetTrialRequest request;
  request.set_name(TrialName(trial));
  v1::Trial out;
  grpc::Status status = env.trials().GetTrial(SectioningEnv::Scheduler().get(), request, &out);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return out;
}

TEST(TrialsTest, CreatedTrialIsReadBackAndRetryReturnsTheFirst) {
  SectioningEnv env;
  v1::CreateTrialRequest request;
  request.set_parent(std::string("calendars/") + SectioningEnv::kCalendar);
  request.mutable_trial()->set_display_name("Spring draft");
  request.set_trial_id("draft-1");
  request.set_request_id("req-1");
  v1::Trial created;
  ASSERT_TRUE(env.trials().CreateTrial(SectioningEnv::Scheduler().get(), request, &created).ok());
  EXPECT_EQ(created.name(), "calendars/east-2026/trials/draft-1");
  EXPECT_EQ(created.state(), v1::Trial::DRAFT);
  EXPECT_FALSE(created.locked());
  EXPECT_TRUE(created.has_update_time());

  v1::Trial again;
  ASSERT_TRUE(env.trials().CreateTrial(SectioningEnv::Scheduler().get(), request, &again).ok());
  EXPECT_EQ(again.name(), created.name());

  v1::GetTrialRequest get;
  get.set_name(created.name());
  v1::Trial read;
  ASSERT_TRUE(env.trials().GetTrial(SectioningEnv::Scheduler().get(), get, &read).ok());
  EXPECT_EQ(read.display_name(), "Spring draft");
  EXPECT_EQ(read.section_count(), 0);
}

TEST(TrialsTest, ARequestIdOfAnotherCalendarNeverAnswersWithItsTrial) {
  SectioningEnv env;
  v1::CreateTrialRequest request;
  request.set_parent(std::string("calendars/") + SectioningEnv::kCalendar);
  request.mutable_trial()->set_display_name("East draft");
  request.set_request_id("shared-req");
  v1::Trial east;
  ASSERT_TRUE(env.trials().CreateTrial(SectioningEnv::Scheduler().get(), request, &east).ok());

  request.set_parent(std::string("calendars/") + SectioningEnv::kOtherCalendar);
  request.mutable_trial()->set_display_name("West draft");
  v1::Trial west;
  grpc::Status status = env.trials().CreateTrial(SectioningEnv::Scheduler().get(), request, &west);
  // Another body under the same request_id (AIP-155).
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_TRUE(west.name().empty());  // East High's trial is not handed to West High
}

TEST(TrialsTest, OneRequestIdFromTenClientsAtOnceCreatesOneTrial) {
  SectioningEnv env;
  v1::CreateTrialRequest request;
  request.set_parent(std::string("calendars/") + SectioningEnv::kCalendar);
  request.mutable_trial()->set_display_name("Raced draft");
  request.set_request_id("raced-req");
  constexpr int kClients = 10;
  std::vector<grpc::Status> statuses(kClients);
  std::vector<std::string> names(kClients);
  secsched::testing::RunTogether(kClients, [&](int i) {
    v1::Trial trial;
    statuses[i] = env.trials().CreateTrial(SectioningEnv::Scheduler().get(), request, &trial);
    names[i] = trial.name();
  });
  for (int i = 0; i < kClients; ++i) {
    EXPECT_TRUE(statuses[i].ok()) << "client " << i << ": " << statuses[i].error_message();
  }
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 1u);
  EXPECT_FALSE(names[0].empty());

  request.mutable_trial()->set_display_name("Another draft");
  v1::Trial out;
  grpc::Status changed = env.trials().CreateTrial(SectioningEnv::Scheduler().get(), request, &out);
  EXPECT_EQ(changed.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << changed.error_message();
}

TEST(TrialsTest, ACounselorOfAnotherSchoolIsRefused) {
  SectioningEnv env;
  env.access().GrantSchedulingAccess("wes", SectioningEnv::kOtherSchool);
  v1::CreateTrialRequest request;
  request.set_parent(std::string("calendars/") + SectioningEnv::kCalendar);
  request.mutable_trial()->set_display_name("Not mine");
  v1::Trial created;
  grpc::Status status = env.trials().CreateTrial(SectioningEnv::As("wes").get(), request, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();

  MakeTrial(env, "mine");
  v1::LockTrialRequest lock;
  lock.set_name(TrialName("mine"));
  v1::Trial locked;
  EXPECT_EQ(env.trials().LockTrial(SectioningEnv::As("wes").get(), lock, &locked).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListTrialsRequest list;
  list.set_parent(CalendarName());
  v1::ListTrialsResponse listed;
  EXPECT_EQ(env.trials().ListTrials(SectioningEnv::As("wes").get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // A reader reads but does not write.
  EXPECT_TRUE(env.trials()
                  .ListTrials(SectioningEnv::As("service:reports", {"reader"}).get(), list, &listed)
                  .ok());
  EXPECT_EQ(env.trials()
                .LockTrial(SectioningEnv::As("service:reports", {"reader"}).get(), lock, &locked)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST(TrialsTest, ListPagesInIdOrderAndFiltersByState) {
  SectioningEnv env;
  for (const char* id : {"t3", "t1", "t5", "t2", "t4"}) MakeTrial(env, id);
  ASSERT_EQ(Activate(env, TrialName("t4")), grpc::StatusCode::OK);

  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    v1::ListTrialsRequest request;
    request.set_parent(CalendarName());
    request.set_page_size(2);
    request.set_page_token(token);
    v1::ListTrialsResponse page;
    grpc::Status status = env.trials().ListTrials(SectioningEnv::Scheduler().get(), request, &page);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_LE(page.trials_size(), 2);
    for (const v1::Trial& t : page.trials()) seen.push_back(t.name());
    token = page.next_page_token();
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{TrialName("t1"), TrialName("t2"), TrialName("t3"),
                                            TrialName("t4"), TrialName("t5")}));

  v1::ListTrialsRequest active;
  active.set_parent(CalendarName());
  active.set_state(v1::Trial::ACTIVE);
  v1::ListTrialsResponse only;
  ASSERT_TRUE(env.trials().ListTrials(SectioningEnv::Scheduler().get(), active, &only).ok());
  ASSERT_EQ(only.trials_size(), 1);
  EXPECT_EQ(only.trials(0).name(), TrialName("t4"));
  EXPECT_EQ(only.trials(0).state(), v1::Trial::ACTIVE);

  active.set_state(static_cast<v1::Trial::State>(7));
  EXPECT_EQ(env.trials().ListTrials(SectioningEnv::Scheduler().get(), active, &only).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT)
      << "an unknown enum value";
  v1::ListTrialsRequest bad_token;
  bad_token.set_parent(CalendarName());
  bad_token.set_page_token("not-a-token!");
  EXPECT_EQ(
      env.trials().ListTrials(SectioningEnv::Scheduler().get(), bad_token, &only).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  // Another calendar's trials are not listed.
  v1::ListTrialsRequest other;
  other.set_parent(CalendarName(SectioningEnv::kOtherCalendar));
  v1::ListTrialsResponse none;
  ASSERT_TRUE(env.trials().ListTrials(SectioningEnv::Scheduler().get(), other, &none).ok());
  EXPECT_EQ(none.trials_size(), 0);
}

TEST(TrialsTest, UpdateChangesTheDisplayNameByMask) {
  SectioningEnv env;
  v1::Trial created = MakeTrial(env, "t1", "Before");
  v1::Trial updated;
  grpc::Status status = Rename(env, "t1", "Named", {"display_name"}, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.display_name(), "Named");
  EXPECT_GE(updated.update_time().seconds() * 1000000000LL + updated.update_time().nanos(),
            created.update_time().seconds() * 1000000000LL + created.update_time().nanos());
  ASSERT_TRUE(Rename(env, "t1", "By populated fields", {}, &updated).ok());
  EXPECT_EQ(updated.display_name(), "By populated fields");
  ASSERT_TRUE(Rename(env, "t1", "Star", {"*"}, &updated).ok());
  EXPECT_EQ(Get(env, "t1").display_name(), "Star");

  // Refusals change nothing.
  EXPECT_EQ(Rename(env, "t1", "x", {"state"}, &updated).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Rename(env, "t1", "", {"display_name"}, &updated).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Rename(env, "t1", "", {}, &updated).error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << "an empty mask and nothing populated";
  v1::UpdateTrialRequest output_only;
  output_only.mutable_trial()->set_name(TrialName("t1"));
  output_only.mutable_trial()->set_locked(true);
  EXPECT_EQ(env.trials()
                .UpdateTrial(SectioningEnv::Scheduler().get(), output_only, &updated)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT)
      << "locked is changed by LockTrial, not by an update";
  EXPECT_EQ(Get(env, "t1").display_name(), "Star");
  EXPECT_FALSE(Get(env, "t1").locked());
  EXPECT_EQ(Rename(env, "nope", "x", {"display_name"}, &updated).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST(TrialsTest, DeleteCascadesKeepsTheAuditAndIsRefusedForTheActiveOrALockedTrial) {
  SectioningEnv env;
  MakeTrial(env, "gone");
  SeedSchedule(env, "gone");
  Exec(env,
       "INSERT INTO schedule_changes (calendar_id, trial_id, student_id, action, actor) VALUES "
       "('east-2026', 'gone', 'p1', 'ADD', 'dana')");
  Exec(env,
       "INSERT INTO section_counts (calendar_id, trial_id, job_id, section_count) VALUES "
       "('east-2026', 'gone', 'job-1', 3)");
  EXPECT_EQ(Get(env, "gone").section_count(), 3);
  ASSERT_EQ(Delete(env, "gone"), grpc::StatusCode::OK);
  for (const char* table : {"sections", "section_teachers", "section_meetings", "enrollments",
                            "unmet_requests", "section_counts"}) {
    EXPECT_EQ(Count(env, std::string("SELECT count(*) FROM ") + table + " WHERE trial_id = 'gone'"),
              0)
        << table;
  }
  // The audit outlives the trial: the walk-in, then the deletion, by whom.
  EXPECT_EQ(Rows(env,
                 "SELECT action || ' ' || actor FROM schedule_changes WHERE trial_id = 'gone' "
                 "ORDER BY change_id"),
            (std::vector<std::string>{"TRIAL_CREATE service:sis", "ADD dana",
                                      "TRIAL_DELETE service:sis"}));
  EXPECT_EQ(Delete(env, "gone"), grpc::StatusCode::NOT_FOUND);

  MakeTrial(env, "live");
  ASSERT_EQ(Activate(env, TrialName("live")), grpc::StatusCode::OK);
  EXPECT_EQ(Delete(env, "live"), grpc::StatusCode::FAILED_PRECONDITION);
  MakeTrial(env, "kept");
  ASSERT_EQ(LockCall(env, "kept", true), grpc::StatusCode::OK);
  EXPECT_EQ(Delete(env, "kept"), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Get(env, "kept").name(), TrialName("kept"));
  EXPECT_EQ(Get(env, "live").state(), v1::Trial::ACTIVE);
}

TEST(TrialsTest, TheLifecycleIsAuditedAndReadAsTheTrialsChanges) {
  SectioningEnv env;
  MakeTrial(env, "t1");
  ASSERT_EQ(LockCall(env, "t1", true), grpc::StatusCode::OK);
  ASSERT_EQ(LockCall(env, "t1", true), grpc::StatusCode::OK);  // no change, no row
  ASSERT_EQ(LockCall(env, "t1", false), grpc::StatusCode::OK);
  ASSERT_EQ(Activate(env, TrialName("t1")), grpc::StatusCode::OK);
  MakeTrial(env, "t2");
  ASSERT_EQ(Activate(env, TrialName("t2")), grpc::StatusCode::OK);

  v1::ListScheduleChangesRequest request;
  request.set_parent(TrialName("t1"));
  v1::ListScheduleChangesResponse response;
  ASSERT_TRUE(
      env.rosters().ListScheduleChanges(SectioningEnv::Scheduler().get(), request, &response).ok());
  std::vector<std::string> actions;
  for (const v1::ScheduleChange& c : response.changes()) actions.push_back(c.action_name());
  EXPECT_EQ(actions, (std::vector<std::string>{"TRIAL_ACTIVATE", "TRIAL_UNLOCK", "TRIAL_LOCK",
                                               "TRIAL_CREATE"}));
  EXPECT_EQ(response.changes(0).actor(), "service:sis");
  EXPECT_EQ(Rows(env,
                 "SELECT detail FROM schedule_changes WHERE trial_id = 't2' AND "
                 "action = 'TRIAL_ACTIVATE'"),
            (std::vector<std::string>{R"({"previous_active":"t1"})"}));
}

TEST(TrialsTest, CopyCopiesEveryRowOfTheScheduleInOneGo) {
  SectioningEnv env;
  MakeTrial(env, "source", "Fall");
  SeedSchedule(env, "source");
  ASSERT_EQ(LockCall(env, "source", true), grpc::StatusCode::OK) << "a locked trial is copied";

  v1::CopyTrialRequest request;
  request.set_name(TrialName("source"));
  request.set_trial_id("copy");
  request.set_request_id("copy-req-1");
  v1::Trial copy;
  grpc::Status status = env.trials().CopyTrial(SectioningEnv::Scheduler().get(), request, &copy);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(copy.name(), TrialName("copy"));
  EXPECT_EQ(copy.display_name(), "Copy of Fall");
  EXPECT_EQ(copy.copied_from(), TrialName("source"));
  EXPECT_EQ(copy.state(), v1::Trial::DRAFT);
  EXPECT_FALSE(copy.locked());
  EXPECT_EQ(copy.section_count(), 3);
  EXPECT_EQ(Count(env,
                  "SELECT count(*) FROM schedule_changes WHERE trial_id = 'copy' AND action = "
                  "'TRIAL_COPY' AND detail::jsonb ->> 'from_trial' = 'source'"),
            1);
  for (const char* table :
       {"sections", "section_teachers", "section_meetings", "enrollments", "unmet_requests"}) {
    std::vector<std::string> source_rows = TableRows(env, table, "source");
    EXPECT_FALSE(source_rows.empty()) << table;
    EXPECT_EQ(TableRows(env, table, "copy"), source_rows) << table;
  }

  // A retry returns the first copy; a taken id is ALREADY_EXISTS; an unknown source NOT_FOUND.
  v1::Trial again;
  ASSERT_TRUE(env.trials().CopyTrial(SectioningEnv::Scheduler().get(), request, &again).ok());
  EXPECT_EQ(again.name(), copy.name());
  EXPECT_EQ(Count(env, "SELECT count(*) FROM sections"), 6);
  request.set_request_id("copy-req-2");
  EXPECT_EQ(env.trials().CopyTrial(SectioningEnv::Scheduler().get(), request, &again).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  request.set_name(TrialName("nope"));
  request.set_trial_id("");
  request.set_request_id("");
  EXPECT_EQ(env.trials().CopyTrial(SectioningEnv::Scheduler().get(), request, &again).error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_name(TrialName("source"));
  request.set_trial_id("Not An Id");
  EXPECT_EQ(env.trials().CopyTrial(SectioningEnv::Scheduler().get(), request, &again).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Count(env, "SELECT count(*) FROM trials"), 2) << "refusals wrote nothing";

  // Named and with a generated id.
  request.set_trial_id("");
  request.set_display_name("Spring");
  ASSERT_TRUE(env.trials().CopyTrial(SectioningEnv::Scheduler().get(), request, &again).ok());
  EXPECT_EQ(again.display_name(), "Spring");
  EXPECT_NE(again.name(), copy.name());
  EXPECT_EQ(again.section_count(), 3);
}

TEST(TrialsTest, ALockedTrialRefusesWritesUntilUnlocked) {
  SectioningEnv env;
  MakeTrial(env, "t1");
  v1::Trial locked;
  ASSERT_EQ(LockCall(env, "t1", true, &locked), grpc::StatusCode::OK);
  EXPECT_TRUE(locked.locked());
  EXPECT_EQ(LockCall(env, "t1", true), grpc::StatusCode::OK) << "idempotent";

  v1::Trial updated;
  EXPECT_EQ(Rename(env, "t1", "x", {"display_name"}, &updated).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Delete(env, "t1"), grpc::StatusCode::FAILED_PRECONDITION);
  v1::StartJobRequest start;
  start.set_parent(TrialName("t1"));
  start.set_type(v1::Job::COUNT_SECTIONS);
  v1::Job job;
  EXPECT_EQ(env.trials().StartJob(SectioningEnv::Scheduler().get(), start, &job).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // A job that started before the lock fails where it saves.
  absl::Status saved = pg::WithTransaction(env.pool(), [&](pqxx::work& tx) {
    return PgSectionCounts::RecordCount(tx, {SectioningEnv::kCalendar, "t1"}, "job-1", 0);
  });
  EXPECT_EQ(saved.code(), absl::StatusCode::kFailedPrecondition) << saved;
  EXPECT_EQ(Count(env, "SELECT count(*) FROM section_counts"), 0);

  v1::Trial unlocked;
  ASSERT_EQ(LockCall(env, "t1", false, &unlocked), grpc::StatusCode::OK);
  EXPECT_FALSE(unlocked.locked());
  EXPECT_TRUE(Rename(env, "t1", "x", {"display_name"}, &updated).ok());
  grpc::Status started = env.trials().StartJob(SectioningEnv::Scheduler().get(), start, &job);
  EXPECT_TRUE(started.ok()) << started.error_message();
  EXPECT_EQ(LockCall(env, "nope", true), grpc::StatusCode::NOT_FOUND);
}

TEST(TrialsTest, LockWaitsForAWriteInFlightAndRefusesTheNext) {
  SectioningEnv env;
  MakeTrial(env, "t1");
  const TrialKey key{SectioningEnv::kCalendar, "t1"};
  std::promise<void> guarded, release;
  std::thread writer([&] {
    bool first_attempt = true;
    absl::Status written = pg::WithTransaction(env.pool(), [&](pqxx::work& tx) -> absl::Status {
      if (absl::Status guard = GuardTrialWrite(tx, key); !guard.ok()) return guard;
      tx.exec(
          "INSERT INTO sections (calendar_id, trial_id, section_id, course_id, capacity) "
          "VALUES ('east-2026', 't1', 's1', 'eng9', 30)");
      if (first_attempt) {
        first_attempt = false;
        guarded.set_value();
        release.get_future().wait();
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(written.ok()) << written;
  });
  guarded.get_future().wait();
  std::future<grpc::StatusCode> lock =
      std::async(std::launch::async, [&] { return LockCall(env, "t1", true); });
  EXPECT_EQ(lock.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout)
      << "LockTrial waits for the write in flight";
  release.set_value();
  writer.join();
  EXPECT_EQ(lock.get(), grpc::StatusCode::OK);
  EXPECT_EQ(Get(env, "t1").section_count(), 1) << "the write that started first landed";

  absl::Status next = pg::WithTransaction(
      env.pool(), [&](pqxx::work& tx) -> absl::Status { return GuardTrialWrite(tx, key); });
  EXPECT_EQ(next.code(), absl::StatusCode::kFailedPrecondition) << next;
}

TEST(TrialsTest, ActivateSwitchesTheOneActiveTrial) {
  SectioningEnv env;
  MakeTrial(env, "a");
  MakeTrial(env, "b");
  ASSERT_EQ(LockCall(env, "a", true), grpc::StatusCode::OK);
  v1::Trial active;
  ASSERT_EQ(Activate(env, TrialName("a"), &active), grpc::StatusCode::OK)
      << "a lock guards the schedule, not which trial is live";
  EXPECT_EQ(active.state(), v1::Trial::ACTIVE);
  EXPECT_EQ(Activate(env, TrialName("a")), grpc::StatusCode::OK) << "idempotent";
  ASSERT_EQ(Activate(env, TrialName("b"), &active), grpc::StatusCode::OK);
  EXPECT_EQ(active.state(), v1::Trial::ACTIVE);
  EXPECT_EQ(Get(env, "a").state(), v1::Trial::DRAFT);
  EXPECT_EQ(Rows(env, "SELECT trial_id FROM trials WHERE state = 'ACTIVE'"),
            std::vector<std::string>{"b"});
  EXPECT_EQ(Activate(env, TrialName("nope")), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Activate(env, "trials/b"), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST(TrialsTest, WritesNeedAnApprovedCalendarAndReadsDoNot) {
  SectioningEnv env;
  const std::string draft = "north-2026";
  env.schools().Set(draft, SectioningEnv::kSchool);
  env.catalog().SetCalendar({.id = draft,
                             .school_id = SectioningEnv::kSchool,
                             .state = catalog::CatalogCalendarState::kDraft});
  // A trial made while the calendar was APPROVED, before it was reopened.
  Exec(env, "INSERT INTO trials (calendar_id, trial_id, display_name, creator) VALUES ('" + draft +
                "', 't1', 'Early', 'x')");

  v1::CreateTrialRequest create;
  create.set_parent(CalendarName(draft));
  create.mutable_trial()->set_display_name("Too soon");
  v1::Trial out;
  EXPECT_EQ(env.trials().CreateTrial(SectioningEnv::Scheduler().get(), create, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  grpc::Status activated = [&] {
    v1::ActivateTrialRequest request;
    request.set_name(TrialName("t1", draft));
    return env.trials().ActivateTrial(SectioningEnv::Scheduler().get(), request, &out);
  }();
  EXPECT_EQ(activated.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(activated.error_message().find("DRAFT"), std::string::npos)
      << activated.error_message();
  v1::LockTrialRequest lock;
  lock.set_name(TrialName("t1", draft));
  EXPECT_EQ(env.trials().LockTrial(SectioningEnv::Scheduler().get(), lock, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::DeleteTrialRequest del;
  del.set_name(TrialName("t1", draft));
  google::protobuf::Empty empty;
  EXPECT_EQ(env.trials().DeleteTrial(SectioningEnv::Scheduler().get(), del, &empty).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::CopyTrialRequest copy;
  copy.set_name(TrialName("t1", draft));
  EXPECT_EQ(env.trials().CopyTrial(SectioningEnv::Scheduler().get(), copy, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::StartJobRequest start;
  start.set_parent(TrialName("t1", draft));
  start.set_type(v1::Job::COUNT_SECTIONS);
  v1::Job job;
  EXPECT_EQ(env.trials().StartJob(SectioningEnv::Scheduler().get(), start, &job).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::GetTrialRequest get;
  get.set_name(TrialName("t1", draft));
  ASSERT_TRUE(env.trials().GetTrial(SectioningEnv::Scheduler().get(), get, &out).ok());
  EXPECT_EQ(out.state(), v1::Trial::DRAFT);
  EXPECT_FALSE(out.locked());
  v1::ListTrialsRequest list;
  list.set_parent(CalendarName(draft));
  v1::ListTrialsResponse listed;
  ASSERT_TRUE(env.trials().ListTrials(SectioningEnv::Scheduler().get(), list, &listed).ok());
  EXPECT_EQ(listed.trials_size(), 1);
}

TEST(TrialsTest, ConcurrentActivationsLeaveExactlyOneActiveTrial) {
  SectioningEnv env;
  const std::vector<std::string> ids = {"a", "b", "c", "d"};
  for (const std::string& id : ids) MakeTrial(env, id);
  for (int round = 0; round < 10; ++round) {
    // Odd rounds start with no ACTIVE trial (every activation finds nothing to demote), even
    // rounds with one.
    if (round % 2 == 1) Exec(env, "UPDATE trials SET state = 'DRAFT'");
    std::latch start(static_cast<std::ptrdiff_t>(ids.size()));
    std::vector<grpc::StatusCode> codes(ids.size(), grpc::StatusCode::UNKNOWN);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < ids.size(); ++i) {
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        codes[i] = Activate(env, TrialName(ids[i]));
      });
    }
    for (std::thread& t : threads) t.join();
    for (size_t i = 0; i < ids.size(); ++i) {
      EXPECT_EQ(codes[i], grpc::StatusCode::OK) << "round " << round << " trial " << ids[i];
    }
    EXPECT_EQ(Count(env, "SELECT count(*) FROM trials WHERE state = 'ACTIVE'"), 1)
        << "round " << round;
  }
}

TEST(TrialsTest, CompareShowsCoursesStudentsAndTotals) {
  SectioningEnv env;
  MakeTrial(env, "a");
  SeedSchedule(env, "a");
  v1::CopyTrialRequest copy;
  copy.set_name(TrialName("a"));
  copy.set_trial_id("b");
  v1::Trial b;
  ASSERT_TRUE(env.trials().CopyTrial(SectioningEnv::Scheduler().get(), copy, &b).ok());
  // In b: eng9-2 moves to period 4, p2's unmet alg1 request is met in alg1-1, a new art section.
  const std::string kb = "'" + std::string(SectioningEnv::kCalendar) + "', 'b'";
  Exec(env,
       "UPDATE section_meetings SET period = 4 WHERE trial_id = 'b' AND section_id = 'eng9-2'");
  Exec(env, "DELETE FROM unmet_requests WHERE trial_id = 'b'");
  Exec(env,
       "INSERT INTO enrollments (calendar_id, trial_id, section_id, student_id, course_id, "
       "source, request_rank) VALUES (" +
           kb + ", 'alg1-1', 'p2', 'alg1', 'ENGINE', 0)");
  Exec(env,
       "INSERT INTO sections (calendar_id, trial_id, section_id, course_id, capacity) "
       "VALUES (" +
           kb + ", 'art-1', 'art', 20)");

  v1::CompareTrialsRequest request;
  request.set_name(TrialName("a"));
  request.set_other(TrialName("b"));
  v1::CompareTrialsResponse response;
  grpc::Status status =
      env.trials().CompareTrials(SectioningEnv::Scheduler().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.summary_a().sections(), 3);
  EXPECT_EQ(response.summary_b().sections(), 4);
  EXPECT_EQ(response.summary_a().seats(), 83);
  EXPECT_EQ(response.summary_b().seats(), 103);
  EXPECT_EQ(response.summary_a().students(), 3);
  EXPECT_EQ(response.summary_a().students_complete(), 2);
  EXPECT_EQ(response.summary_b().students_complete(), 3);
  EXPECT_EQ(response.summary_a().primary_requests_met(), 2);
  EXPECT_EQ(response.summary_b().primary_requests_met(), 3);
  EXPECT_EQ(response.summary_a().requests_met(), 3);
  EXPECT_EQ(response.summary_a().unmet_requests(), 1);
  EXPECT_EQ(response.summary_b().unmet_requests(), 0);
  ASSERT_EQ(response.courses_size(), 3);
  EXPECT_EQ(response.courses(0).course_id(), "alg1");
  EXPECT_EQ(response.courses(0).placements_differ(), 0);
  EXPECT_EQ(response.courses(1).course_id(), "art");
  EXPECT_EQ(response.courses(1).unmatched_sections(), 1);
  EXPECT_EQ(response.courses(2).course_id(), "eng9");
  EXPECT_EQ(response.courses(2).placements_differ(), 1);
  EXPECT_EQ(response.courses(2).seats_a(), 55);
  EXPECT_EQ(response.changed_courses(), 2);
  ASSERT_EQ(response.students_size(), 3);
  EXPECT_EQ(response.students(1).student_id(), "p2");
  EXPECT_FALSE(response.students(1).complete_a());
  EXPECT_TRUE(response.students(1).complete_b());
  EXPECT_EQ(response.students(1).primary_requests_met_b(), 2);
  EXPECT_EQ(response.changed_students(), 1);

  // Paged and filtered students.
  request.set_page_size(1);
  request.set_changed_students_only(true);
  ASSERT_TRUE(
      env.trials().CompareTrials(SectioningEnv::Scheduler().get(), request, &response).ok());
  ASSERT_EQ(response.students_size(), 1);
  EXPECT_EQ(response.students(0).student_id(), "p2");
  request.set_page_size(2);
  request.set_changed_students_only(false);
  ASSERT_TRUE(
      env.trials().CompareTrials(SectioningEnv::Scheduler().get(), request, &response).ok());
  EXPECT_EQ(response.students_size(), 2);
  ASSERT_FALSE(response.next_page_token().empty());
  request.set_page_token(response.next_page_token());
  response.Clear();
  ASSERT_TRUE(
      env.trials().CompareTrials(SectioningEnv::Scheduler().get(), request, &response).ok());
  ASSERT_EQ(response.students_size(), 1);
  EXPECT_EQ(response.students(0).student_id(), "p3");
  EXPECT_TRUE(response.next_page_token().empty());

  // Refusals: two calendars, an unknown trial.
  request.set_page_token("");
  request.set_other(TrialName("b", SectioningEnv::kOtherCalendar));
  EXPECT_EQ(
      env.trials().CompareTrials(SectioningEnv::Scheduler().get(), request, &response).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  request.set_other(TrialName("nope"));
  EXPECT_EQ(
      env.trials().CompareTrials(SectioningEnv::Scheduler().get(), request, &response).error_code(),
      grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace secsched::sectioning::testing
