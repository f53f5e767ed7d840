-- Teams, course requests and ranked alternates. Courses live in the catalog service: course_id
-- is the {course} of "calendars/{calendar}/courses/{course}", kept as a plain value (services share
-- no foreign keys across schemas).
ALTER TABLE students ADD COLUMN gender text NOT NULL DEFAULT ''
  CHECK (gender IN ('', 'F', 'M', 'X'));

CREATE TABLE teams (
  calendar_id   text NOT NULL,
  team_id       text NOT NULL,
  display_name  text NOT NULL,
  create_time   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, team_id)
);

-- One row per requested course: a primary request, or an alternate ranked 1, 2, ... either for
-- one primary (alternate_for = that primary's request id) or general for the student (NULL).
CREATE TABLE course_requests (
  calendar_id     text NOT NULL,
  student_number  text NOT NULL,
  request_id      text NOT NULL,          -- {request} of .../students/{student}/requests/{request}
  course_id       text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('PRIMARY', 'ALTERNATE')),
  required        boolean NOT NULL DEFAULT false,
  priority        integer NOT NULL DEFAULT 0 CHECK (priority >= 0),
  alternate_for   text,                   -- request_id of a PRIMARY of the same student
  alternate_rank  integer CHECK (alternate_rank >= 1),
  source          text NOT NULL
                  CHECK (source IN ('COUNSELOR', 'PORTAL', 'BATCH', 'IMPORT', 'AUTO_LOAD')),
  entered_by      text NOT NULL,
  entered_at      timestamptz NOT NULL DEFAULT now(),
  idempotency_key text UNIQUE,            -- the Create call's request_id
  PRIMARY KEY (calendar_id, student_number, request_id),
  FOREIGN KEY (calendar_id, student_number) REFERENCES students ON DELETE CASCADE,
  -- A student requests a course once: no duplicate primary, no alternate duplicating a primary.
  UNIQUE (calendar_id, student_number, course_id),
  CHECK ((kind = 'PRIMARY') = (alternate_rank IS NULL)),
  CHECK (kind = 'ALTERNATE' OR alternate_for IS NULL),
  -- A tied alternate goes with its primary (the service only ties alternates to primaries).
  FOREIGN KEY (calendar_id, student_number, alternate_for)
    REFERENCES course_requests (calendar_id, student_number, request_id) ON DELETE CASCADE
);
CREATE INDEX course_requests_by_course ON course_requests (calendar_id, course_id);
-- Alternate ranks are dense 1..n within a group (one primary's alternates, or the general ones).
CREATE UNIQUE INDEX course_requests_alternate_rank ON course_requests
  (calendar_id, student_number, COALESCE(alternate_for, ''), alternate_rank)
  WHERE kind = 'ALTERNATE';
