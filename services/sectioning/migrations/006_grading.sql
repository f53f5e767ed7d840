-- Grading windows, completed (002 made the tables). A section exception names its section by
-- (trial, section): section ids are unique only within a trial. An exception's id is its target
-- ("section/{trial}/{section}" or "teacher/{teacher}"), so a window has at most one exception per
-- section and per teacher and adding one again replaces its close. `update_time` for Update.
ALTER TABLE grading_window_exceptions
  ADD COLUMN trial_id text NOT NULL DEFAULT '',
  ADD CONSTRAINT grading_window_exceptions_section_has_trial
    CHECK ((section_id = '') = (trial_id = ''));
ALTER TABLE grading_windows
  ADD COLUMN update_time timestamptz NOT NULL DEFAULT now();
-- IsGradingOpen looks windows up by (calendar, task, term): the UNIQUE of 002 serves it.
-- ListOpenWindows scans a calendar's windows (a handful per year): the primary key serves it.
