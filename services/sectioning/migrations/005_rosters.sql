-- Walk-in scheduling's additions to the audit: the section a MOVE left (so a section's audit shows
-- the students who moved out of it), and a lookup by request id for idempotent retries.
ALTER TABLE schedule_changes ADD COLUMN from_section_id text NOT NULL DEFAULT '';
CREATE INDEX schedule_changes_by_from_section ON schedule_changes (calendar_id, trial_id,
  from_section_id, change_id) WHERE from_section_id <> '';
CREATE INDEX schedule_changes_by_request_id ON schedule_changes (calendar_id, trial_id, request_id)
  WHERE request_id <> '';
