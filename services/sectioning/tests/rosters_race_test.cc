// Walk-ins racing on real PostgreSQL: 100 clients (threads, each with its own gRPC context) for a
// section's last seats, and one student's concurrent adds into two clashing sections. The
// threads start together at a latch; nothing sleeps.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>

#include "services/sectioning/tests/roster_seed.h"
#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::testing {
namespace {

grpc::Status AddAs(SectioningEnv& env, const RosterSeed& seed, const std::string& section,
                   const std::string& student) {
  v1::AddStudentToSectionRequest request;
  request.set_parent(seed.SectionName(section));
  request.set_student(student);
  v1::Enrollment out;
  std::unique_ptr<grpc::ClientContext> context = SectioningEnv::Scheduler();
  return env.rosters().AddStudentToSection(context.get(), request, &out);
}

TEST(RostersRaceTest, HundredClientsForSevenFreeSeatsGetExactlySeven) {
  SectioningEnv env;
  RosterSeed seed(env.pool(), SectioningEnv::kCalendar, "race");
  seed.Trial();
  seed.Section({.id = "chem-1", .course = "chem", .capacity = 10, .meetings = {{"s1", 3, ""}}});
  constexpr int kClients = 100;
  for (int i = 0; i < kClients + 3; ++i) {
    env.students().Set(SectioningEnv::kCalendar, {.student_id = "st" + std::to_string(i)});
  }
  for (int i = kClients; i < kClients + 3; ++i) {
    ASSERT_TRUE(AddAs(env, seed, "chem-1", "st" + std::to_string(i)).ok());
  }

  std::atomic<int> succeeded{0};
  std::atomic<int> refused_full{0};
  std::atomic<int> other{0};
  std::latch start(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      start.arrive_and_wait();
      grpc::Status status = AddAs(env, seed, "chem-1", "st" + std::to_string(i));
      if (status.ok()) {
        ++succeeded;
      } else if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
                 status.error_message().find("is full") != std::string::npos) {
        ++refused_full;
      } else {
        ++other;
        ADD_FAILURE() << status.error_code() << " " << status.error_message();
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(succeeded.load(), 7);
  EXPECT_EQ(refused_full.load(), kClients - 7);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(seed.Enrolled("chem-1"), 10);
  EXPECT_EQ(seed.StoredEnrolled("chem-1"), 10) << "the count kept on the section";
}

// 25 students, each raced for by 4 clients (2 into each of two clashing sections of different
// courses): every student ends in exactly one. Without the student's advisory lock two adds for
// one student lock different section rows and both pass the clash check.
TEST(RostersRaceTest, AStudentRacingIntoTwoClashingSectionsGetsAtMostOne) {
  SectioningEnv env;
  RosterSeed seed(env.pool(), SectioningEnv::kCalendar, "clash");
  seed.Trial();
  seed.Section({.id = "art-1", .course = "art", .capacity = 100, .meetings = {{"s1", 4, ""}}});
  seed.Section({.id = "music-1", .course = "music", .capacity = 100, .meetings = {{"s1", 4, "A"}}});
  constexpr int kStudents = 25;
  constexpr int kClientsPerStudent = 4;
  for (int s = 0; s < kStudents; ++s) {
    env.students().Set(SectioningEnv::kCalendar, {.student_id = "solo" + std::to_string(s)});
  }

  std::atomic<int> succeeded{0};
  std::latch start(kStudents * kClientsPerStudent);
  std::vector<std::thread> clients;
  for (int i = 0; i < kStudents * kClientsPerStudent; ++i) {
    clients.emplace_back([&, i] {
      start.arrive_and_wait();
      grpc::Status status = AddAs(env, seed, i % 2 == 0 ? "art-1" : "music-1",
                                  "solo" + std::to_string(i / kClientsPerStudent));
      if (status.ok()) {
        ++succeeded;
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
            << status.error_message();
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(succeeded.load(), kStudents);
  for (int s = 0; s < kStudents; ++s) {
    EXPECT_EQ(seed.SectionsOf("solo" + std::to_string(s)).size(), 1u) << "solo" << s;
  }
}

}  // namespace
}  // namespace secsched::sectioning::testing
