-- A teacher's load per term, as schools set it ("5 of 7 periods each semester"): the most
-- periods of the day the teacher teaches in any one term (a double-period section counts 2).
-- 0 = no per-term limit (max_sections alone binds).
ALTER TABLE teachers ADD COLUMN max_sections_per_term int NOT NULL DEFAULT 0
  CHECK (max_sections_per_term BETWEEN 0 AND 20);
