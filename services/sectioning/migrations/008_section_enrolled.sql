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

-- Statement-level triggers over transition tables: one UPDATE per writing statement with the
-- net change per section, instead of one per enrollment row (a section updated once per row it
-- gains would build a long chain of row versions inside one engine load). An UPDATE that leaves
-- every row in its section changes no count and writes nothing. The search path is fixed at
-- creation: the function finds this schema's sections whatever the writer's path.
CREATE FUNCTION count_section_enrollments() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE sections s SET enrolled = s.enrolled + d.n
    FROM (SELECT calendar_id, trial_id, section_id, count(*)::int AS n FROM added_enrollments
          GROUP BY 1, 2, 3) d
    WHERE s.calendar_id = d.calendar_id AND s.trial_id = d.trial_id
      AND s.section_id = d.section_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE sections s SET enrolled = s.enrolled - d.n
    FROM (SELECT calendar_id, trial_id, section_id, count(*)::int AS n FROM removed_enrollments
          GROUP BY 1, 2, 3) d
    WHERE s.calendar_id = d.calendar_id AND s.trial_id = d.trial_id
      AND s.section_id = d.section_id;
  ELSE
    UPDATE sections s SET enrolled = s.enrolled + d.n
    FROM (SELECT calendar_id, trial_id, section_id, sum(n)::int AS n
          FROM (SELECT calendar_id, trial_id, section_id, 1 AS n FROM added_enrollments
                UNION ALL
                SELECT calendar_id, trial_id, section_id, -1 FROM removed_enrollments) c
          GROUP BY 1, 2, 3 HAVING sum(n) <> 0) d
    WHERE s.calendar_id = d.calendar_id AND s.trial_id = d.trial_id
      AND s.section_id = d.section_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER enrollments_count_inserted AFTER INSERT ON enrollments
REFERENCING NEW TABLE AS added_enrollments
FOR EACH STATEMENT EXECUTE FUNCTION count_section_enrollments();

CREATE TRIGGER enrollments_count_deleted AFTER DELETE ON enrollments
REFERENCING OLD TABLE AS removed_enrollments
FOR EACH STATEMENT EXECUTE FUNCTION count_section_enrollments();

CREATE TRIGGER enrollments_count_updated AFTER UPDATE ON enrollments
REFERENCING OLD TABLE AS removed_enrollments NEW TABLE AS added_enrollments
FOR EACH STATEMENT EXECUTE FUNCTION count_section_enrollments();
