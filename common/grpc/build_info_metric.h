// secsched_build_info{version,build_type} = 1: which build a process is, on its /metrics, so a
// dashboard can tell replicas of different builds apart during a rollout. ServerRunner
// registers it on every server; a binary with its own Exposer (the worker) calls it itself.
#pragma once

#include <prometheus/registry.h>

namespace secsched {

void RegisterBuildInfoMetric(prometheus::Registry& registry);

}  // namespace secsched
