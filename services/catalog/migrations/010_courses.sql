-- The district course catalog (course masters) and each calendar's courses (issue 5).
--
-- Column meanings are shared by both tables (and documented in docs/catalog.md, "Courses"):
--   number              course number, e.g. 'ENG9', 'MA-210' ([A-Za-z0-9][A-Za-z0-9-]{0,19});
--                       byte-wise ("C") collation so ORDER BY number and keyset paging agree
--   display_name        the course's name, e.g. 'English 9'
--   department          e.g. 'English'
--   credits             0..10 in steps of 0.25
--   min_grade/max_grade grades the course is offered to, inclusive, 6..12
--   term_length         'YEAR' | 'SEMESTER' | 'QUARTER'
--   periods_per_meeting 1, or 2 for a double period
--   sections_to_build   0 = derive from requests
--   max_students        per section, 1..200
--   load_priority       1 (loaded first) .. 10
--   room_type           'regular', 'lab', 'gym', ...
--   required, active    flags
--   tags                free labels ('ap', 'honors', 'cte')
--   locked_fields       course field names a school cannot change ('credits', 'max_students')
CREATE TABLE course_masters (
  id                  text PRIMARY KEY,
  number              text COLLATE "C" NOT NULL UNIQUE,
  display_name        text NOT NULL,
  department          text NOT NULL,
  credits             numeric(4, 2) NOT NULL CHECK (credits >= 0),
  min_grade           int NOT NULL CHECK (min_grade BETWEEN 6 AND 12),
  max_grade           int NOT NULL CHECK (max_grade BETWEEN 6 AND 12 AND max_grade >= min_grade),
  term_length         text NOT NULL CHECK (term_length IN ('YEAR', 'SEMESTER', 'QUARTER')),
  periods_per_meeting int NOT NULL CHECK (periods_per_meeting BETWEEN 1 AND 2),
  sections_to_build   int NOT NULL CHECK (sections_to_build >= 0),
  max_students        int NOT NULL CHECK (max_students BETWEEN 1 AND 200),
  load_priority       int NOT NULL CHECK (load_priority BETWEEN 1 AND 10),
  room_type           text NOT NULL,
  required            boolean NOT NULL,
  active              boolean NOT NULL,
  tags                text[] NOT NULL DEFAULT '{}',
  locked_fields       text[] NOT NULL DEFAULT '{}',
  creator             text NOT NULL,
  -- Idempotency key of the Create call; a retry with the same key returns this row.
  request_id          text UNIQUE,
  create_time         timestamptz NOT NULL DEFAULT now(),
  update_time         timestamptz NOT NULL DEFAULT now()
);

-- A calendar's courses. The id is the {course} of "calendars/{calendar}/courses/{course}",
-- unique within the calendar (by default the lower-cased number), so a course keeps its id when
-- a calendar is rolled over to the next year.
CREATE TABLE courses (
  calendar_id         text NOT NULL REFERENCES calendars (id) ON DELETE CASCADE,
  id                  text NOT NULL,
  number              text COLLATE "C" NOT NULL,
  display_name        text NOT NULL,
  department          text NOT NULL,
  credits             numeric(4, 2) NOT NULL CHECK (credits >= 0),
  min_grade           int NOT NULL CHECK (min_grade BETWEEN 6 AND 12),
  max_grade           int NOT NULL CHECK (max_grade BETWEEN 6 AND 12 AND max_grade >= min_grade),
  term_length         text NOT NULL CHECK (term_length IN ('YEAR', 'SEMESTER', 'QUARTER')),
  periods_per_meeting int NOT NULL CHECK (periods_per_meeting BETWEEN 1 AND 2),
  sections_to_build   int NOT NULL CHECK (sections_to_build >= 0),
  max_students        int NOT NULL CHECK (max_students BETWEEN 1 AND 200),
  load_priority       int NOT NULL CHECK (load_priority BETWEEN 1 AND 10),
  room_type           text NOT NULL,
  required            boolean NOT NULL,
  active              boolean NOT NULL,
  tags                text[] NOT NULL DEFAULT '{}',
  -- The master it was created from (NULL for a school's own course) and the fields that master
  -- locked when it was last created or pushed.
  course_master_id    text REFERENCES course_masters (id),
  locked_fields       text[] NOT NULL DEFAULT '{}',
  request_id          text,
  create_time         timestamptz NOT NULL DEFAULT now(),
  update_time         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, id),
  UNIQUE (calendar_id, number),
  UNIQUE (calendar_id, request_id)
);
CREATE INDEX courses_by_master ON courses (course_master_id) WHERE course_master_id IS NOT NULL;

-- One row per applied mass set (dry runs are not recorded): who, when, what and the diff.
CREATE TABLE course_mass_set_audit (
  id            bigserial PRIMARY KEY,
  calendar_id   text NOT NULL REFERENCES calendars (id) ON DELETE CASCADE,
  actor         text NOT NULL,
  create_time   timestamptz NOT NULL DEFAULT now(),
  -- {"department": "Math", "grade": 9, "number_prefix": "MA", "tag": "ap", "active": true}
  filter        jsonb NOT NULL,
  update_mask   text[] NOT NULL,
  -- The values written, keyed by field name.
  new_values    jsonb NOT NULL,
  course_count  int NOT NULL,
  -- [{"course": "ma-101", "field": "max_students", "old": "30", "new": "28"}, ...]
  diff          jsonb NOT NULL
);
CREATE INDEX course_mass_set_audit_by_calendar ON course_mass_set_audit (calendar_id, id);
