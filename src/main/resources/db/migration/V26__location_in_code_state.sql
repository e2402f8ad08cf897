-- A code's last located scan is kept in its state row, which the scan writer locks, reads and writes for every scan
-- anyway: impossible travel then costs no statement of its own. It was a table of its own (code_location).
ALTER TABLE code_state ADD COLUMN located_scan_id BIGINT;
ALTER TABLE code_state ADD COLUMN located_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE code_state ADD COLUMN located_lat_tenths INTEGER;
ALTER TABLE code_state ADD COLUMN located_lon_tenths INTEGER;

UPDATE code_state SET
  located_scan_id = (SELECT l.scan_id FROM code_location l
                     WHERE l.batch_id = code_state.batch_id AND l.code_index = code_state.code_index),
  located_at = (SELECT l.located_at FROM code_location l
                WHERE l.batch_id = code_state.batch_id AND l.code_index = code_state.code_index),
  located_lat_tenths = (SELECT l.lat_tenths FROM code_location l
                        WHERE l.batch_id = code_state.batch_id AND l.code_index = code_state.code_index),
  located_lon_tenths = (SELECT l.lon_tenths FROM code_location l
                        WHERE l.batch_id = code_state.batch_id AND l.code_index = code_state.code_index)
WHERE EXISTS (SELECT 1 FROM code_location l WHERE l.batch_id = code_state.batch_id AND l.code_index = code_state.code_index);

DROP TABLE code_location;

