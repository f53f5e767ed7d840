-- A section's enrolled count kept on the section row, so that reading a student's schedule or
-- checking a walk-in does not count each section's enrollments again. Kept by a trigger rather
-- than by each writer, so no writer (walk-ins, batch edits, engine jobs, trial copies, cascades)
-- can forget it. A walk-in already holds its sections' rows FOR UPDATE, so the trigger's update
-- adds no waiting there.
ALTER TABLE sections ADD COLUMN enrolled integer NOT NULL DEFAULT 0 CHECK (enrolled >= 0);

UPDATE sections s SET enrolled = c.n
FROM (SELECT calendar_id, trial_id, section_id, count(*)::int AS n FROM enrollments
      GROUP BY calendar_id, trial_id, section_id) c
WHERE s.calendar_id = c.calendar_id AND s.trial_id = c.trial_id AND s.section_id = c.section_id;

-- The search path is fixed at creation: the trigger finds this schema's sections whatever the
-- writing session's path.
CREATE FUNCTION count_section_enrollment() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE sections SET enrolled = enrolled - 1
    WHERE calendar_id = OLD.calendar_id AND trial_id = OLD.trial_id
      AND section_id = OLD.section_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE sections SET enrolled = enrolled + 1
    WHERE calendar_id = NEW.calendar_id AND trial_id = NEW.trial_id
      AND section_id = NEW.section_id;
  END IF;
  RETURN NULL;
END $$;

-- UPDATE only when the row changes section (nothing does today; kept exact if one ever does).
CREATE TRIGGER enrollments_count_section
AFTER INSERT OR DELETE OR UPDATE OF calendar_id, trial_id, section_id ON enrollments
FOR EACH ROW EXECUTE FUNCTION count_section_enrollment();
