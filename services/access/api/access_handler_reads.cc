// AccessHandler: grants, Explain, expiring access, the audit trail, CheckAccess and the sweep.
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "common/status/status.h"
#include "services/access/api/access_handler.h"
#include "services/access/api/proto_convert.h"

namespace secsched::access {
namespace {
// The access API documents 100 as its default page (access.proto), older than common/api's 200.
constexpr int kAccessPageSize = 100;
}  // namespace

grpc::Status AccessHandler::GetGrant(grpc::ServerContext* context,
                                     const v1::GetGrantRequest* request, v1::Grant* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(request->name(), "grants/{grant}");
    if (!ids.ok()) return ids.status();
    absl::StatusOr<Grant> grant = control_.GetGrant(caller, (*ids)[0]);
    if (!grant.ok()) return grant.status();
    ToProto(*grant, response);
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::ListGrants(grpc::ServerContext* context,
                                       const v1::ListGrantsRequest* request,
                                       v1::ListGrantsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    FieldValidator v;
    if (!request->staff_id().empty()) {
      v.Require(api::IsValidId(request->staff_id()), "staff_id", "is not a valid id");
    }
    if (!request->location_id().empty()) {
      v.Require(api::IsValidId(request->location_id()), "location_id", "is not a valid id");
    }
    if (absl::Status s = v.Finish(); !s.ok()) return s;
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token(), kAccessPageSize);
    if (!page.ok()) return page.status();
    absl::StatusOr<api::Page<Grant>> grants =
        control_.ListGrants(caller,
                            {.staff_id = request->staff_id(),
                             .location_id = request->location_id(),
                             .open_only = request->open_only()},
                            *page);
    if (!grants.ok()) return grants.status();
    for (const Grant& g : grants->items) ToProto(g, response->add_grants());
    response->set_next_page_token(api::EncodePageToken(grants->next_after));
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::Explain(grpc::ServerContext* context, const v1::ExplainRequest* request,
                                    v1::ExplainResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    FieldValidator v;
    v.Require(api::IsValidId(request->staff_id()), "staff_id", "is required");
    v.Require(api::IsValidId(request->location_id()), "location_id", "is required");
    if (absl::Status s = v.Finish(); !s.ok()) return s;
    absl::StatusOr<ExplainResult> result =
        control_.Explain(caller, request->staff_id(), request->location_id());
    if (!result.ok()) return result.status();
    response->set_eligible(result->evaluation.eligible);
    for (const Requirement& r : result->evaluation.requirements) {
      ToProto(r, response->add_requirements());
    }
    if (result->open_grant) ToProto(*result->open_grant, response->mutable_grant());
    response->set_summary(result->evaluation.Reason());
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::ListExpiring(grpc::ServerContext* context,
                                         const v1::ListExpiringRequest* request,
                                         v1::ListExpiringResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    if (request->window_days() < 0 || request->window_days() > 3660) {
      return InvalidField("window_days", "must be 0 to 3660");
    }
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token(), kAccessPageSize);
    if (!page.ok()) return page.status();
    absl::StatusOr<api::Page<Grant>> grants =
        control_.ListExpiring(caller, request->window_days(), *page);
    if (!grants.ok()) return grants.status();
    for (const Grant& g : grants->items) ToProto(g, response->add_grants());
    response->set_next_page_token(api::EncodePageToken(grants->next_after));
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::ListAuditEntries(grpc::ServerContext* context,
                                             const v1::ListAuditEntriesRequest* request,
                                             v1::ListAuditEntriesResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    FieldValidator v;
    if (!request->staff_id().empty()) {
      v.Require(api::IsValidId(request->staff_id()), "staff_id", "is not a valid id");
    }
    if (absl::Status s = v.Finish(); !s.ok()) return s;
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token(), kAccessPageSize);
    if (!page.ok()) return page.status();
    absl::StatusOr<api::Page<AuditEntry>> entries =
        control_.ListAudit(caller, request->staff_id(), *page);
    if (!entries.ok()) return entries.status();
    for (const AuditEntry& e : entries->items) ToProto(e, response->add_entries());
    response->set_next_page_token(api::EncodePageToken(entries->next_after));
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::CheckAccess(grpc::ServerContext* context,
                                        const v1::CheckAccessRequest* request,
                                        v1::CheckAccessResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    FieldValidator v;
    v.Require(api::IsValidId(request->staff_id()), "staff_id", "is required");
    v.Require(api::IsValidId(request->location_id()), "location_id", "is required");
    if (absl::Status s = v.Finish(); !s.ok()) return s;
    absl::StatusOr<CachedDecision> decision =
        control_.CheckAccess(caller, request->staff_id(), request->location_id());
    if (!decision.ok()) return decision.status();
    response->set_allowed(decision->allowed);
    response->set_reason(decision->reason);
    return absl::OkStatus();
  });
}

grpc::Status AccessHandler::RunSweep(grpc::ServerContext* context,
                                     const v1::RunSweepRequest* request,
                                     v1::SweepReport* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<SweepReport> report = control_.RunSweep(caller);
    if (!report.ok()) return report.status();
    ToProto(*report, response);
    return absl::OkStatus();
  });
}

}  // namespace secsched::access
