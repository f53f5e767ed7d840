#include "services/catalog/api/resource_convert.h"

#include "common/api/paging.h"
#include "common/api/resource_name.h"

namespace secsched::catalog {
namespace {

void ToProto(const std::vector<UnavailablePeriod> &periods,
             google::protobuf::RepeatedPtrField<v1::UnavailablePeriod> *out) {
  for (const UnavailablePeriod &period : periods) {
    v1::UnavailablePeriod *p = out->Add();
    p->set_period(period.period);
    p->set_term(period.term);
  }
}

std::vector<UnavailablePeriod> FromProto(
    const google::protobuf::RepeatedPtrField<v1::UnavailablePeriod> &periods) {
  std::vector<UnavailablePeriod> out;
  for (const v1::UnavailablePeriod &p : periods)
    out.push_back({.period = p.period(), .term = p.term()});
  return out;
}

}  // namespace

void ToProto(const Teacher &teacher, v1::Teacher *out) {
  out->set_name(api::FormatName(kTeacherNamePattern, {teacher.calendar_id, teacher.id}));
  out->set_staff_id(teacher.staff_id);
  out->set_display_name(teacher.display_name);
  for (const std::string &d : teacher.departments) out->add_departments(d);
  for (const std::string &c : teacher.can_teach_courses) out->add_can_teach_courses(c);
  out->set_max_sections(teacher.max_sections);
  out->set_max_sections_per_term(teacher.max_sections_per_term);
  ToProto(teacher.unavailable, out->mutable_unavailable());
  out->set_active(teacher.active);
}

void ToProto(const Room &room, v1::Room *out) {
  out->set_name(api::FormatName(kRoomNamePattern, {room.calendar_id, room.id}));
  out->set_number(room.number);
  out->set_capacity(room.capacity);
  out->set_room_type(room.room_type);
  ToProto(room.unavailable, out->mutable_unavailable());
  out->set_active(room.active);
}

Teacher TeacherFromProto(const v1::Teacher &proto) {
  return Teacher{
      .staff_id = proto.staff_id(),
      .display_name = proto.display_name(),
      .departments = {proto.departments().begin(), proto.departments().end()},
      .can_teach_courses = {proto.can_teach_courses().begin(), proto.can_teach_courses().end()},
      .max_sections = proto.max_sections(),
      .unavailable = FromProto(proto.unavailable()),
      .active = proto.active(),
      .max_sections_per_term = proto.max_sections_per_term(),
  };
}

Room RoomFromProto(const v1::Room &proto) {
  return Room{
      .number = proto.number(),
      .capacity = proto.capacity(),
      .room_type = proto.room_type(),
      .unavailable = FromProto(proto.unavailable()),
      .active = proto.active(),
  };
}

std::vector<std::string> MaskPaths(const google::protobuf::FieldMask &mask) {
  return {mask.paths().begin(), mask.paths().end()};
}

absl::StatusOr<ListOptions> ListOptionsOf(int page_size, const std::string &page_token,
                                          bool active_only) {
  absl::StatusOr<api::PageRequest> page = api::ParsePageRequest(page_size, page_token);
  if (!page.ok()) return page.status();
  return ListOptions{
      .after = std::move(page->after), .limit = page->size, .active_only = active_only};
}

}  // namespace secsched::catalog
