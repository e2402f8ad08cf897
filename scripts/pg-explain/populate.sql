-- Fills a freshly migrated Touchmark database with a production-like volume of data, for EXPLAIN.
-- 20 brands (brand 1 holds half of everything), 200 batches, 2,000,000 scans over 60 days, 1,000,000 scanned
-- codes, 200,000 alerts of which 1% are open, 1,000,000 evidence rows, 400,000 webhook deliveries (100 pending).
-- Run by scripts/pg-explain.sh; plain SQL, PostgreSQL only (generate_series).
\set ON_ERROR_STOP on
SET synchronous_commit = off;

INSERT INTO brand (name, created_at)
SELECT 'Brand ' || b, now() - interval '400 days' FROM generate_series(1, 20) b;
INSERT INTO signing_key (brand_id, kid, short_kid, public_key, private_key_encrypted, status, created_at)
SELECT id, 'kid-' || id, 'k' || id, decode(repeat('ab', 32), 'hex'), decode('00', 'hex'), 'active', now() FROM brand;
INSERT INTO product (brand_id, name, markets, created_at)
SELECT b.id, 'Product ' || b.id || '-' || p, 'FR,DE', now() FROM brand b, generate_series(1, 5) p;
-- Brand 1 has 100 batches, the others 5 each.
INSERT INTO batch (brand_id, product_id, signing_key_id, profile, quantity, markets, status, created_at, created_by,
                   status_changed_at, status_changed_by)
SELECT p.brand_id, p.id, (SELECT id FROM signing_key k WHERE k.brand_id = p.brand_id), 'compact', 100000, 'FR,DE',
       'released', now(), 'seed', now(), 'seed'
FROM product p, generate_series(1, CASE WHEN p.brand_id = 1 THEN 20 ELSE 1 END) n;

CREATE TEMP TABLE batches AS SELECT row_number() OVER (ORDER BY id) AS n, id, brand_id FROM batch;
CREATE TEMP TABLE brand1_batches AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM batch WHERE brand_id = 1;

-- Scans: ids as ScanIds makes them (ms since 2026-01-01 << 22), over the last 60 days.
INSERT INTO scan_event (id, scanned_at, brand_id, batch_id, code_index, verdict, device_id, country, ip_hash, client_kind,
                        risk, risk_reasons)
SELECT ((extract(epoch FROM t) * 1000)::bigint - 1767225600000) << 22 | (s % 4096), t, b.brand_id, b.id, s % 100000,
       (ARRAY['genuine', 'seen_before', 'suspect'])[1 + s % 3], md5(s::text), 'FR', md5((s % 5000)::text), 'page', 0, ''
FROM (SELECT s, now() - interval '60 days' + (s * interval '60 days' / 2000000) AS t FROM generate_series(1, 2000000) s) x
JOIN batches b ON b.n = 1 + (x.s::bigint * 7919) % 200;

INSERT INTO code_state (batch_id, code_index, brand_id, first_scan_at, first_device_id, first_country, last_scan_at,
                        scan_count, device_count)
SELECT b.id, c / 200, b.brand_id, now() - interval '30 days', md5(c::text), 'FR', now(), 2, 1
FROM generate_series(0, 999999) c JOIN batches b ON b.n = 1 + c % 200;
INSERT INTO code_device (batch_id, code_index, device_id, first_seen_at)
SELECT batch_id, code_index, md5(batch_id || ':' || code_index || ':' || d), now() FROM code_state, generate_series(1, 2) d
WHERE d = 1 OR code_index % 2 = 0;
INSERT INTO code_location (batch_id, code_index, scan_id, located_at, lat_tenths, lon_tenths)
SELECT batch_id, code_index, 1, now(), 488, 23 FROM code_state WHERE code_index % 3 = 0;

-- Hourly rollups: every batch, every hour of 60 days, three verdicts.
INSERT INTO scan_hour (brand_id, batch_id, hour_start, verdict, scans)
SELECT b.brand_id, b.id, date_trunc('hour', now()) - h * interval '1 hour', v, 10
FROM batches b, generate_series(0, 24 * 60 - 1) h, unnest(ARRAY['genuine', 'seen_before', 'suspect']) v;
INSERT INTO scan_day (brand_id, scan_date, country, verdict, scans)
SELECT br.id, current_date - d, c, v, 100 FROM brand br, generate_series(0, 399) d,
       unnest(ARRAY['FR', 'DE', 'CN', 'US', '']) c, unnest(ARRAY['genuine', 'seen_before', 'suspect']) v;
INSERT INTO scan_cell_day (brand_id, scan_date, cell, scans, suspect)
SELECT br.id, current_date - d, (c / 20) || ':' || (c % 20), 10, 1 FROM brand br, generate_series(0, 399) d, generate_series(0, 199) c;

