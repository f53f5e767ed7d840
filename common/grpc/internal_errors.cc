#include "common/grpc/internal_errors.h"

#include <prometheus/counter.h>

#include <string>

namespace secsched {
namespace {

struct Counters {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Counter>& family =
      prometheus::BuildCounter()
          .Name(std::string(kInternalErrorsMetric))
          .Help("INTERNAL answers, by cause: an unexpected exception or an INTERNAL status.")
          .Register(*registry);
  prometheus::Counter& exception = family.Add({{"cause", "exception"}});
  prometheus::Counter& status = family.Add({{"cause", "status"}});

  prometheus::Counter& For(std::string_view cause) {
    return cause == "exception" ? exception : status;
  }
};

Counters& TheCounters() {
  static Counters* counters = new Counters();  // never destroyed: handlers may run at exit
  return *counters;
}

}  // namespace

std::shared_ptr<prometheus::Registry> InternalErrorMetrics() { return TheCounters().registry; }

void CountInternalError(std::string_view cause) { TheCounters().For(cause).Increment(); }

double InternalErrorCount(std::string_view cause) { return TheCounters().For(cause).Value(); }

}  // namespace secsched
