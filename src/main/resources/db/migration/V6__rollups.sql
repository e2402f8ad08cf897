-- Rollups the scan writer keeps up to date on every commit, so dashboard pages never scan the scan log:
-- a brand's scans per day, country and verdict, and its located scans per day and half-degree map cell.

CREATE TABLE scan_day (
  brand_id BIGINT NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
  scan_date DATE NOT NULL,
  country VARCHAR(2) NOT NULL,
  verdict VARCHAR(16) NOT NULL,
  scans BIGINT NOT NULL,
  CONSTRAINT scan_day_pk PRIMARY KEY (brand_id, scan_date, country, verdict)
);

CREATE TABLE scan_cell_day (
  brand_id BIGINT NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
  scan_date DATE NOT NULL,
  cell VARCHAR(16) NOT NULL,
  scans BIGINT NOT NULL,
  suspect BIGINT NOT NULL,
  CONSTRAINT scan_cell_day_pk PRIMARY KEY (brand_id, scan_date, cell)
);
