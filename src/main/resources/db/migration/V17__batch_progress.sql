-- Per-batch progress without reading the scan log on each request: a rollup the scan writer keeps (scans, codes
-- first scanned and suspect scans per batch and country), and the codes of a batch that ever got a suspect verdict.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL alike.
-- The code lookup's scan references are scan_event ids (its primary key), so they need no index of their own.

-- A batch's scans per country ('' when unknown) of its genuine codes (forgeries claiming it are not counted): all scans, the codes whose first scan was there, suspect scans.
-- Summed over countries, codes is the number of distinct codes of the batch scanned at least once.
CREATE TABLE scan_batch_country (
  brand_id BIGINT NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
  batch_id BIGINT NOT NULL,
  country VARCHAR(2) NOT NULL,
  scans BIGINT NOT NULL,
  codes BIGINT NOT NULL,
  suspect BIGINT NOT NULL,
  CONSTRAINT scan_batch_country_pk PRIMARY KEY (brand_id, batch_id, country)
);

-- Each code that got at least one suspect verdict, once (few codes: counted per batch from its key).
CREATE TABLE suspect_code (
  batch_id BIGINT NOT NULL,
  code_index BIGINT NOT NULL,
  brand_id BIGINT NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
  first_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT suspect_code_pk PRIMARY KEY (batch_id, code_index)
);

-- Filled once from what is already recorded: codes from the code states (complete), scans and suspect verdicts from
-- the scan log as far as retention kept it.
INSERT INTO scan_batch_country (brand_id, batch_id, country, scans, codes, suspect)
SELECT brand_id, batch_id, country, SUM(scans), SUM(codes), SUM(suspect) FROM (
  SELECT brand_id, batch_id, COALESCE(country, '') AS country, COUNT(*) AS scans, 0 AS codes,
         SUM(CASE WHEN verdict = 'suspect' THEN 1 ELSE 0 END) AS suspect
    FROM scan_event
    WHERE brand_id IS NOT NULL AND batch_id IS NOT NULL AND code_index IS NOT NULL AND verdict <> 'not_genuine'
    GROUP BY brand_id, batch_id, COALESCE(country, '')
  UNION ALL
  SELECT brand_id, batch_id, COALESCE(first_country, '') AS country, 0 AS scans, COUNT(*) AS codes, 0 AS suspect
    FROM code_state GROUP BY brand_id, batch_id, COALESCE(first_country, '')
) counted GROUP BY brand_id, batch_id, country;

INSERT INTO suspect_code (batch_id, code_index, brand_id, first_at)
SELECT batch_id, code_index, MIN(brand_id), MIN(scanned_at) FROM scan_event
  WHERE verdict = 'suspect' AND brand_id IS NOT NULL AND batch_id IS NOT NULL AND code_index IS NOT NULL
  GROUP BY batch_id, code_index;
