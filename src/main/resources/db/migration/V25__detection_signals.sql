-- Detection signals of issue 24: travel between countries, diversion across countries, slow clones, duplicate runs.
-- The country (from the trusted country header) and time of each code's last scan that had one, so that the scan writer
-- judges travel between countries from the code's locked state row, without reading the scan log.
ALTER TABLE code_state ADD COLUMN last_country VARCHAR(2);
ALTER TABLE code_state ADD COLUMN last_country_at TIMESTAMP WITH TIME ZONE;

-- Diversion spread thinly: distinct codes of a batch seen outside its markets, in any countries, that raise an alert.
-- Those codes are kept in market_sighting under the country '*'.
ALTER TABLE brand_rules ADD COLUMN market_batch_codes INTEGER DEFAULT 10 NOT NULL;

-- Slow clones: a phone new to a code this many days or more after the code's first scan adds to the scan's risk.
ALTER TABLE brand_rules ADD COLUMN late_device_days INTEGER DEFAULT 21 NOT NULL;

-- Duplicate print runs: codes of a batch that came back on a new phone weeks after their first scan, by block of 64
-- consecutive indexes; several in one block within 30 days are a run of copied labels, not scattered gifts.
CREATE TABLE run_sighting (
  brand_id BIGINT NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
  batch_id BIGINT NOT NULL,
  run_block BIGINT NOT NULL,
  code_index BIGINT NOT NULL,
  scan_id BIGINT,
  seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT run_sighting_pk PRIMARY KEY (batch_id, run_block, code_index)
);

ALTER TABLE brand_rules ADD COLUMN run_codes INTEGER DEFAULT 8 NOT NULL;
