// TeamRepository on PostgreSQL.
#pragma once

#include "common/pg/pool.h"
#include "services/requests/domain/team.h"

namespace secsched::requests {

class PgTeamRepository final : public TeamRepository {
 public:
  explicit PgTeamRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<Team> Create(const Team& team) override;
  absl::StatusOr<api::Page<Team>> List(std::string_view calendar_id, std::string_view after,
                                       int page_size) override;
  absl::Status Delete(std::string_view calendar_id, std::string_view team_id) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::requests
