-- Teachers and rooms of a calendar (issue 5). Lists are text arrays; unavailable periods are
-- written "5" (every term) or "5@s1" (term s1), the same form as the CSV cells
-- (docs/formats/teachers-rooms-csv.md). can_teach_courses holds course ids of the calendar,
-- checked when written (an array cannot carry a foreign key; a deleted course leaves its id).
CREATE TABLE teachers (
  calendar_id        text NOT NULL REFERENCES calendars (id) ON DELETE CASCADE,
  id                 text NOT NULL,
  staff_id           text NOT NULL,
  display_name       text NOT NULL,
  departments        text[] NOT NULL DEFAULT '{}',
  can_teach_courses  text[] NOT NULL DEFAULT '{}',
  max_sections       int NOT NULL CHECK (max_sections BETWEEN 0 AND 20),
  unavailable        text[] NOT NULL DEFAULT '{}',
  active             boolean NOT NULL DEFAULT true,
  -- Idempotency key of the Create call; a retry with the same key returns this row.
  request_id         text,
  create_time        timestamptz NOT NULL DEFAULT now(),
  update_time        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, id),
  UNIQUE (calendar_id, staff_id),
  UNIQUE (calendar_id, request_id)
);

CREATE TABLE rooms (
  calendar_id   text NOT NULL REFERENCES calendars (id) ON DELETE CASCADE,
  id            text NOT NULL,
  -- Byte-wise collation so export order and comparisons do not depend on the server's locale.
  number        text COLLATE "C" NOT NULL,
  capacity      int NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
  room_type     text NOT NULL,
  unavailable   text[] NOT NULL DEFAULT '{}',
  active        boolean NOT NULL DEFAULT true,
  request_id    text,
  create_time   timestamptz NOT NULL DEFAULT now(),
  update_time   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, id),
  UNIQUE (calendar_id, number),
  UNIQUE (calendar_id, request_id)
);
