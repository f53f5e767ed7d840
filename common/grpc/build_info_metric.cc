#include "common/grpc/build_info_metric.h"

#include <prometheus/gauge.h>

#include <string>

#include "common/version/build_info.h"

namespace secsched {

void RegisterBuildInfoMetric(prometheus::Registry& registry) {
  prometheus::BuildGauge()
      .Name("secsched_build_info")
      .Help("Always 1; the labels say which build this process runs")
      .Register(registry)
      .Add({{"version", std::string(BuildVersion())}, {"build_type", std::string(BuildType())}})
      .Set(1);
}

}  // namespace secsched
