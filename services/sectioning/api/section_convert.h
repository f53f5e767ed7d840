// Sections between the domain's plain values and SectionService's protos.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "secsched/sectioning/v1/sections.pb.h"
#include "services/sectioning/api/names.h"
#include "services/sectioning/domain/section.h"

namespace secsched::sectioning {

std::vector<Meeting> MeetingsFromProto(
    const google::protobuf::RepeatedPtrField<v1::SectionMeeting>& meetings);
// The section's values (ids left empty: the caller sets them from the request's names).
Section SectionFromProto(const v1::Section& in);
// The request's populated updatable fields (an empty update_mask means these).
std::vector<std::string> PopulatedSectionFields(const v1::Section& in);

void ToProto(const SectionView& view, v1::Section* out);
void ToProto(const Conflict& conflict, const std::string& calendar_id, const std::string& trial_id,
             v1::SectionConflict* out);
void ToProto(const PlacementGrid& grid, const TrialKey& trial, v1::PlacementGrid* out);

}  // namespace secsched::sectioning
