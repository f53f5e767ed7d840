-- The schedule itself: a trial's sections, where they meet, who teaches them, who is enrolled,
-- every change made by hand, requests left unmet, and grading windows. Calendars, courses,
-- teachers, rooms, students and teams belong to other services; their ids are plain values here.

-- A trial's life: DRAFT until activated; exactly one ACTIVE trial per calendar. `locked` refuses
-- every write. `version` grows when a job saves into the trial, so a job can tell whether
-- another one saved underneath it.
ALTER TABLE trials
  ADD COLUMN state   text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'ACTIVE')),
  ADD COLUMN locked  boolean NOT NULL DEFAULT false,
  ADD COLUMN version bigint NOT NULL DEFAULT 1,
  ADD COLUMN copied_from text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX trials_one_active_per_calendar ON trials (calendar_id) WHERE state = 'ACTIVE';

-- A section: one class of a course. `capacity` is the seats it offers (min of the course maximum
-- and the room, unless set by hand); `locked` keeps it where it is through engine runs.
ALTER TABLE sections
  ADD COLUMN section_number integer NOT NULL DEFAULT 1 CHECK (section_number BETWEEN 1 AND 999),
  ADD COLUMN room_id     text NOT NULL DEFAULT '',
  ADD COLUMN team_id     text NOT NULL DEFAULT '',
  ADD COLUMN locked      boolean NOT NULL DEFAULT false,
  ADD COLUMN source      text NOT NULL DEFAULT 'MANUAL' CHECK (source IN ('MANUAL', 'ENGINE')),
  ADD COLUMN request_id  text,
  ADD COLUMN update_time timestamptz NOT NULL DEFAULT now();
ALTER TABLE sections RENAME COLUMN max_students TO capacity;
CREATE UNIQUE INDEX sections_number_per_course ON sections (calendar_id, trial_id, course_id,
  section_number);
