#include "services/sectioning/clients/grpc_course_rule_reader.h"

#include "common/grpc/client.h"
#include "secsched/requests/v1/planning.grpc.pb.h"

namespace secsched::sectioning {
namespace {

constexpr int kMaxPages = 10000;
constexpr size_t kMaxCalendars = 1000;

std::string LastSegment(const std::string& name) {
  size_t slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

}  // namespace

struct GrpcCourseRuleReader::Stub {
  std::unique_ptr<requests::v1::RequestPlanningService::Stub> planning;
};

GrpcCourseRuleReader::GrpcCourseRuleReader(std::shared_ptr<grpc::Channel> requests,
                                           TokenSource token, std::chrono::milliseconds ttl)
    : stub_(std::make_unique<Stub>(Stub{requests::v1::RequestPlanningService::NewStub(requests)})),
      token_(std::move(token)),
      ttl_(ttl) {}

GrpcCourseRuleReader::~GrpcCourseRuleReader() = default;

absl::StatusOr<std::vector<NotSamePeriodRule>> GrpcCourseRuleReader::Fetch(
    std::string_view calendar_id) {
  absl::StatusOr<std::string> token = token_();
  if (!token.ok()) return token.status();
  std::vector<NotSamePeriodRule> rules;
  std::string page_token;
  for (int page = 0; page < kMaxPages; ++page) {
    grpc::ClientContext context;
    PrepareClientContext(context, *token, "", std::chrono::seconds(10));
    requests::v1::ListCourseRulesRequest request;
    request.set_parent("calendars/" + std::string(calendar_id));
    request.set_page_size(1000);
    request.set_page_token(page_token);
    requests::v1::ListCourseRulesResponse response;
    grpc::Status status = stub_->planning->ListCourseRules(&context, request, &response);
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      return absl::NotFoundError("Calendar " + std::string(calendar_id) + " not found.");
    }
    if (!status.ok()) {
      return absl::UnavailableError("Cannot read the course rules of calendar " +
                                    std::string(calendar_id) +
                                    " from the requests service: " + status.error_message());
    }
    for (const requests::v1::CourseRule& rule : response.course_rules()) {
      if (rule.type() == requests::v1::CourseRule::NOT_SAME_PERIOD &&
          rule.scope() == requests::v1::CourseRule::MASTER) {
        rules.push_back({LastSegment(rule.course_a()), LastSegment(rule.course_b())});
      }
    }
    if (response.next_page_token().empty()) return rules;
    page_token = response.next_page_token();
  }
  return absl::UnavailableError("The requests service returned too many pages of course rules.");
}

absl::StatusOr<std::vector<NotSamePeriodRule>> GrpcCourseRuleReader::MasterNotSamePeriodRules(
    std::string_view calendar_id) {
  const auto now = std::chrono::steady_clock::now();
  if (ttl_.count() > 0) {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(calendar_id); it != cache_.end() && now - it->second.fetched < ttl_) {
      return it->second.rules;
    }
  }
  absl::StatusOr<std::vector<NotSamePeriodRule>> fetched = Fetch(calendar_id);
  if (!fetched.ok() || ttl_.count() == 0) return fetched;
  std::lock_guard lock(mutex_);
  if (cache_.size() >= kMaxCalendars) cache_.clear();
  cache_[std::string(calendar_id)] = {now, *fetched};
  return fetched;
}

}  // namespace secsched::sectioning
