-- Schools of the district: the id is the access service's location id ("east-high").
-- Calendars name their school by id without a foreign key: a calendar may be created before
-- the school is registered (the access service, not this table, decides who works where).
CREATE TABLE schools (
  id            text PRIMARY KEY,
  display_name  text NOT NULL,
  low_grade     int NOT NULL CHECK (low_grade BETWEEN 0 AND 12),
  high_grade    int NOT NULL CHECK (high_grade BETWEEN 0 AND 12 AND high_grade >= low_grade),
  -- Idempotency key of the Create call.
  request_id    text UNIQUE,
  create_time   timestamptz NOT NULL DEFAULT now(),
  update_time   timestamptz NOT NULL DEFAULT now()
);
