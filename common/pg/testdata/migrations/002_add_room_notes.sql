ALTER TABLE rooms ADD COLUMN notes text NOT NULL DEFAULT '';
INSERT INTO applications VALUES ('002');
-- Characters that must survive embedding: quotes, backslash, dollar quoting, raw-string-ish.
CREATE FUNCTION room_label(r rooms) RETURNS text LANGUAGE sql AS $$
  SELECT r.id || ' "' || r.notes || '" \n )" ' || E'\\'
$$;
