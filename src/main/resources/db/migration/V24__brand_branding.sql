-- How a brand's verification pages look: the name shoppers know it by, its logo, its colour, and where to go next
-- (support, warranty, registration). One row per brand, made on first save; no row means the plain page.
-- The logo is stored re-encoded (PNG, small) and served by the SHA-256 of its bytes, so its address never changes
-- meaning and can be cached for good.

CREATE TABLE brand_branding (
  brand_id BIGINT PRIMARY KEY REFERENCES brand (id) ON DELETE CASCADE,
  display_name VARCHAR(120),
  accent_colour CHAR(7),
  support_url VARCHAR(500),
  warranty_url VARCHAR(500),
  registration_url VARCHAR(500),
  logo_png BYTEA,
  logo_sha256 CHAR(64),
  logo_width INT,
  logo_height INT,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_by VARCHAR(320) NOT NULL,
  CONSTRAINT brand_branding_colour CHECK (accent_colour IS NULL OR accent_colour LIKE '#______'),
  CONSTRAINT brand_branding_logo CHECK ((logo_png IS NULL) = (logo_sha256 IS NULL))
);

CREATE INDEX brand_branding_logo_idx ON brand_branding (logo_sha256);
