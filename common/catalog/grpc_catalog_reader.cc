#include "common/catalog/grpc_catalog_reader.h"

#include "common/grpc/client.h"
#include "common/status/status.h"
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

CatalogTeacher FromProto(const v1::Teacher& t) {
  CatalogTeacher teacher;
  teacher.id = LastSegment(t.name());
  teacher.staff_id = t.staff_id();
  teacher.display_name = t.display_name();
  teacher.departments.assign(t.departments().begin(), t.departments().end());
  teacher.can_teach_courses.assign(t.can_teach_courses().begin(), t.can_teach_courses().end());
  teacher.max_sections = t.max_sections();
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
};

GrpcCatalogReader::GrpcCatalogReader(std::shared_ptr<grpc::Channel> catalog, TokenSource token,
                                     GrpcCatalogReaderOptions options)
    : stubs_(std::make_unique<Stubs>(
          Stubs{v1::CourseService::NewStub(catalog), v1::ResourceService::NewStub(catalog)})),
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

// On a miss two callers may both fetch; the later answer wins. Cheaper than holding the lock
// across a network call.
absl::StatusOr<std::vector<CatalogCourse>> GrpcCatalogReader::Courses(
    std::string_view calendar_id) {
  const std::string key(calendar_id);
  const auto now = std::chrono::steady_clock::now();
  if (options_.ttl.count() > 0) {
    std::lock_guard lock(mutex_);
    if (auto it = courses_.find(key);
        it != courses_.end() && now - it->second.fetched < options_.ttl) {
      return it->second.values;
    }
  }
  absl::StatusOr<std::vector<CatalogCourse>> fetched = FetchCourses(calendar_id);
  if (!fetched.ok() || options_.ttl.count() == 0) return fetched;
  std::lock_guard lock(mutex_);
  if (courses_.size() >= kMaxCalendars) courses_.clear();
  courses_[key] = {now, *fetched};
  return fetched;
}

absl::StatusOr<std::vector<CatalogTeacher>> GrpcCatalogReader::Teachers(
    std::string_view calendar_id) {
  const std::string key(calendar_id);
  const auto now = std::chrono::steady_clock::now();
  if (options_.ttl.count() > 0) {
    std::lock_guard lock(mutex_);
    if (auto it = teachers_.find(key);
        it != teachers_.end() && now - it->second.fetched < options_.ttl) {
      return it->second.values;
    }
  }
  absl::StatusOr<std::vector<CatalogTeacher>> fetched = FetchTeachers(calendar_id);
  if (!fetched.ok() || options_.ttl.count() == 0) return fetched;
  std::lock_guard lock(mutex_);
  if (teachers_.size() >= kMaxCalendars) teachers_.clear();
  teachers_[key] = {now, *fetched};
  return fetched;
}

}  // namespace secsched::catalog
