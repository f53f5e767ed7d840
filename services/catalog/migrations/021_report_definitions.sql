-- Saved ad hoc report definitions, per school ("schools/{school}/reports/{report}"), so one
-- definition runs against every calendar (school year) of the school. The school is named by id
-- without a foreign key, as calendars do (002_schools.sql).
CREATE TABLE report_definitions (
  school_id     text NOT NULL,
  id            text NOT NULL,
  display_name  text NOT NULL,
  entity        text NOT NULL CHECK (entity IN ('COURSES', 'TEACHERS', 'ROOMS', 'TERMS')),
  -- ["number", "display_name"]; [] = every field of the entity.
  fields        jsonb NOT NULL DEFAULT '[]',
  -- [{"field": "department", "op": "=", "value": "English"}, ...], combined by AND.
  conditions    jsonb NOT NULL DEFAULT '[]',
  creator       text NOT NULL,
  create_time   timestamptz NOT NULL DEFAULT now(),
  update_time   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (school_id, id)
);
