// A calendar taken from setup to APPROVED through the catalog's API, as a district would: two
// semesters, seven 52-minute periods, weekdays from August to June. Trials can be written only
// on an approved calendar.
#pragma once

#include <grpcpp/client_context.h>

#include <functional>
#include <memory>
#include <string>

#include "secsched/catalog/v1/catalog.grpc.pb.h"

namespace secsched::e2e {

// `name` is "calendars/{calendar}" of a DRAFT calendar; `Context` makes an authorized context.
// Fails the calling test (gtest assertions) when a step is refused.
void ApproveCalendar(secsched::catalog::v1::CatalogService::Stub& stub, const std::string& name,
                     const std::function<std::unique_ptr<grpc::ClientContext>()>& Context);

}  // namespace secsched::e2e
