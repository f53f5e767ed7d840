-- Calendars: one school × one school year. The submission state machine (DRAFT → SUBMITTED →
-- APPROVED/RETURNED) grows in later migrations; the column and its values are fixed here.
CREATE TABLE calendars (
  id            text PRIMARY KEY,
  school_id     text NOT NULL,
  school_year   text NOT NULL,
  display_name  text NOT NULL,
  state         text NOT NULL DEFAULT 'DRAFT'
                CHECK (state IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')),
  creator       text NOT NULL,
  -- Idempotency key of the Create call; a retry with the same key returns this row.
  request_id    text UNIQUE,
  create_time   timestamptz NOT NULL DEFAULT now(),
  update_time   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (school_id, school_year)
);
