#include "common/requests/grpc_requests_reader.h"

#include "common/grpc/client.h"
#include "secsched/requests/v1/planning.grpc.pb.h"
#include "secsched/requests/v1/requests.grpc.pb.h"

namespace secsched::requests {
namespace {

constexpr int kMaxPages = 1000;
constexpr size_t kMaxCached = 10000;

std::string LastSegment(const std::string& name) {
  size_t slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

// NOT_FOUND passes through (the caller named an unknown student or calendar); anything else is
// the requests service failing us, not the caller's fault: UNAVAILABLE.
absl::Status RequestsError(const grpc::Status& status, std::string_view what) {
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return absl::NotFoundError(std::string(what) + " not found: " + status.error_message());
  }
  return absl::UnavailableError("Cannot read " + std::string(what) +
                                " from the requests service: " + status.error_message());
}

std::optional<RequestsRuleType> TypeOf(v1::CourseRule::Type type) {
  switch (type) {
    case v1::CourseRule::SAME_PERIOD:
      return RequestsRuleType::kSamePeriod;
    case v1::CourseRule::NOT_SAME_PERIOD:
      return RequestsRuleType::kNotSamePeriod;
    case v1::CourseRule::SAME_TERM:
      return RequestsRuleType::kSameTerm;
    case v1::CourseRule::DIFFERENT_TERM:
      return RequestsRuleType::kDifferentTerm;
    case v1::CourseRule::PRECEDES:
      return RequestsRuleType::kPrecedes;
    case v1::CourseRule::LINKED:
      return RequestsRuleType::kLinked;
    default:
      return std::nullopt;
  }
}

}  // namespace

struct GrpcRequestsReader::Stubs {
  std::unique_ptr<v1::RequestsService::Stub> requests;
  std::unique_ptr<v1::RequestPlanningService::Stub> planning;
};

GrpcRequestsReader::GrpcRequestsReader(std::shared_ptr<grpc::Channel> requests, TokenSource token,
                                       GrpcRequestsReaderOptions options)
    : stubs_(std::make_unique<Stubs>(Stubs{v1::RequestsService::NewStub(requests),
                                           v1::RequestPlanningService::NewStub(requests)})),
      token_(std::move(token)),
      options_(options) {}

GrpcRequestsReader::~GrpcRequestsReader() = default;

absl::StatusOr<RequestsStudent> GrpcRequestsReader::Student(std::string_view calendar_id,
                                                            std::string_view student_id) {
  absl::StatusOr<std::string> token = token_();
  if (!token.ok()) return token.status();
  grpc::ClientContext context;
  PrepareClientContext(context, *token, "", options_.deadline);
  v1::GetStudentRequest request;
  request.set_name("calendars/" + std::string(calendar_id) + "/students/" +
                   std::string(student_id));
  v1::Student student;
  grpc::Status status = stubs_->requests->GetStudent(&context, request, &student);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return absl::NotFoundError("Student " + std::string(student_id) + " not found in calendar " +
                               std::string(calendar_id) + ".");
  }
  if (!status.ok()) return RequestsError(status, "student " + std::string(student_id));
  return RequestsStudent{.id = LastSegment(student.name()),
                         .grade = student.grade(),
                         .team_id = LastSegment(student.team()),
                         .active = student.active()};
}

absl::StatusOr<std::vector<RequestsCourseRule>> GrpcRequestsReader::CourseRules(
    std::string_view calendar_id, std::string_view course_id) {
  std::pair<std::string, std::string> key{std::string(calendar_id), std::string(course_id)};
  auto now = std::chrono::steady_clock::now();
  if (options_.ttl.count() > 0) {
    std::lock_guard lock(mutex_);
    if (auto it = rules_.find(key); it != rules_.end() && now - it->second.fetched < options_.ttl) {
      return it->second.rules;
    }
  }
  absl::StatusOr<std::vector<RequestsCourseRule>> rules = FetchRules(calendar_id, course_id);
  if (!rules.ok() || options_.ttl.count() == 0) return rules;
  std::lock_guard lock(mutex_);
  if (rules_.size() >= kMaxCached) rules_.clear();
  rules_[key] = {now, *rules};
  return rules;
}

