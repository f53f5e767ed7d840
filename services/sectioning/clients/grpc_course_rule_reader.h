// CourseRuleReader answered by the requests service (RequestPlanningService.ListCourseRules,
// every page) with a service token: the MASTER-scope NOT_SAME_PERIOD rules the sections' live
// conflicts check. Cached per calendar for a short time (5 s by default), like the catalog reader.
#pragma once

#include <grpcpp/channel.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "services/sectioning/domain/section.h"

namespace secsched::sectioning {

class GrpcCourseRuleReader final : public CourseRuleReader {
 public:
  using TokenSource = std::function<absl::StatusOr<std::string>()>;

  GrpcCourseRuleReader(std::shared_ptr<grpc::Channel> requests, TokenSource token,
                       std::chrono::milliseconds ttl = std::chrono::seconds(5));
  ~GrpcCourseRuleReader() override;

  // NOT_FOUND for an unknown calendar; UNAVAILABLE when the requests service fails.
  absl::StatusOr<std::vector<NotSamePeriodRule>> MasterNotSamePeriodRules(
      std::string_view calendar_id) override;

 private:
  struct Stub;
  struct Entry {
    std::chrono::steady_clock::time_point fetched;
    std::vector<NotSamePeriodRule> rules;
  };
  absl::StatusOr<std::vector<NotSamePeriodRule>> Fetch(std::string_view calendar_id);

  std::unique_ptr<Stub> stub_;
  TokenSource token_;
  std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> cache_;  // guarded by mutex_
};

}  // namespace secsched::sectioning
