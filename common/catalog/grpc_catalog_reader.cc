#include "common/catalog/grpc_catalog_reader.h"

#include "common/grpc/client.h"
#include "common/status/status.h"
#include "secsched/catalog/v1/catalog.grpc.pb.h"
#include "secsched/catalog/v1/courses.grpc.pb.h"
#include "secsched/catalog/v1/resources.grpc.pb.h"

namespace secsched::catalog {
namespace {

// A cache that grew past this many calendars is cleared rather than grown (entries are short
// lived anyway).
constexpr size_t kMaxCalendars = 1000;
// A catalog that keeps handing out page tokens is broken; stop rather than loop forever.
constexpr int kMaxPages = 10000;

TermLength TermLengthOf(v1::TermLength length) {
  switch (length) {
    case v1::SEMESTER:
      return TermLength::kSemester;
    case v1::QUARTER:
      return TermLength::kQuarter;
    default:
      return TermLength::kYear;
  }
}

// The {id} after the last '/' of a resource name.
std::string LastSegment(const std::string& name) {
  size_t slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

CatalogCourse FromProto(const v1::Course& c) {
  CatalogCourse course;
  course.id = LastSegment(c.name());
  course.number = c.number();
  course.display_name = c.display_name();
  course.department = c.department();
  course.credits = c.credits();
  course.min_grade = c.min_grade();
  course.max_grade = c.max_grade();
  course.term_length = TermLengthOf(c.term_length());
  course.periods_per_meeting = c.periods_per_meeting();
  course.sections_to_build = c.sections_to_build();
  course.max_students = c.max_students();
  course.load_priority = c.load_priority();
  course.room_type = c.room_type();
  course.required = c.required();
  course.active = c.active();
  course.tags.assign(c.tags().begin(), c.tags().end());
  return course;
}

std::vector<CatalogUnavailablePeriod> FromProto(
    const google::protobuf::RepeatedPtrField<v1::UnavailablePeriod>& periods) {
  std::vector<CatalogUnavailablePeriod> out;
  for (const v1::UnavailablePeriod& p : periods) out.push_back({p.period(), p.term()});
  return out;
}

CatalogRoom FromProto(const v1::Room& r) {
  return CatalogRoom{.id = LastSegment(r.name()),
                     .number = r.number(),
                     .capacity = r.capacity(),
                     .room_type = r.room_type(),
                     .unavailable = FromProto(r.unavailable()),
                     .active = r.active()};
}

CatalogCalendarState StateOf(v1::Calendar::State state) {
  switch (state) {
    case v1::Calendar::SUBMITTED:
      return CatalogCalendarState::kSubmitted;
    case v1::Calendar::APPROVED:
      return CatalogCalendarState::kApproved;
    case v1::Calendar::RETURNED:
      return CatalogCalendarState::kReturned;
    default:
      return CatalogCalendarState::kDraft;
  }
}

CatalogTeacher FromProto(const v1::Teacher& t) {
  CatalogTeacher teacher;
  teacher.id = LastSegment(t.name());
  teacher.staff_id = t.staff_id();
  teacher.display_name = t.display_name();
  teacher.departments.assign(t.departments().begin(), t.departments().end());
  teacher.can_teach_courses.assign(t.can_teach_courses().begin(), t.can_teach_courses().end());
  teacher.max_sections = t.max_sections();
  teacher.max_sections_per_term = t.max_sections_per_term();
  teacher.unavailable = FromProto(t.unavailable());
  teacher.active = t.active();
  return teacher;
}

// NOT_FOUND passes through (the caller named an unknown calendar); anything else is the catalog
// failing us, not the caller's fault: UNAVAILABLE.
absl::Status CatalogError(const grpc::Status& status, std::string_view calendar_id,
                          std::string_view what) {
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return absl::NotFoundError("Calendar " + std::string(calendar_id) + " not found.");
  }
  return absl::UnavailableError("Cannot read the " + std::string(what) + " of calendar " +
                                std::string(calendar_id) +
                                " from the catalog service: " + status.error_message());
}

// Pages through a List method: `call(token, context, response)`, collecting with `take`.
template <class Response, class Call, class Take>
absl::Status ForEachPage(const GrpcCatalogReader::TokenSource& token_source,
                         std::chrono::milliseconds deadline, std::string_view calendar_id,
                         std::string_view what, Call call, Take take) {
  absl::StatusOr<std::string> token = token_source();
  if (!token.ok()) return token.status();
  std::string page_token;
  for (int page = 0; page < kMaxPages; ++page) {
    grpc::ClientContext context;
    PrepareClientContext(context, *token, "", deadline);
    Response response;
    grpc::Status status = call(context, page_token, response);
    if (!status.ok()) return CatalogError(status, calendar_id, what);
    take(response);
    if (response.next_page_token().empty()) return absl::OkStatus();
    page_token = response.next_page_token();
  }
  return absl::UnavailableError("The catalog service returned too many pages of " +
                                std::string(what) + ".");
}

}  // namespace

struct GrpcCatalogReader::Stubs {
  std::unique_ptr<v1::CourseService::Stub> courses;
  std::unique_ptr<v1::ResourceService::Stub> resources;
  std::unique_ptr<v1::CatalogService::Stub> calendars;
};

GrpcCatalogReader::GrpcCatalogReader(std::shared_ptr<grpc::Channel> catalog, TokenSource token,
                                     GrpcCatalogReaderOptions options)
    : stubs_(std::make_unique<Stubs>(Stubs{v1::CourseService::NewStub(catalog),
                                           v1::ResourceService::NewStub(catalog),
                                           v1::CatalogService::NewStub(catalog)})),
      token_(std::move(token)),
      options_(options) {}

GrpcCatalogReader::~GrpcCatalogReader() = default;

absl::StatusOr<std::vector<CatalogCourse>> GrpcCatalogReader::FetchCourses(
    std::string_view calendar_id) {
  std::vector<CatalogCourse> courses;
  absl::Status status = ForEachPage<v1::ListCoursesResponse>(
      token_, options_.deadline, calendar_id, "courses",
      [&](grpc::ClientContext& context, const std::string& page_token,
          v1::ListCoursesResponse& response) {
        v1::ListCoursesRequest request;
        request.set_parent("calendars/" + std::string(calendar_id));
        request.set_page_size(options_.page_size);
        request.set_page_token(page_token);
        return stubs_->courses->ListCourses(&context, request, &response);
      },
      [&](const v1::ListCoursesResponse& response) {
        for (const v1::Course& c : response.courses()) courses.push_back(FromProto(c));
      });
  if (!status.ok()) return status;
  return courses;
}

absl::StatusOr<std::vector<CatalogTeacher>> GrpcCatalogReader::FetchTeachers(
    std::string_view calendar_id) {
  std::vector<CatalogTeacher> teachers;
  absl::Status status = ForEachPage<v1::ListTeachersResponse>(
      token_, options_.deadline, calendar_id, "teachers",
      [&](grpc::ClientContext& context, const std::string& page_token,
          v1::ListTeachersResponse& response) {
        v1::ListTeachersRequest request;
        request.set_parent("calendars/" + std::string(calendar_id));
        request.set_page_size(options_.page_size);
        request.set_page_token(page_token);
        return stubs_->resources->ListTeachers(&context, request, &response);
      },
      [&](const v1::ListTeachersResponse& response) {
        for (const v1::Teacher& t : response.teachers()) teachers.push_back(FromProto(t));
      });
  if (!status.ok()) return status;
  return teachers;
}

absl::StatusOr<std::vector<CatalogRoom>> GrpcCatalogReader::FetchRooms(
    std::string_view calendar_id) {
  std::vector<CatalogRoom> rooms;
  absl::Status status = ForEachPage<v1::ListRoomsResponse>(
      token_, options_.deadline, calendar_id, "rooms",
      [&](grpc::ClientContext& context, const std::string& page_token,
          v1::ListRoomsResponse& response) {
        v1::ListRoomsRequest request;
        request.set_parent("calendars/" + std::string(calendar_id));
        request.set_page_size(options_.page_size);
        request.set_page_token(page_token);
        return stubs_->resources->ListRooms(&context, request, &response);
      },
      [&](const v1::ListRoomsResponse& response) {
        for (const v1::Room& r : response.rooms()) rooms.push_back(FromProto(r));
      });
  if (!status.ok()) return status;
  return rooms;
}

absl::StatusOr<CatalogCalendar> GrpcCatalogReader::FetchCalendar(std::string_view calendar_id) {
  absl::StatusOr<std::string> token = token_();
  if (!token.ok()) return token.status();
  const std::string name = "calendars/" + std::string(calendar_id);
  CatalogCalendar out{.id = std::string(calendar_id)};
  {
    grpc::ClientContext context;
    PrepareClientContext(context, *token, "", options_.deadline);
    v1::GetCalendarRequest request;
    request.set_name(name);
    v1::Calendar calendar;
    grpc::Status status = stubs_->calendars->GetCalendar(&context, request, &calendar);
    if (!status.ok()) return CatalogError(status, calendar_id, "state");
    out.school_id = calendar.school_id();
    out.state = StateOf(calendar.state());
  }
  {
    grpc::ClientContext context;
    PrepareClientContext(context, *token, "", options_.deadline);
    v1::ListTermsRequest request;
    request.set_parent(name);
    v1::ListTermsResponse terms;
    grpc::Status status = stubs_->calendars->ListTerms(&context, request, &terms);
    if (!status.ok()) return CatalogError(status, calendar_id, "terms");
    for (const v1::Term& t : terms.terms()) {
      out.terms.push_back({LastSegment(t.name()), t.start_date(), t.end_date()});
    }
  }
  {
    grpc::ClientContext context;
    PrepareClientContext(context, *token, "", options_.deadline);
    v1::GetPeriodScheduleRequest request;
    request.set_name(name + "/periodSchedule");
    v1::PeriodSchedule schedule;
    grpc::Status status = stubs_->calendars->GetPeriodSchedule(&context, request, &schedule);
    // A calendar without a bell schedule yet has no periods: nothing can be placed in it.
    if (!status.ok() && status.error_code() != grpc::StatusCode::NOT_FOUND) {
      return CatalogError(status, calendar_id, "period schedule");
    }
    for (const v1::DayType& d : schedule.day_types()) out.day_types.push_back(d.id());
    for (const v1::Period& p : schedule.periods())
      out.periods.push_back({p.number(), p.day_type()});
  }
  return out;
}

template <class T, class Fetch>
absl::StatusOr<T> GrpcCatalogReader::Cached(Cache<T>& cache, std::string_view calendar_id,
                                            Fetch fetch) {
  const std::string key(calendar_id);
  const auto now = std::chrono::steady_clock::now();
  if (options_.ttl.count() > 0) {
    std::lock_guard lock(mutex_);
    if (auto it = cache.find(key); it != cache.end() && now - it->second.fetched < options_.ttl) {
      return it->second.value;
    }
  }
  // On a miss two callers may both fetch; the later answer wins. Cheaper than holding the lock
  // across a network call.
  absl::StatusOr<T> fetched = fetch();
  if (!fetched.ok() || options_.ttl.count() == 0) return fetched;
  std::lock_guard lock(mutex_);
  if (cache.size() >= kMaxCalendars) cache.clear();
  cache[key] = {now, *fetched};
  return fetched;
}

absl::StatusOr<std::vector<CatalogCourse>> GrpcCatalogReader::Courses(
    std::string_view calendar_id) {
  return Cached(courses_, calendar_id, [&] { return FetchCourses(calendar_id); });
}

absl::StatusOr<std::vector<CatalogTeacher>> GrpcCatalogReader::Teachers(
    std::string_view calendar_id) {
  return Cached(teachers_, calendar_id, [&] { return FetchTeachers(calendar_id); });
}

absl::StatusOr<std::vector<CatalogRoom>> GrpcCatalogReader::Rooms(std::string_view calendar_id) {
  return Cached(rooms_, calendar_id, [&] { return FetchRooms(calendar_id); });
}

absl::StatusOr<CatalogCalendar> GrpcCatalogReader::Calendar(std::string_view calendar_id) {
  return Cached(calendars_, calendar_id, [&] { return FetchCalendar(calendar_id); });
}

}  // namespace secsched::catalog
