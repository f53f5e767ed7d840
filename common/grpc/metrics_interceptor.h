// Per-RPC Prometheus metrics, recorded by a server interceptor so no handler has to remember:
//   grpc_server_handled_total{grpc_method, grpc_code}   counter, one per finished RPC
//   grpc_server_handling_seconds{grpc_method}           histogram, start → status sent
// grpc_method is the full path ("/secsched.catalog.v1.CatalogService/GetCourse"); grpc_code the
// canonical name ("OK", "NOT_FOUND"). Names follow go-grpc-prometheus so stock dashboards fit.
#pragma once

#include <grpcpp/support/server_interceptor.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <string_view>

namespace secsched {

// "OK", "CANCELLED", ... for a gRPC status code.
std::string_view GrpcCodeName(grpc::StatusCode code);

// The full method path of the call this thread is handling ("" when unknown), for HandleCall's
// per-call log line. Set by the interceptor when the call's metadata arrives: a synchronous
// server runs that hook, the handler and the status on one thread.
std::string_view CurrentRpcMethod();

class MetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // The families are created in `registry`, which must outlive the server.
  explicit MetricsInterceptorFactory(prometheus::Registry& registry);

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Histogram>& handling_seconds_;
};

}  // namespace secsched
