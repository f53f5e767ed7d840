-- Request planning (docs/requests.md, "Request planning"): course rules, auto-load rules and the
-- allowed credit ranges per grade. Course ids are the {course} of the catalog's
-- "calendars/{calendar}/courses/{course}", kept as plain values (no foreign keys across schemas).

-- A rule between two courses, stored once; its complement on course_b is the same row read from
-- course_b (docs/formats/course-rules.md).
CREATE TABLE course_rules (
  calendar_id  text NOT NULL,
  rule_id      text NOT NULL,
  rule_type    text NOT NULL CHECK (rule_type IN ('SAME_PERIOD', 'NOT_SAME_PERIOD', 'SAME_TERM',
                                                  'DIFFERENT_TERM', 'PRECEDES', 'LINKED')),
  course_a     text NOT NULL,
  course_b     text NOT NULL,
  creator      text NOT NULL,
  request_id   text UNIQUE,
  create_time  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, rule_id),
  CHECK (course_a <> course_b)
);
CREATE INDEX course_rules_by_course_a ON course_rules (calendar_id, course_a);
CREATE INDEX course_rules_by_course_b ON course_rules (calendar_id, course_b);

CREATE TABLE auto_load_rules (
  calendar_id  text NOT NULL,
  rule_id      text NOT NULL,
  grade        integer NOT NULL CHECK (grade = 0 OR grade BETWEEN 6 AND 12),  -- 0 = any grade
  team         text NOT NULL DEFAULT '',                                      -- '' = any team
  course_id    text NOT NULL,
  required     boolean NOT NULL DEFAULT false,
  priority     integer NOT NULL DEFAULT 0 CHECK (priority >= 0),
  request_id   text UNIQUE,
  create_time  timestamptz NOT NULL DEFAULT now(),
  update_time  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, rule_id),
  CHECK (grade <> 0 OR team <> '')
);

CREATE TABLE credit_ranges (
  calendar_id  text NOT NULL,
  grade        integer NOT NULL CHECK (grade BETWEEN 6 AND 12),
  min_credits  double precision NOT NULL CHECK (min_credits >= 0),
  max_credits  double precision NOT NULL,
  PRIMARY KEY (calendar_id, grade),
  CHECK (max_credits >= min_credits)
);
