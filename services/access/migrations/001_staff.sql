-- Staff as reported by the HR feed. Assignments, certifications, approvals and grants follow in
-- later migrations.
CREATE TABLE staff (
  staff_id          text PRIMARY KEY,
  display_name      text NOT NULL,
  email             text NOT NULL,
  employment_state  text NOT NULL CHECK (employment_state IN ('ACTIVE', 'DEPARTED')),
  create_time       timestamptz NOT NULL DEFAULT now(),
  update_time       timestamptz NOT NULL DEFAULT now()
);
