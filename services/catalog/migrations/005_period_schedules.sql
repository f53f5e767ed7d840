-- A calendar's period schedule: optional day types (an A/B rotation, in rotation order) and
-- periods per day type ('' = every school day when the calendar has no day types). Times are
-- minutes after midnight.
CREATE TABLE day_types (
  calendar_id   text NOT NULL REFERENCES calendars (id),
  id            text NOT NULL,
  sequence      int NOT NULL,  -- 1-based rotation order
  display_name  text NOT NULL,
  PRIMARY KEY (calendar_id, id)
);

CREATE TABLE periods (
  calendar_id   text NOT NULL REFERENCES calendars (id),
  day_type      text NOT NULL DEFAULT '',
  number        int NOT NULL CHECK (number BETWEEN 1 AND 20),
  display_name  text NOT NULL,
  start_minute  int NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute    int NOT NULL CHECK (end_minute BETWEEN 1 AND 1440 AND end_minute > start_minute),
  PRIMARY KEY (calendar_id, day_type, number)
);
