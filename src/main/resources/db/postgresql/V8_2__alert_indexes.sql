-- PostgreSQL only (Flyway location db/postgresql): indexes the alert queries need to be planned right with or
-- without statistics (measurements and plans in docs/scaling.md, "Indexes"; scripts/pg-explain.sh repeats them).
--
-- The scan writer looks up the open alert of a brand, rule and subject for every hit (AlertRepository.raise:
-- brand_id = ? AND rule = ? AND open_subject = ?). alert_open_idx (brand_id, rule, open_subject) held a row for
-- every alert, open or closed, and alert_subject_idx (brand_id, rule, subject) starts with the same two columns:
-- until the table was analysed the planner costed both alike and took alert_subject_idx, reading every alert of
-- the brand and rule and filtering on open_subject (40-90 ms a lookup with 200,000 alerts, 50,000 of them of
-- that brand and rule; 0.04-0.3 ms after ANALYZE). Only open (or acknowledged) alerts have an open_subject, a few
-- percent of all: a partial index over them alone is a fraction of the size, so it is the cheapest path for the
-- lookup with or without statistics, and it also answers the other queries on open alerts (open alerts by
-- severity on the dashboard, open hotspots for the detector) without visiting closed ones. Same name and the same
-- guarantee as before: at most one open alert per brand, rule and subject (NULLs never conflicted anyway).
-- H2 has no partial indexes and keeps V3's full one.
DROP INDEX alert_open_idx;
CREATE UNIQUE INDEX alert_open_idx ON alert (brand_id, rule, open_subject) WHERE open_subject IS NOT NULL;

-- The alert list (brand_id = ? [AND status, rule, severity, batch] ORDER BY id DESC LIMIT n) had only
-- (brand_id, last_seen_at), which nothing orders by: without statistics the planner fetched and sorted all of
-- a brand's alerts (47-171 ms for 100,000), with statistics it walked the primary key backwards past other brands'
-- alerts, which is slow for a brand whose alerts are few and old. (brand_id, id) gives the newest alerts of a
-- brand in order, and still serves the brand's foreign key (ON DELETE CASCADE). It also takes last_seen_at out
-- of the indexes, which every hit updates.
DROP INDEX alert_brand_idx;
CREATE INDEX alert_brand_newest_idx ON alert (brand_id, id);

-- The dashboard's open alerts by severity (brand_id = ? AND open_subject IS NOT NULL): the full alert_open_idx
-- answered it from the index; without statistics the planner cannot tell that open alerts are few and read all of
-- the brand's alerts through alert_brand_newest_idx instead. A partial index of open alerts by brand and severity
-- is the cheapest path with or without statistics, and small (open alerts only).
CREATE INDEX alert_open_severity_idx ON alert (brand_id, severity) WHERE open_subject IS NOT NULL;

-- Expired dashboard sessions are deleted at every sign-in (UserRepository.deleteExpired: expires_at < ?), which
-- read the whole table (2.6-4.4 ms with 20,000 sessions).
CREATE INDEX user_session_expires_idx ON user_session (expires_at);
