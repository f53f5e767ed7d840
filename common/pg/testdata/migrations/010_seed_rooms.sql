INSERT INTO rooms (id, capacity) VALUES ('r-101', 30), ('r-102', 24);
INSERT INTO applications VALUES ('010');
