-- Signing in to the dashboard: sessions stored in the database, lockout after failed sign-ins, roles on API keys.

ALTER TABLE brand_user ADD COLUMN failed_logins INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE brand_user ADD COLUMN locked_until TIMESTAMP WITH TIME ZONE;

-- A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a database dump
-- opens no sessions. The CSRF token is sent back by the dashboard in a header on every change.
CREATE TABLE user_session (
  token_hash VARCHAR(64) PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES brand_user (id) ON DELETE CASCADE,
  brand_id BIGINT NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
  csrf_token VARCHAR(64) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

ALTER TABLE api_key ADD COLUMN role VARCHAR(16) DEFAULT 'admin' NOT NULL;
