-- The scan that last saw each code counted by the hotspot and diversion rules: an alert opened when the count
-- reaches its threshold lists every counted code as evidence, so its summary, its hits and its evidence agree.
ALTER TABLE suspect_sighting ADD COLUMN scan_id BIGINT;
ALTER TABLE market_sighting ADD COLUMN scan_id BIGINT;

-- A brand's GTINs, each naming one product: the primary key refuses a second product with the same GTIN, even when
-- two requests create them at once. Products are not changed: where earlier versions let a brand give one GTIN to
-- several products (their codes carry it, so it stays), the oldest of them holds it here.
CREATE TABLE product_gtin (
  brand_id BIGINT NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
  gtin VARCHAR(14) NOT NULL,
  product_id BIGINT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
  CONSTRAINT product_gtin_pk PRIMARY KEY (brand_id, gtin)
);
INSERT INTO product_gtin (brand_id, gtin, product_id)
  SELECT brand_id, gtin, MIN(id) FROM product WHERE gtin IS NOT NULL GROUP BY brand_id, gtin;
