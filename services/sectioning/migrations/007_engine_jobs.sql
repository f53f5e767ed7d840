-- What the engine jobs record besides sections and enrollments: why a request is unmet (a code
-- beside the sentence) and the best load any master could give (BOUND).
ALTER TABLE unmet_requests ADD COLUMN reason_code text NOT NULL DEFAULT '';

CREATE TABLE load_bounds (
  calendar_id      text NOT NULL,
  trial_id         text NOT NULL,
  primary_requests integer NOT NULL,  -- primary requests of active students (the load's universe)
  best_possible    integer NOT NULL,  -- the most primary requests any load of this master meets
  proven_optimal   boolean NOT NULL,  -- false: CBC stopped at its time limit (an upper bound)
  job_id           text NOT NULL,
  compute_time     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, trial_id),
  FOREIGN KEY (calendar_id, trial_id) REFERENCES trials ON DELETE CASCADE
);
