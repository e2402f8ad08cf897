-- The hot queries of the scan writer, the detector, the dashboard, the alert feed, the webhook dispatcher and
-- sign-in, as the code sends them (jOOQ renders the same predicates), with values that exist in the data
-- populate.sql makes (:scan_id: the id of a scan there). Each line: label | SQL. scripts/pg-explain.sh times them and
-- prints their plans.
alert open lookup, hit (raise)|SELECT id FROM alert WHERE brand_id = 1 AND rule = 'cloned_code' AND open_subject = 'code:48656:198656'
alert open lookup, miss (raise)|SELECT id FROM alert WHERE brand_id = 1 AND rule = 'cloned_code' AND open_subject = 'code:1:999999'
alert latest of subject, none (raise)|SELECT id, status FROM alert WHERE brand_id = 1 AND rule = 'cloned_code' AND subject = 'code:1:999999' ORDER BY id DESC LIMIT 1
alert latest of subject, closed (raise)|SELECT id, status FROM alert WHERE brand_id = 1 AND rule = 'cloned_code' AND subject = 'code:49992:199992' ORDER BY id DESC LIMIT 1
alert other open (triage)|SELECT 1 FROM alert WHERE brand_id = 1 AND rule = 'cloned_code' AND open_subject = 'code:48656:198656' AND id <> 1
alert by id|SELECT id, brand_id, rule, subject, severity, status, summary, hits FROM alert WHERE id = 150000
open alerts by severity, big brand (dashboard)|SELECT severity, count(*) FROM alert WHERE brand_id = 1 AND open_subject IS NOT NULL GROUP BY severity
open alerts by severity, small brand (dashboard)|SELECT severity, count(*) FROM alert WHERE brand_id = 7 AND open_subject IS NOT NULL GROUP BY severity
open hotspots (detector, every minute)|SELECT brand_id, open_subject FROM alert WHERE rule = 'hotspot' AND open_subject IS NOT NULL
alert list, big brand (dashboard)|SELECT id, rule, subject, status FROM alert WHERE brand_id = 1 ORDER BY id DESC LIMIT 50
alert list, small brand (dashboard)|SELECT id, rule, subject, status FROM alert WHERE brand_id = 7 ORDER BY id DESC LIMIT 50
alert list, open high (dashboard)|SELECT id, rule, subject, status FROM alert WHERE brand_id = 1 AND status = 'open' AND severity = 'high' ORDER BY id DESC LIMIT 50
alerts changed in the last second (feed, 5 a second)|SELECT id, brand_id, hits FROM alert WHERE updated_at >= now() - interval '1 second' ORDER BY updated_at, id LIMIT 1000
alert evidence|SELECT scan_id, seen_at, note FROM alert_evidence WHERE alert_id = 150000 ORDER BY id LIMIT 200
alert history|SELECT changed_at, actor, to_status FROM alert_event WHERE alert_id = 150000 ORDER BY id
code states, 10 codes (writer)|SELECT batch_id, code_index, scan_count FROM code_state WHERE (batch_id, code_index) IN ((1, 10), (2, 20), (3, 30), (4, 40), (5, 50), (6, 60), (7, 70), (8, 80), (9, 90), (10, 100))
code devices, 10 keys (writer)|SELECT batch_id, code_index, device_id FROM code_device WHERE (batch_id, code_index, device_id) IN ((1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c'), (4, 40, 'd'), (5, 50, 'e'), (6, 60, 'f'), (7, 70, 'g'), (8, 80, 'h'), (9, 90, 'i'), (10, 100, 'j'))
code location (detector)|SELECT scan_id, located_at FROM code_location WHERE batch_id = 3 AND code_index = 300
scans of batches in an hour (burst)|SELECT batch_id, sum(scans) FROM scan_hour WHERE batch_id IN (1, 2, 3, 4, 5) AND hour_start = date_trunc('hour', now()) GROUP BY batch_id
scans of a batch over 7 days (burst baseline)|SELECT sum(scans) FROM scan_hour WHERE batch_id = 3 AND hour_start >= date_trunc('hour', now()) - interval '7 days' AND hour_start < date_trunc('hour', now())
brand scans this hour (feed)|SELECT verdict, sum(scans) FROM scan_hour WHERE brand_id = 1 AND hour_start = date_trunc('hour', now()) GROUP BY verdict
suspect sighting exists (hotspot)|SELECT 1 FROM suspect_sighting WHERE brand_id = 2 AND cell = 'c1' AND batch_id = 21 AND code_index = 1
suspect codes in a cell (hotspot)|SELECT count(*) FROM suspect_sighting WHERE brand_id = 2 AND cell = 'c1' AND seen_at >= now() - interval '30 days'
codes out of market (diversion)|SELECT count(*) FROM market_sighting WHERE batch_id = 3 AND country = 'CN' AND seen_at >= now() - interval '30 days'
scan by id (reports, location)|SELECT brand_id, batch_id, code_index, verdict FROM scan_event WHERE id = :scan_id AND brand_id IS NOT NULL
scans of a code (code lookup)|SELECT id, scanned_at, verdict FROM scan_event WHERE batch_id = 21 AND code_index = 14580 AND brand_id = 2 ORDER BY id DESC LIMIT 50
code state (code lookup)|SELECT first_scan_at, scan_count FROM code_state WHERE brand_id = 1 AND batch_id = 3 AND code_index = 300
scans by day, 30 days (overview)|SELECT scan_date, verdict, sum(scans) FROM scan_day WHERE brand_id = 1 AND scan_date >= current_date - 30 GROUP BY scan_date, verdict
scans by hour, 48 hours (overview)|SELECT hour_start, verdict, sum(scans) FROM scan_hour WHERE brand_id = 1 AND hour_start >= now() - interval '48 hours' GROUP BY hour_start, verdict
map cells, 30 days (map)|SELECT cell, sum(scans), sum(suspect) FROM scan_cell_day WHERE brand_id = 1 AND scan_date >= current_date - 30 GROUP BY cell
codes minted (overview)|SELECT sum(quantity) FROM batch WHERE brand_id = 1 AND status <> 'voided'
webhook deliveries due (dispatcher, every 200 ms)|SELECT id FROM webhook_delivery WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_attempt_at, id LIMIT 20
webhook backlog (metrics)|SELECT count(*) FROM webhook_delivery WHERE status = 'pending'
webhook delivery log (dashboard)|SELECT d.id, d.status FROM webhook_delivery d JOIN webhook_message m ON m.id = d.message_id WHERE d.brand_id = 1 AND d.endpoint_id = 1 AND d.id < 9223372036854775807 ORDER BY d.id DESC LIMIT 50
session by token (every dashboard call)|SELECT user_id, brand_id, csrf_token, expires_at FROM user_session WHERE token_hash = md5('s77')
expired sessions (sign-in)|SELECT count(*) FROM user_session WHERE expires_at < now()
api key by lookup id (every API call)|SELECT id, brand_id, secret_hash FROM api_key WHERE lookup_id = 'lk500'