absl::StatusOr<std::vector<RequestsCourseRule>> GrpcRequestsReader::FetchRules(
    std::string_view calendar_id, std::string_view course_id) {
  absl::StatusOr<std::string> token = token_();
  if (!token.ok()) return token.status();
  std::vector<RequestsCourseRule> out;
  std::string page_token;
  for (int page = 0; page < kMaxPages; ++page) {
    grpc::ClientContext context;
    PrepareClientContext(context, *token, "", options_.deadline);
    v1::ListCourseRulesRequest request;
    request.set_parent("calendars/" + std::string(calendar_id));
    if (!course_id.empty()) {
      request.set_course("calendars/" + std::string(calendar_id) + "/courses/" +
                         std::string(course_id));
    }
    request.set_page_size(options_.page_size);
    request.set_page_token(page_token);
    v1::ListCourseRulesResponse response;
    grpc::Status status = stubs_->planning->ListCourseRules(&context, request, &response);
    if (!status.ok()) return RequestsError(status, "the course rules of " + std::string(course_id));
    for (const v1::CourseRule& rule : response.course_rules()) {
      std::optional<RequestsRuleType> type = TypeOf(rule.type());
      if (!type) continue;  // a type this reader does not know yet
      out.push_back({.type = *type,
                     .scope = rule.scope() == v1::CourseRule::MASTER ? RequestsRuleScope::kMaster
                                                                     : RequestsRuleScope::kStudent,
                     .course_a = LastSegment(rule.course_a()),
                     .course_b = LastSegment(rule.course_b())});
    }
    if (response.next_page_token().empty()) return out;
    page_token = response.next_page_token();
  }
  return absl::UnavailableError("The requests service returned too many pages of course rules.");
}

absl::StatusOr<RequestsSnapshot> GrpcRequestsReader::Snapshot(std::string_view calendar_id) {
  absl::StatusOr<std::string> token = token_();
  if (!token.ok()) return token.status();
  grpc::ClientContext context;
  PrepareClientContext(context, *token, "", options_.snapshot_deadline);
  v1::StreamSchedulingSnapshotRequest request;
  request.set_parent("calendars/" + std::string(calendar_id));
  std::unique_ptr<grpc::ClientReader<v1::SchedulingSnapshotChunk>> reader =
      stubs_->planning->StreamSchedulingSnapshot(&context, request);
  RequestsSnapshot out;
  v1::SchedulingSnapshotChunk chunk;
  int total = -1;
  while (reader->Read(&chunk)) {
    total = chunk.total_students();
    for (const v1::CourseRule& rule : chunk.course_rules()) {
      std::optional<RequestsRuleType> type = TypeOf(rule.type());
      if (!type) continue;  // a type this reader does not know yet
      out.rules.push_back({.type = *type,
                           .scope = rule.scope() == v1::CourseRule::MASTER
                                        ? RequestsRuleScope::kMaster
                                        : RequestsRuleScope::kStudent,
                           .course_a = LastSegment(rule.course_a()),
                           .course_b = LastSegment(rule.course_b())});
    }
    for (const v1::SnapshotStudent& s : chunk.students()) {
      const std::string id = s.student().student_number();
      out.students.push_back({.id = id,
                              .grade = s.student().grade(),
                              .team_id = LastSegment(s.student().team()),
                              .active = s.student().active(),
                              .display_name = s.student().display_name(),
                              .gender = s.student().gender()});
      for (const v1::CourseRequest& r : s.course_requests()) {
        out.requests.push_back({.student_id = id,
                                .request_id = LastSegment(r.name()),
                                .course_id = LastSegment(r.course()),
                                .alternate = r.kind() == v1::ALTERNATE,
                                .required = r.required(),
                                .priority = r.priority(),
                                .alternate_for = r.alternate_for().empty()
                                                     ? std::string()
                                                     : LastSegment(r.alternate_for()),
                                .alternate_rank = r.alternate_rank()});
      }
      for (const v1::StudentConstraint& c : s.student_constraints()) {
        out.constraints.push_back(
            {.student_id = id,
             .kind = c.kind() == v1::StudentConstraint::AVOID_TEACHER
                         ? RequestsConstraintKind::kAvoidTeacher
                         : RequestsConstraintKind::kKeepPeriodFree,
             .teacher_id = c.teacher().empty() ? std::string() : LastSegment(c.teacher()),
             .period = c.period(),
             .term_id = c.term()});
      }
    }
  }
  grpc::Status status = reader->Finish();
  if (!status.ok())
    return RequestsError(status, "the requests of calendar " + std::string(calendar_id));
  if (total != static_cast<int>(out.students.size())) {
    return absl::UnavailableError("The requests service's snapshot of calendar " +
                                  std::string(calendar_id) + " ended early.");
  }
  return out;
}

std::vector<Setting> RequestsClientSettings() {
  return {{.flag = "requests-address",
           .env = "SECSCHED_REQUESTS_ADDR",
           .default_value = "127.0.0.1:50053",
           .help = "the requests service (students, teams, course rules), host:port",
           .validate = HostPort()}};
}

}  // namespace secsched::requests
