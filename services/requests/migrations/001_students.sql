-- Students of a calendar. A calendar is owned by the catalog service; its id is kept here as a
-- plain value (services share no foreign keys across schemas).
CREATE TABLE students (
  calendar_id     text NOT NULL,
  student_number  text NOT NULL,
  display_name    text NOT NULL,
  grade           integer NOT NULL CHECK (grade BETWEEN 6 AND 12),
  team            text NOT NULL DEFAULT '',
  active          boolean NOT NULL DEFAULT true,
  request_id      text UNIQUE,
  create_time     timestamptz NOT NULL DEFAULT now(),
  update_time     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, student_number)
);
