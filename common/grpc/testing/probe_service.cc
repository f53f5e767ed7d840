#include "common/grpc/testing/probe_service.h"

#include <pqxx/except>
#include <stdexcept>

#include "common/grpc/call.h"
#include "common/grpc/testing/in_process_server.h"
#include "common/log/log.h"
#include "common/status/status.h"

namespace secsched {

using secsched::testing::v1::CallRequest;
using secsched::testing::v1::CallResponse;
using secsched::testing::v1::StreamRequest;

void Gate::Open() {
  std::lock_guard lock(mu_);
  opened_ = true;
  opened_cv_.notify_all();
}

void Gate::Wait() {
  std::unique_lock lock(mu_);
  opened_cv_.wait(lock, [this] { return opened_; });
}

grpc::Status ProbeService::Call(grpc::ServerContext* context, const CallRequest* request,
                                CallResponse* response) {
  ++calls_;
  return HandleCall(
      context, *request, TestJwtVerifier(), [&](const auth::Caller& caller) -> absl::Status {
        if (request->text() == "block") {
          handler_entered_.Open();
          release_.Wait();
        } else if (request->text() == "throw") {
          throw std::runtime_error("secret detail: connection string postgres://x");
        } else if (request->text() == "throw-broken-connection") {
          throw pqxx::broken_connection("server closed the connection unexpectedly");
        } else if (request->text() == "throw-non-std") {
          throw 42;
        } else if (request->text() == "fail-internal") {
          return absl::InternalError("secret detail: SELECT broke");
        } else if (request->text() == "fail") {
          return absl::NotFoundError("No such probe.");
        } else if (request->text() == "invalid-rows") {
          // What a CSV import with a thousand bad rows returns.
          std::vector<FieldViolation> violations;
          for (int line = 2; line < 1002; ++line) {
            violations.push_back(
                {"rows[" + std::to_string(line) + "].course_number",
                 "course \"XYZ-" + std::to_string(line) + "\" is not in the catalog"});
          }
          return InvalidArgumentWithFields("requests.csv has 1000 problems; nothing was written.",
                                           std::move(violations));
        }
        response->set_text(request->text());
        response->set_subject(caller.subject);
        response->set_request_id(std::string(CurrentRequestId()));
        return absl::OkStatus();
      });
}

grpc::Status ProbeService::Stream(grpc::ServerContext* context, const StreamRequest* request,
                                  grpc::ServerWriter<CallResponse>* writer) {
  return HandleCall(context, *request, TestJwtVerifier(),
                    [&](const auth::Caller& caller) -> absl::Status {
                      for (int i = 0; i < request->count(); ++i) {
                        CallResponse response;
                        response.set_subject(caller.subject);
                        response.set_request_id(std::string(CurrentRequestId()));
                        response.set_index(i);
                        if (!writer->Write(response))
                          return absl::CancelledError("The client went away.");
                      }
                      return absl::OkStatus();
                    });
}

}  // namespace secsched
