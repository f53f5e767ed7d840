// CalendarRepository on PostgreSQL (schema `catalog`).
#pragma once

#include "common/pg/pool.h"
#include "services/catalog/domain/calendar.h"

namespace secsched::catalog {

class PgCalendarRepository final : public CalendarRepository {
 public:
  explicit PgCalendarRepository(pg::PgPool& pool) : pool_(pool) {}

  absl::StatusOr<Calendar> Create(const Calendar& calendar, std::string_view request_id) override;
  absl::StatusOr<Calendar> Get(std::string_view id) override;

 private:
  pg::PgPool& pool_;
};

}  // namespace secsched::catalog
