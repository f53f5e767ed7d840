-- Assignments, certification completions, approvals, grants and the append-only audit log.
-- Dates are the district's calendar days; *_at columns are instants.

CREATE TABLE assignments (
  assignment_id  bigserial PRIMARY KEY,
  staff_id       text NOT NULL REFERENCES staff (staff_id),
  location_id    text NOT NULL,
  role           text NOT NULL CHECK (role IN ('OFFICE_PROFESSIONAL', 'SCHOOL_COUNSELOR',
                   'PRINCIPAL', 'MANAGER', 'TEACHER', 'ASSISTANT_PRINCIPAL', 'REGISTRAR',
                   'OTHER_SCHOOL_BASED', 'DISTRICT')),
  start_date     date NOT NULL,
  end_date       date,  -- last day, inclusive; NULL = open
  CHECK (end_date IS NULL OR end_date >= start_date - 1)
);
CREATE INDEX assignments_by_staff ON assignments (staff_id);
CREATE INDEX assignments_by_location ON assignments (location_id) WHERE end_date IS NULL;

CREATE TABLE completions (
  completion_id  bigserial PRIMARY KEY,
  staff_id       text NOT NULL REFERENCES staff (staff_id),
  certification  text NOT NULL CHECK (certification IN ('WALK_IN_SCHEDULING',
                   'SECONDARY_SCHEDULING')),
  completed_at   timestamptz NOT NULL,
  completed_on   date NOT NULL,
  source         text NOT NULL,
  UNIQUE (staff_id, certification, completed_at)
);

CREATE TABLE approvals (
  approval_id    text PRIMARY KEY,
  staff_id       text NOT NULL REFERENCES staff (staff_id),
  location_id    text NOT NULL,
  approver_id    text NOT NULL,
  approver_role  text NOT NULL CHECK (approver_role IN ('PRINCIPAL', 'MANAGER')),
  approved_at    timestamptz NOT NULL,
  approved_on    date NOT NULL,
  state          text NOT NULL CHECK (state IN ('ACTIVE', 'REVOKED', 'VOIDED')),
  ended_at       timestamptz,
  end_reason     text NOT NULL DEFAULT ''
);
CREATE INDEX approvals_by_staff ON approvals (staff_id);

CREATE TABLE grants (
  grant_id             text PRIMARY KEY,
  staff_id             text NOT NULL REFERENCES staff (staff_id),
  location_id          text NOT NULL,
  state                text NOT NULL CHECK (state IN ('PENDING', 'GRANTED', 'REVOKED', 'EXPIRED')),
  requirements_met_at  timestamptz NOT NULL,
  requirements_met_on  date NOT NULL,
  granted_at           timestamptz,
  expires_on           date,  -- last day of access
  ended_at             timestamptz,
  end_reason           text NOT NULL DEFAULT '',
  sla_breached         boolean NOT NULL DEFAULT false
);
-- At most one open grant per person and location.
CREATE UNIQUE INDEX grants_one_open ON grants (staff_id, location_id)
  WHERE state IN ('PENDING', 'GRANTED');
CREATE INDEX grants_by_staff ON grants (staff_id);
CREATE INDEX grants_granted_by_expiry ON grants (expires_on) WHERE state = 'GRANTED';

CREATE TABLE audit_log (
  audit_id     bigserial PRIMARY KEY,
  occurred_at  timestamptz NOT NULL,
  actor        text NOT NULL,
  staff_id     text NOT NULL,
  location_id  text NOT NULL DEFAULT '',
  entity       text NOT NULL,
  entity_id    text NOT NULL,
  action       text NOT NULL,
  reason       text NOT NULL,
  before       jsonb,
  after        jsonb
);
CREATE INDEX audit_by_staff ON audit_log (staff_id, audit_id);

-- Append-only: rows can be added, never changed or removed (also not by the service itself).
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