-- Suspect sightings in 2,000 cells; codes seen outside their markets.
INSERT INTO suspect_sighting (brand_id, cell, batch_id, code_index, seen_at)
SELECT b.brand_id, 'c' || (s % 2000), b.id, s, now() - (s % 90) * interval '1 day'
FROM generate_series(1, 200000) s JOIN batches b ON b.n = 1 + s % 200;
INSERT INTO market_sighting (brand_id, batch_id, country, code_index, seen_at)
SELECT b.brand_id, b.id, (ARRAY['CN', 'US', 'AE', 'RU'])[1 + s % 4], s, now() - (s % 90) * interval '1 day'
FROM generate_series(1, 200000) s JOIN batches b ON b.n = 1 + s % 200;

-- Alerts: 200,000, half of them brand 1's, about one in a hundred still open (open_subject set), the rest closed.
INSERT INTO alert (brand_id, rule, subject, open_subject, severity, status, summary, batch_id, code_index, hits,
                   first_seen_at, last_seen_at, updated_at)
SELECT CASE WHEN a % 2 = 0 THEN 1 ELSE 2 + a % 19 END, r, s, CASE WHEN a % 97 = 0 THEN s END, 'high',
       CASE WHEN a % 97 = 0 THEN 'open' ELSE 'resolved' END, 'seeded', NULL, NULL, 1 + a % 7,
       now() - (200000 - a) * interval '1 minute', now() - (200000 - a) * interval '1 minute',
       now() - (200000 - a) * interval '1 minute'
FROM (SELECT a, (ARRAY['cloned_code', 'cloned_code', 'cloned_code', 'impossible_travel', 'out_of_market', 'hotspot',
                       'scan_burst', 'shopper_report'])[1 + a % 8] AS r,
             'code:' || (a % 50000) || ':' || a AS s FROM generate_series(1, 200000) a) x;
INSERT INTO alert_evidence (alert_id, scan_id, seen_at, note)
SELECT a.id, e, a.first_seen_at, 'seeded' FROM alert a, generate_series(1, 5) e;

-- Webhooks: two endpoints per brand, 200,000 messages, 400,000 deliveries of which 100 are pending.
INSERT INTO webhook_endpoint (brand_id, url, event_types, enabled, secret_encrypted, created_at, updated_at)
SELECT br.id, 'https://hooks.example/' || br.id || '/' || e, '', true, decode('00', 'hex'), now(), now()
FROM brand br, generate_series(1, 2) e;
INSERT INTO webhook_message (id, brand_id, event_type, payload, created_at)
SELECT 'msg_' || m, 1 + m % 20, 'alert.created', '{}', now() - (200000 - m) * interval '1 minute' FROM generate_series(1, 200000) m;
INSERT INTO webhook_delivery (brand_id, endpoint_id, message_id, status, attempts, next_attempt_at, created_at, updated_at)
SELECT m.brand_id, e.id, m.id, CASE WHEN m.created_at > now() - interval '100 minutes' THEN 'pending' ELSE 'succeeded' END,
       1, CASE WHEN m.created_at > now() - interval '100 minutes' THEN m.created_at END, m.created_at, m.created_at
FROM webhook_message m JOIN webhook_endpoint e ON e.brand_id = m.brand_id;

-- Sign-ins: 10,000 users, 20,000 sessions (1% expired: every sign-in deletes those), 1,000 API keys.
INSERT INTO brand_user (brand_id, email, role, password_hash, must_change_password, created_at)
SELECT 1 + u % 20, 'user' || u || '@example.com', 'viewer', 'x', false, now() FROM generate_series(1, 10000) u;
INSERT INTO user_session (token_hash, user_id, brand_id, csrf_token, created_at, last_seen_at, expires_at)
SELECT md5('s' || s), u.id, u.brand_id, 'csrf', now(), now(), now() + (s % 100 - 1) * interval '1 hour'
FROM generate_series(1, 20000) s JOIN brand_user u ON u.id = 1 + s % 10000;
INSERT INTO api_key (brand_id, name, lookup_id, secret_hash, created_at)
SELECT 1 + k % 20, 'key ' || k, 'lk' || k, md5(k::text), now() FROM generate_series(1, 1000) k;

-- A day of detection on top: 50 open alerts hit 200 times each (hits, last_seen_at, summary, updated_at), as
-- AlertRepository.addHit does; each update is a new row version in every index of alert until VACUUM.
DO $$
BEGIN
  FOR i IN 1..200 LOOP
    UPDATE alert SET hits = hits + 1, last_seen_at = now(), updated_at = now(), summary = 'seeded ' || i
    WHERE id IN (SELECT id FROM alert WHERE open_subject IS NOT NULL ORDER BY id DESC LIMIT 50);
  END LOOP;
END $$;
