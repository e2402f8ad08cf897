-- On embedded H2 the scan writer makes each group of scans durable in a journal file (an append-only log next
-- to the database file) and H2 writes its own file every WRITE_DELAY ms. The journal's sequence number of the
-- last group applied to the tables is kept here, in the group's own transaction, so after a crash exactly the
-- groups the database file lacks are applied again from the journal. PostgreSQL does not use it.
CREATE TABLE scan_journal_mark (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL
);
INSERT INTO scan_journal_mark (id, seq) VALUES (1, 0);
