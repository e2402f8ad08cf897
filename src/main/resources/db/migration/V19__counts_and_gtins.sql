-- The scan that last saw each code counted by the hotspot and diversion rules: an alert opened when the count
-- reaches its threshold lists every counted code as evidence, so its summary, its hits and its evidence agree.
ALTER TABLE suspect_sighting ADD COLUMN scan_id BIGINT;
ALTER TABLE market_sighting ADD COLUMN scan_id BIGINT;
