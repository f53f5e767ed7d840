-- A calendar's instructional-day pattern: a date range, the ISO weekdays that are school days
-- (1 = Monday .. 7 = Sunday) and holidays. The days themselves follow from the pattern and the
-- period schedule's day types (computed, never stored, so they cannot disagree).
CREATE TABLE day_patterns (
  calendar_id   text PRIMARY KEY REFERENCES calendars (id),
  first_day     date NOT NULL,
  last_day      date NOT NULL CHECK (last_day >= first_day),
  weekdays      int[] NOT NULL
);

CREATE TABLE holidays (
  calendar_id   text NOT NULL REFERENCES day_patterns (calendar_id) ON DELETE CASCADE,
  day           date NOT NULL,
  display_name  text NOT NULL,
  PRIMARY KEY (calendar_id, day)
);
