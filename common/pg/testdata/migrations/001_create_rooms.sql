-- Unqualified names: the runner sets search_path to the target schema.
CREATE TABLE rooms (
  id text PRIMARY KEY,
  capacity int NOT NULL CHECK (capacity > 0)
);
-- Not idempotent on purpose: applying this file twice would fail.
CREATE TABLE applications (file text NOT NULL);
INSERT INTO applications VALUES ('001');
