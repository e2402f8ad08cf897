-- PostgreSQL only (Flyway location db/postgresql, see db/MigrationLocations): the scan log, partitioned by month.
--
-- Partition key: RANGE (id), on month boundaries (UTC) converted to scan ids. Scan ids are time-ordered
-- (scan/ScanIds: milliseconds since 2026-01-01 in the bits above bit 22), so the first id of a month is
-- (epoch milliseconds of the month's start - 1767225600000) << 22, and a month of ids is a month of scans.
--   * The primary key stays (id): PostgreSQL requires every unique index of a partitioned table to contain the
--     partition key, which id alone does. Partitioning by scanned_at would make it (id, scanned_at) and a scan id
--     alone would no longer be unique across partitions.
--   * Lookups by scan id (a shopper's report, a shared location, an alert's evidence) prune to one partition.
--   * Retention already works by id range (RetentionJob): partitions entirely below the cutoff are dropped whole
--     (scan/ScanLogPartitions), and only the one partition straddling the cutoff is deleted from row by row.
--   * scanned_at and id agree to within the writer's clock: the id is taken when the scan is recorded.
--
-- An existing scan log (an upgrade) keeps all of its rows, without copying them: the table is renamed and becomes
-- the first partition, from MINVALUE up to the first month boundary after both now() and its newest scan
-- (scan_event_before_yYYYYmMM). The next three months get partitions of their own (scan_event_yYYYYmMM), and a
-- DEFAULT partition takes any scan outside them (a node whose clock is far ahead, or months for which the
-- maintenance that creates partitions did not run), so an insert never fails for want of a partition.
-- scan/ScanLogPartitions creates the following months' partitions at start-up and every hour after.
--
-- For later migrations: a unique index or constraint on scan_event must include id; CREATE INDEX CONCURRENTLY
-- does not work on the partitioned table (create the index ON ONLY scan_event, then concurrently on each
-- partition, then attach); ADD COLUMN and CHECK constraints apply to every partition as usual.
-- Nothing references scan_event with a foreign key (alert_evidence, shopper_report and code_location keep scan
-- ids as plain numbers), so the rename below moves no foreign key.

ALTER TABLE scan_event RENAME TO scan_event_upgraded;
ALTER INDEX scan_event_pkey RENAME TO scan_event_upgraded_pkey;
ALTER INDEX scan_event_code_idx RENAME TO scan_event_upgraded_code_idx;

-- The same columns, defaults, NOT NULL and CHECK constraints (scan_event_verdict_check, scan_event_client_check)
-- as the table it replaces, whatever earlier migrations added to it.
CREATE TABLE scan_event (LIKE scan_event_upgraded INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE
  INCLUDING COMMENTS) PARTITION BY RANGE (id);
ALTER TABLE scan_event ADD CONSTRAINT scan_event_pkey PRIMARY KEY (id);
ALTER TABLE scan_event ADD CONSTRAINT scan_event_brand_id_fkey FOREIGN KEY (brand_id) REFERENCES brand (id)
  ON DELETE CASCADE;
CREATE INDEX scan_event_code_idx ON scan_event (batch_id, code_index);

DO $$
DECLARE
  epoch_ms CONSTANT bigint := 1767225600000; -- ScanIds.EPOCH, 2026-01-01T00:00:00Z
  newest bigint;
  bound timestamp; -- UTC: the first month the upgraded table does not hold
  month timestamp;
  part text;
BEGIN
  bound := date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month';
  SELECT max(id) INTO newest FROM scan_event_upgraded;
  IF newest IS NOT NULL THEN
    bound := greatest(bound, date_trunc('month', to_timestamp(((newest >> 22) + epoch_ms) / 1000.0) AT TIME ZONE 'UTC')
      + interval '1 month');
  END IF;
  part := 'scan_event_before_' || to_char(bound, '"y"YYYY"m"MM');
  EXECUTE format('ALTER TABLE scan_event_upgraded RENAME TO %I', part);
  EXECUTE format('ALTER INDEX scan_event_upgraded_pkey RENAME TO %I', part || '_pkey');
  EXECUTE format('ALTER INDEX scan_event_upgraded_code_idx RENAME TO %I', part || '_code_idx');
  -- Checks every row is below the bound (a scan of the table; the bound was chosen above its newest row). The
  -- table's primary key and code index become the partitions of the new ones, its foreign key the new one's.
  EXECUTE format('ALTER TABLE scan_event ATTACH PARTITION %I FOR VALUES FROM (MINVALUE) TO (%s)', part,
    greatest(0, (extract(epoch FROM bound) * 1000)::bigint - epoch_ms) << 22);
  FOR i IN 0..2 LOOP
    month := bound + i * interval '1 month';
    EXECUTE format('CREATE TABLE %I PARTITION OF scan_event FOR VALUES FROM (%s) TO (%s)',
      'scan_event_' || to_char(month, '"y"YYYY"m"MM'),
      greatest(0, (extract(epoch FROM month) * 1000)::bigint - epoch_ms) << 22,
      greatest(0, (extract(epoch FROM month + interval '1 month') * 1000)::bigint - epoch_ms) << 22);
  END LOOP;
END $$;

CREATE TABLE scan_event_default PARTITION OF scan_event DEFAULT;
