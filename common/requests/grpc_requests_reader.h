// RequestsReader answered by the requests service: RequestsService.GetStudent and
// RequestPlanningService.ListCourseRules (every page), with a service token (scope `reader`).
// Course rules are cached per (calendar, course) for a short time (`ttl`, 5 s by default), so a
// burst of walk-ins does not page through the rules each time; students are not cached (a team
// change must be seen at once). Errors are not cached.
#pragma once

#include <grpcpp/channel.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "common/config/config.h"
#include "common/requests/requests_reader.h"

namespace secsched::requests {

struct GrpcRequestsReaderOptions {
  std::chrono::milliseconds ttl{5000};  // 0 = no cache
  std::chrono::milliseconds deadline{5000};
  int page_size = 1000;
  std::chrono::milliseconds snapshot_deadline{60000};
};

class GrpcRequestsReader final : public RequestsReader {
 public:
  using TokenSource = std::function<absl::StatusOr<std::string>()>;

  GrpcRequestsReader(std::shared_ptr<grpc::Channel> requests, TokenSource token,
                     GrpcRequestsReaderOptions options = {});
  ~GrpcRequestsReader() override;

  absl::StatusOr<RequestsStudent> Student(std::string_view calendar_id,
                                          std::string_view student_id) override;
  absl::StatusOr<std::vector<RequestsCourseRule>> CourseRules(std::string_view calendar_id,
                                                              std::string_view course_id) override;
  // RequestPlanningService.StreamSchedulingSnapshot; not cached. Deadline: snapshot_deadline.
  absl::StatusOr<RequestsSnapshot> Snapshot(std::string_view calendar_id) override;

 private:
  struct Stubs;
  struct CachedRules {
    std::chrono::steady_clock::time_point fetched;
    std::vector<RequestsCourseRule> rules;
  };
  absl::StatusOr<std::vector<RequestsCourseRule>> FetchRules(std::string_view calendar_id,
                                                             std::string_view course_id);

  std::unique_ptr<Stubs> stubs_;
  TokenSource token_;
  GrpcRequestsReaderOptions options_;
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, CachedRules> rules_;  // guarded by mutex_
};

// --requests-address (SECSCHED_REQUESTS_ADDR): what a service reading students adds to its
// extra_settings.
std::vector<Setting> RequestsClientSettings();

}  // namespace secsched::requests
