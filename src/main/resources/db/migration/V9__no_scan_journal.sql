-- The scan journal of embedded H2 is gone: H2 writes its file at every commit (WRITE_DELAY=0), so the journal's
-- sequence mark has nothing left to mark.
DROP TABLE scan_journal_mark;
