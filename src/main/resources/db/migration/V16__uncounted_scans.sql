-- Scans that are recorded but count for nothing: a link preview (a chat app or another non-browser client fetching a
-- code's page) and a staff check (someone signed in to the dashboard of the code's own brand). They are kept in the
-- scan log, marked here, so a brand sees them in a code's history; they move no code state or device count, feed no
-- rollup and meet no detection rule. NULL for a shopper's scan, which is every scan recorded before this migration.
-- A nullable column without a default: adding it rewrites no row (on PostgreSQL it applies to every partition).
ALTER TABLE scan_event ADD COLUMN uncounted VARCHAR(8);
ALTER TABLE scan_event ADD CONSTRAINT scan_event_uncounted_check CHECK (uncounted IN ('preview', 'staff'));
