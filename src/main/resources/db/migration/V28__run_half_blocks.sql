-- Duplicate print runs are counted in windows of 64 indexes that overlap by half (a run across the border of two
-- blocks is counted whole): run_sighting keeps each code under its half-block of 32 indexes (index / 32) instead of its
-- block of 64, and a code that came back on a second phone only under -1 - (index / 32). Each row's new key is its
-- own index's, so no two rows meet on one key.
UPDATE run_sighting SET run_block = CASE WHEN run_block >= 0 THEN code_index / 32 ELSE -1 - code_index / 32 END;
