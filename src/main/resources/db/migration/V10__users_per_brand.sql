-- Dashboard users belong to one brand each, and an email is unique within a brand only: a global unique email let
-- one brand learn (409 "already exists") that another brand uses an address, and block that brand from inviting it.
-- Signing in finds every account of an email; the password picks the one it opens (access/SessionService).
ALTER TABLE brand_user DROP CONSTRAINT brand_user_email_unique;
ALTER TABLE brand_user ADD CONSTRAINT brand_user_brand_email_unique UNIQUE (brand_id, email);
CREATE INDEX brand_user_email_idx ON brand_user (email);
