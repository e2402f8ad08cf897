-- The defaults of two detection thresholds, chosen from the measurements in docs/detection.md (see
-- docs/detection-rules.md): a phone new to a code two weeks after the sale is late, and three codes of a block of 64
-- that come back late or across a border are a duplicate print run. The application writes every threshold when a
-- brand saves its rules; these defaults keep the schema saying the same. Rows already saved keep their values.
ALTER TABLE brand_rules ALTER COLUMN late_device_days SET DEFAULT 14;
ALTER TABLE brand_rules ALTER COLUMN run_codes SET DEFAULT 3;
