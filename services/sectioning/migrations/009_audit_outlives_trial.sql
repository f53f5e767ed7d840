-- The audit outlives what it records: deleting a trial keeps its schedule changes (its
-- TRIAL_DELETE row among them) instead of cascading them away. A trial id used again later
-- shows the earlier trial's history before its TRIAL_CREATE row.
ALTER TABLE schedule_changes DROP CONSTRAINT IF EXISTS schedule_changes_calendar_id_trial_id_fkey;
CREATE INDEX schedule_changes_by_trial ON schedule_changes (calendar_id, trial_id, change_id);
