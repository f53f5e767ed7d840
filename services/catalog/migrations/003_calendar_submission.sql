-- The school calendar submission history and the roll-over link.
ALTER TABLE calendars
  -- The calendar this one was rolled over from; a second roll-over of that calendar finds this
  -- row (school, next year, rolled_over_from) and returns it instead of copying again.
  ADD COLUMN rolled_over_from text REFERENCES calendars (id);

-- One row per state change (DRAFT → SUBMITTED → APPROVED | RETURNED → SUBMITTED ...).
CREATE TABLE calendar_transitions (
  sequence      bigserial PRIMARY KEY,
  calendar_id   text NOT NULL REFERENCES calendars (id),
  from_state    text NOT NULL,
  to_state      text NOT NULL,
  actor         text NOT NULL,
  comment       text NOT NULL DEFAULT '',
  create_time   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calendar_transitions_by_calendar ON calendar_transitions (calendar_id, sequence);
