-- Embedded H2 persists an identity's next values by committing its sequence, which stores every page changed so far,
-- each time the values it handed out in advance run out (32 by default). Alerts' evidence gets a row per hit, so
-- the scan writer paid such a store every 32 hits. A larger cache hands out more at a time; after a crash the next
-- ids start past the whole block (ids may skip, never repeat). PostgreSQL caches per session, which would mix the
-- order of ids across connections (evidence is listed by id): it keeps the default.
ALTER TABLE alert_evidence ALTER COLUMN id SET CACHE 1024;
ALTER TABLE alert ALTER COLUMN id SET CACHE 1024;
