-- The country (from the trusted country header) and time of each code's last scan that had one, so that the scan writer
-- judges travel between countries from the code's locked state row, without reading the scan log.
ALTER TABLE code_state ADD COLUMN last_country VARCHAR(2);
ALTER TABLE code_state ADD COLUMN last_country_at TIMESTAMP WITH TIME ZONE;
