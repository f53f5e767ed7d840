// SectionRepository on PostgreSQL: sections, section_teachers and section_meetings of the
// sectioning schema (migration 002). Lists of teachers and meetings travel as one JSON parameter
// each (libpqxx 6 has no array parameters) and come back as JSON aggregates, so a trial's
// sections with their teachers, meetings and enrolled counts are one statement.
#pragma once

#include "common/pg/pool.h"
#include "services/sectioning/domain/section.h"

namespace secsched::sectioning {

class PgSectionRepository final : public SectionRepository {
 public:
  explicit PgSectionRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<Section> Create(const Section& section, std::string_view request_id,
                                 std::string_view actor) override;
  absl::StatusOr<std::vector<Section>> ListTrial(const TrialKey& trial) override;
  absl::StatusOr<Section> Update(const Section& section, const api::UpdateMask& mask,
                                 std::string_view actor) override;
  absl::Status Delete(const SectionKey& key, bool force, const ChangeRecord& change) override;
  absl::StatusOr<std::vector<StudentMeeting>> EnrolledStudentsMeetings(
      const SectionKey& key) override;
  absl::StatusOr<std::vector<BrokenStudent>> Move(const SectionKey& key,
                                                  const std::vector<Meeting>& meetings,
                                                  const ChangeRecord& change) override;
  absl::StatusOr<std::map<std::string, std::vector<std::string>>> TeamSectionStudents(
      const TrialKey& trial) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::sectioning
