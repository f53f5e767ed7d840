// The scheduling snapshot (RequestPlanningService.StreamSchedulingSnapshot) as protobuf chunks.
#pragma once

#include <functional>
#include <string_view>

#include "secsched/requests/v1/planning.pb.h"
#include "services/requests/domain/planning_model.h"

namespace secsched::requests {

// Calls `write` with chunks of at most `chunk_size` students (each with its requests and
// constraints), in the snapshot's student order; the first chunk carries the course rules, every
// chunk the total. An empty calendar is one chunk with no students. Stops when `write` returns
// false (the client went away).
void ForEachSnapshotChunk(std::string_view calendar_id, const SchedulingSnapshot& snapshot,
                          int chunk_size,
                          const std::function<bool(const v1::SchedulingSnapshotChunk&)>& write);

}  // namespace secsched::requests
