// Teachers and rooms: proto ⇄ domain, resource names, and list/page plumbing.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/field_mask.pb.h"
#include "secsched/catalog/v1/resources.pb.h"
#include "services/catalog/domain/resources.h"

namespace secsched::catalog {

inline constexpr char kCalendarNamePattern[] = "calendars/{calendar}";
inline constexpr char kTeacherNamePattern[] = "calendars/{calendar}/teachers/{teacher}";
inline constexpr char kRoomNamePattern[] = "calendars/{calendar}/rooms/{room}";

void ToProto(const Teacher &teacher, v1::Teacher *out);
void ToProto(const Room &room, v1::Room *out);
// Values only; calendar_id and id come from the request's names.
Teacher TeacherFromProto(const v1::Teacher &proto);
Room RoomFromProto(const v1::Room &proto);

std::vector<std::string> MaskPaths(const google::protobuf::FieldMask &mask);

// page_size and page_token → ListOptions (INVALID_ARGUMENT on the bad one).
absl::StatusOr<ListOptions> ListOptionsOf(int page_size, const std::string &page_token,
                                          bool active_only);

}  // namespace secsched::catalog
