-- Per-student scheduling constraints: avoid a teacher, keep a period free. Teachers and terms
-- live in the catalog service; their ids are plain values here.
CREATE TABLE student_constraints (
  calendar_id     text NOT NULL,
  student_number  text NOT NULL,
  constraint_id   text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('AVOID_TEACHER', 'KEEP_PERIOD_FREE')),
  teacher_id      text NOT NULL DEFAULT '',
  period          integer NOT NULL DEFAULT 0 CHECK (period BETWEEN 0 AND 20),
  term_id         text NOT NULL DEFAULT '',
  note            text NOT NULL DEFAULT '',
  entered_by      text NOT NULL,
  create_time     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, student_number, constraint_id),
  FOREIGN KEY (calendar_id, student_number) REFERENCES students ON DELETE CASCADE,
  CHECK ((kind = 'AVOID_TEACHER') = (teacher_id <> '')),
  CHECK ((kind = 'KEEP_PERIOD_FREE') = (period > 0)),
  -- The same constraint twice says nothing new.
  UNIQUE (calendar_id, student_number, kind, teacher_id, period, term_id)
);
