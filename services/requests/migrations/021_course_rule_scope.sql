-- Who a course rule binds (docs/formats/course-rules.md, "Scope"): a student taking both courses,
-- or (NOT_SAME_PERIOD only) the master schedule itself. Existing rules bind students.
ALTER TABLE course_rules
  ADD COLUMN scope text NOT NULL DEFAULT 'STUDENT' CHECK (scope IN ('STUDENT', 'MASTER')),
  ADD CHECK (scope = 'STUDENT' OR rule_type = 'NOT_SAME_PERIOD');
