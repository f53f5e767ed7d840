-- Terms of a calendar: one structure per calendar (2 semesters s1 s2 | 3 trimesters t1..t3 |
-- 4 quarters q1..q4), replaced as a whole. Dates are inclusive and lie inside the school year;
-- the domain validates order and overlap before writing.
ALTER TABLE calendars
  ADD COLUMN term_structure text CHECK (term_structure IN ('SEMESTERS', 'TRIMESTERS', 'QUARTERS'));

CREATE TABLE terms (
  calendar_id   text NOT NULL REFERENCES calendars (id),
  id            text NOT NULL,
  sequence      int NOT NULL,  -- 1-based, in date order
  display_name  text NOT NULL,
  start_date    date NOT NULL,
  end_date      date NOT NULL CHECK (end_date >= start_date),
  PRIMARY KEY (calendar_id, id),
  UNIQUE (calendar_id, sequence)
);
