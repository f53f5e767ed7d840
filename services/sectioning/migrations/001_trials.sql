-- Trials (versions of a calendar's schedule) and their sections. The calendar is owned by the
-- catalog service; its id is a plain value here (no cross-schema foreign keys).
CREATE TABLE trials (
  calendar_id   text NOT NULL,
  trial_id      text NOT NULL,
  display_name  text NOT NULL,
  creator       text NOT NULL,
  request_id    text UNIQUE,
  create_time   timestamptz NOT NULL DEFAULT now(),
  update_time   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, trial_id)
);

CREATE TABLE sections (
  calendar_id   text NOT NULL,
  trial_id      text NOT NULL,
  section_id    text NOT NULL,
  course_id     text NOT NULL,
  max_students  integer NOT NULL CHECK (max_students > 0),
  create_time   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, trial_id, section_id),
  FOREIGN KEY (calendar_id, trial_id) REFERENCES trials ON DELETE CASCADE
);

-- Results of the walking skeleton's COUNT_SECTIONS job, written with the job's completion in one
-- fenced transaction.
CREATE TABLE section_counts (
  calendar_id   text NOT NULL,
  trial_id      text NOT NULL,
  job_id        text NOT NULL,
  section_count integer NOT NULL,
  counted_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, trial_id, job_id)
);
