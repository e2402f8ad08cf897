-- What each member brand shares with an alliance, per signal class. No row means 'none'; a row may also hold 'none'
-- (set by an admin, or written when the brand left or was removed), so the last change and who made it stay visible.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL alike.

CREATE TABLE alliance_sharing (
  alliance_id BIGINT NOT NULL REFERENCES alliance (id) ON DELETE CASCADE,
  brand_id BIGINT NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
  signal_class VARCHAR(16) NOT NULL,
  sharing_level VARCHAR(16) NOT NULL,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  changed_by VARCHAR(200) NOT NULL,
  CONSTRAINT alliance_sharing_pk PRIMARY KEY (alliance_id, brand_id, signal_class),
  CONSTRAINT alliance_sharing_class_check CHECK (signal_class IN ('hotspots', 'sellers', 'label_hosts', 'forgery_waves')),
  CONSTRAINT alliance_sharing_level_check CHECK (sharing_level IN ('none', 'anonymous', 'named'))
);
-- Counting and listing the members that share one class of one alliance.
CREATE INDEX alliance_sharing_class_idx ON alliance_sharing (alliance_id, signal_class, sharing_level);

-- A sharing change is recorded like every membership event; detail says which class moved to which level
-- ('hotspots=named').
ALTER TABLE alliance_event ADD COLUMN detail VARCHAR(64);
ALTER TABLE alliance_event DROP CONSTRAINT alliance_event_event_check;
ALTER TABLE alliance_event ADD CONSTRAINT alliance_event_event_check
  CHECK (event IN ('created', 'invited', 'accepted', 'declined', 'left', 'removed', 'sharing'));
