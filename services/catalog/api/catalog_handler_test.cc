// The catalog handlers over a real in-process gRPC server, with an in-memory repository: request
// shape, authentication, authorization, idempotency and the error mapping as a client sees them.
#include "services/catalog/api/catalog_handler.h"

#include <gtest/gtest.h>

#include <map>

#include "common/grpc/client.h"
#include "common/grpc/testing/in_process_server.h"
#include "common/status/status.h"

namespace secsched::catalog {
namespace {

class InMemoryCalendars final : public CalendarRepository {
 public:
  absl::StatusOr<Calendar> Create(const Calendar& calendar, std::string_view request_id) override {
    if (auto it = by_request_.find(std::string(request_id)); !request_id.empty() && it != by_request_.end()) {
      return calendars_.at(it->second);
    }
    for (const auto& [id, existing] : calendars_) {
      if (existing.school_id == calendar.school_id && existing.school_year == calendar.school_year) {
        return absl::AlreadyExistsError("That school already has a calendar for that year.");
      }
    }
    calendars_[calendar.id] = calendar;
    if (!request_id.empty()) by_request_[std::string(request_id)] = calendar.id;
    return calendar;
  }
  absl::StatusOr<Calendar> Get(std::string_view id) override {
    auto it = calendars_.find(std::string(id));
    if (it == calendars_.end()) return absl::NotFoundError("Calendar not found.");
    return it->second;
  }
  size_t size() const { return calendars_.size(); }

 private:
  std::map<std::string, Calendar> calendars_;
  std::map<std::string, std::string> by_request_;
};

// The access service's answer for people: staff-granted may schedule at north-middle only.
class FakeAccess final : public access::AccessChecker {
 public:
  absl::StatusOr<access::AccessDecision> Check(std::string_view staff_id,
                                               std::string_view school_id) override {
    if (staff_id == "staff-granted" && school_id == "north-middle") return access::AccessDecision{true, "granted"};
    return access::AccessDecision{false, "no Secondary Scheduling access at " + std::string(school_id)};
  }
};

class CatalogHandlerTest : public ::testing::Test {
 protected:
  CatalogHandlerTest()
      : calendars_(repository_, access_),
        handler_(calendars_, TestJwtVerifier()),
        server_({{&handler_, "secsched.catalog.v1.CatalogService"}}),
        stub_(v1::CatalogService::NewStub(server_.channel())) {}

  grpc::Status Create(const v1::CreateCalendarRequest& request, v1::Calendar* out,
                      const std::vector<std::string>& scopes = {"scheduler"},
                      const std::string& subject = "service:sis") {
    grpc::ClientContext context;
    PrepareClientContext(context, server_.Token(subject, scopes));
    return stub_->CreateCalendar(&context, request, out);
  }

  static v1::CreateCalendarRequest ValidRequest() {
    v1::CreateCalendarRequest request;
    request.set_calendar_id("north-2026");
    request.mutable_calendar()->set_school_id("north-middle");
    request.mutable_calendar()->set_school_year("2026-2027");
    request.mutable_calendar()->set_display_name("North Middle 2026-27");
    return request;
  }

  InMemoryCalendars repository_;
  FakeAccess access_;
  Calendars calendars_;
  CatalogHandler handler_;
  InProcessServer server_;
  std::unique_ptr<v1::CatalogService::Stub> stub_;
};

TEST_F(CatalogHandlerTest, CreatesADraftCalendarNamedByItsId) {
  v1::Calendar created;
  ASSERT_TRUE(Create(ValidRequest(), &created).ok());
  EXPECT_EQ(created.name(), "calendars/north-2026");
  EXPECT_EQ(created.state(), v1::Calendar::DRAFT);
  EXPECT_EQ(created.creator(), "service:sis");
}

TEST_F(CatalogHandlerTest, GeneratesAnIdWhenNoneIsGiven) {
  v1::CreateCalendarRequest request = ValidRequest();
  request.clear_calendar_id();
  v1::Calendar created;
  ASSERT_TRUE(Create(request, &created).ok());
  EXPECT_EQ(created.name().rfind("calendars/cal-", 0), 0u) << created.name();
}

TEST_F(CatalogHandlerTest, ReportsEveryBadFieldAndWritesNothing) {
  v1::CreateCalendarRequest request;
  request.set_calendar_id("Bad Id");
  request.mutable_calendar()->set_school_year("2026-2028");
  v1::Calendar created;
  grpc::Status status = Create(request, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"calendar_id", "calendar.school_id",
                                              "calendar.school_year", "calendar.display_name"}));
  EXPECT_EQ(repository_.size(), 0u);
}

TEST_F(CatalogHandlerTest, RetriedCreateWithTheSameRequestIdReturnsTheFirstCalendar) {
  v1::CreateCalendarRequest request = ValidRequest();
  request.set_request_id("retry-me");
  v1::Calendar first, second;
  ASSERT_TRUE(Create(request, &first).ok());
  ASSERT_TRUE(Create(request, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(repository_.size(), 1u);
}

TEST_F(CatalogHandlerTest, NeedsASchedulingScopeToWriteAndAValidName) {
  v1::Calendar created;
  EXPECT_EQ(Create(ValidRequest(), &created, {"reader"}).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  grpc::ClientContext context;
  PrepareClientContext(context, server_.Token("staff-7", {"reader"}));
  v1::GetCalendarRequest get;
  get.set_name("calendar/north-2026");
  v1::Calendar read;
  EXPECT_EQ(stub_->GetCalendar(&context, get, &read).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(CatalogHandlerTest, PeopleNeedSecondarySchedulingAccessAtThatSchool) {
  v1::Calendar created;
  EXPECT_TRUE(Create(ValidRequest(), &created, {"scheduler"}, "staff-granted").ok());
  v1::CreateCalendarRequest elsewhere = ValidRequest();
  elsewhere.set_calendar_id("south-2026");
  elsewhere.mutable_calendar()->set_school_id("south-high");
  grpc::Status denied = Create(elsewhere, &created, {"scheduler"}, "staff-granted");
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(denied.error_message().find("south-high"), std::string::npos) << denied.error_message();
  EXPECT_EQ(Create(ValidRequest(), &created, {"scheduler"}, "staff-other").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST(SchoolYear, MustBeTwoConsecutiveYears) {
  EXPECT_TRUE(IsValidSchoolYear("2026-2027"));
  EXPECT_FALSE(IsValidSchoolYear("2026-2026"));
  EXPECT_FALSE(IsValidSchoolYear("2026/2027"));
  EXPECT_FALSE(IsValidSchoolYear("26-27"));
  EXPECT_FALSE(IsValidSchoolYear("1999-2000"));
}

}  // namespace
}  // namespace secsched::catalog
