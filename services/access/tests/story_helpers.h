// Small gRPC helpers shared by the integration tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/testing/servers.h"
#include "services/access/tests/access_fixture.h"

namespace secsched::access::testing {

inline v1::CheckAccessResponse CheckAs(AccessEnv& env, const std::string& staff,
                                       const std::string& location) {
  v1::CheckAccessRequest request;
  request.set_staff_id(staff);
  request.set_location_id(location);
  v1::CheckAccessResponse response;
  const grpc::Status status = env.stub().CheckAccess(
      AccessEnv::As("service:sectioning", {"reader"}).get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

inline bool Allowed(AccessEnv& env, const std::string& staff, const std::string& location) {
  return CheckAs(env, staff, location).allowed();
}

// Polls CheckAccess until it answers `allowed` (the evaluation job runs on its own thread).
inline bool EventuallyAllowed(AccessEnv& env, const std::string& staff, const std::string& location,
                              std::chrono::milliseconds within = std::chrono::seconds(10)) {
  return secsched::testing::WaitFor([&] { return Allowed(env, staff, location); }, within);
}

inline v1::Approval Approve(AccessEnv& env, const std::string& approver, const std::string& staff,
                            const std::string& location) {
  v1::ApproveAccessRequest request;
  request.set_staff_id(staff);
  request.set_location_id(location);
  v1::Approval approval;
  const grpc::Status status =
      env.stub().ApproveAccess(AccessEnv::As(approver).get(), request, &approval);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return approval;
}

inline std::vector<v1::AuditEntry> AuditOf(AccessEnv& env, const std::string& staff) {
  v1::ListAuditEntriesRequest request;
  request.set_staff_id(staff);
  request.set_page_size(1000);
  v1::ListAuditEntriesResponse response;
  const grpc::Status status =
      env.stub().ListAuditEntries(AccessEnv::As(staff).get(), request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return {response.entries().begin(), response.entries().end()};
}

inline std::vector<std::string> Actions(const std::vector<v1::AuditEntry>& entries) {
  std::vector<std::string> actions;
  for (const v1::AuditEntry& e : entries) actions.push_back(e.action());
  return actions;
}

inline v1::ListGrantsResponse GrantsOf(AccessEnv& env, const std::string& staff) {
  v1::ListGrantsRequest request;
  request.set_staff_id(staff);
  v1::ListGrantsResponse response;
  EXPECT_TRUE(env.stub().ListGrants(AccessEnv::As(staff).get(), request, &response).ok());
  return response;
}

}  // namespace secsched::access::testing