CREATE UNIQUE INDEX sections_request_id ON sections (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX sections_by_room ON sections (calendar_id, trial_id, room_id);

-- Teachers of a section: exactly one PRIMARY when staffed, any number of CO teachers.
CREATE TABLE section_teachers (
  calendar_id text NOT NULL,
  trial_id    text NOT NULL,
  section_id  text NOT NULL,
  teacher_id  text NOT NULL,
  role        text NOT NULL CHECK (role IN ('PRIMARY', 'CO')),
  PRIMARY KEY (calendar_id, trial_id, section_id, teacher_id),
  FOREIGN KEY (calendar_id, trial_id, section_id) REFERENCES sections ON DELETE CASCADE
);
CREATE UNIQUE INDEX section_teachers_one_primary ON section_teachers (calendar_id, trial_id,
  section_id) WHERE role = 'PRIMARY';
CREATE INDEX section_teachers_by_teacher ON section_teachers (calendar_id, trial_id, teacher_id);

-- Where a section meets: one row per (term, period, day type). A year course meets in every term,
-- a double period in two consecutive periods; day_type '' means every day (no rotation).
CREATE TABLE section_meetings (
  calendar_id text NOT NULL,
  trial_id    text NOT NULL,
  section_id  text NOT NULL,
  term_id     text NOT NULL,
  period      integer NOT NULL CHECK (period BETWEEN 1 AND 20),
  day_type    text NOT NULL DEFAULT '',
  PRIMARY KEY (calendar_id, trial_id, section_id, term_id, period, day_type),
  FOREIGN KEY (calendar_id, trial_id, section_id) REFERENCES sections ON DELETE CASCADE
);
CREATE INDEX section_meetings_by_slot ON section_meetings (calendar_id, trial_id, term_id, period);

-- A student in a section. A student takes a course at most once per trial (the same course twice
-- is refused by the database, not only by code). `request_rank` says which request it fills:
-- 0 the primary request, 1.. the alternate of that rank, NULL none (added by hand).
CREATE TABLE enrollments (
  calendar_id     text NOT NULL,
  trial_id        text NOT NULL,
  section_id      text NOT NULL,
  student_id      text NOT NULL,
  course_id       text NOT NULL,
  start_date      date,
  end_date        date,
  credit_override numeric(5, 2),
  repeat          boolean NOT NULL DEFAULT false,
  source          text NOT NULL CHECK (source IN ('ENGINE', 'WALK_IN', 'BATCH', 'MANUAL')),
  locked          boolean NOT NULL DEFAULT false,
  request_rank    integer CHECK (request_rank >= 0),
  overload        boolean NOT NULL DEFAULT false,
  create_time     timestamptz NOT NULL DEFAULT now(),
  update_time     timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
  PRIMARY KEY (calendar_id, trial_id, section_id, student_id),
  UNIQUE (calendar_id, trial_id, student_id, course_id),
  FOREIGN KEY (calendar_id, trial_id, section_id) REFERENCES sections ON DELETE CASCADE
);
CREATE INDEX enrollments_by_student ON enrollments (calendar_id, trial_id, student_id);

-- Every change made to a trial's rosters by a person or a system (the audit): who, when, what,
-- why. Never updated; kept when the section is deleted.
CREATE TABLE schedule_changes (
  change_id    bigserial PRIMARY KEY,
  calendar_id  text NOT NULL,
  trial_id     text NOT NULL,
  student_id   text NOT NULL DEFAULT '',
  section_id   text NOT NULL DEFAULT '',
  action       text NOT NULL,  -- ADD, DROP, MOVE, UPDATE, SECTION_MOVE, ...
  detail       text NOT NULL DEFAULT '',  -- JSON: what changed
  reason       text NOT NULL DEFAULT '',
  actor        text NOT NULL,
  overload     boolean NOT NULL DEFAULT false,
  request_id   text NOT NULL DEFAULT '',
  change_time  timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (calendar_id, trial_id) REFERENCES trials ON DELETE CASCADE
);
CREATE INDEX schedule_changes_by_student ON schedule_changes (calendar_id, trial_id, student_id,
  change_id);
CREATE INDEX schedule_changes_by_section ON schedule_changes (calendar_id, trial_id, section_id,
  change_id);

-- Requests the last load could not meet, with the reason when it is known.
CREATE TABLE unmet_requests (
  calendar_id text NOT NULL,
  trial_id    text NOT NULL,
  student_id  text NOT NULL,
  course_id   text NOT NULL,
  required    boolean NOT NULL DEFAULT false,
  reason      text NOT NULL DEFAULT '',
  PRIMARY KEY (calendar_id, trial_id, student_id, course_id),
  FOREIGN KEY (calendar_id, trial_id) REFERENCES trials ON DELETE CASCADE
);

-- Grading windows: a grading task (Q1 progress, S1 final) in a term, open between two instants;
-- a section or a teacher may get its own closing instant.
CREATE TABLE grading_windows (
  calendar_id  text NOT NULL,
  window_id    text NOT NULL,
  task         text NOT NULL,
  term_id      text NOT NULL,
  open_time    timestamptz NOT NULL,
  close_time   timestamptz NOT NULL CHECK (close_time > open_time),
  request_id   text UNIQUE,
  create_time  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, window_id),
  UNIQUE (calendar_id, task, term_id)
);
CREATE TABLE grading_window_exceptions (
  calendar_id  text NOT NULL,
  window_id    text NOT NULL,
  exception_id text NOT NULL,
  section_id   text NOT NULL DEFAULT '',  -- exactly one of section_id and teacher_id is set
  teacher_id   text NOT NULL DEFAULT '',
  close_time   timestamptz NOT NULL,
  PRIMARY KEY (calendar_id, window_id, exception_id),
  CHECK ((section_id = '') <> (teacher_id = '')),
  FOREIGN KEY (calendar_id, window_id) REFERENCES grading_windows ON DELETE CASCADE
);
