-- Two-factor sign-in for dashboard users (access/TwoFactorService): TOTP (RFC 6238) with one-time recovery codes,
-- a pending second step between password and session, and a brand's requirement that every user enrols.

-- A user's TOTP secret, sealed with the master key (AES-256-GCM, bound to the user id). enabled_at is NULL while
-- enrolment waits for its first code. last_step is the last time step a code was accepted for: a code is accepted
-- only by an UPDATE ... WHERE last_step < step, so no code is used twice, whichever node it reaches.
CREATE TABLE user_two_factor (
  user_id BIGINT PRIMARY KEY REFERENCES brand_user (id) ON DELETE CASCADE,
  brand_id BIGINT NOT NULL REFERENCES brand (id) ON DELETE CASCADE,
  secret_sealed BYTEA NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  enabled_at TIMESTAMP WITH TIME ZONE,
  last_step BIGINT DEFAULT 0 NOT NULL
);

-- Recovery codes: only their SHA-256 (they are 50 random bits, so a slow hash adds nothing); used once.
CREATE TABLE user_recovery_code (
  user_id BIGINT NOT NULL REFERENCES brand_user (id) ON DELETE CASCADE,
  code_hash VARCHAR(64) NOT NULL,
  used_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (user_id, code_hash)
);

-- Between a right password and the second factor: only a hash of the token handed to the browser, for minutes.
CREATE TABLE sign_in_challenge (
  token_hash VARCHAR(64) PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES brand_user (id) ON DELETE CASCADE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  attempts INTEGER DEFAULT 0 NOT NULL
);
CREATE INDEX sign_in_challenge_user_idx ON sign_in_challenge (user_id);

-- A brand whose admin requires two-factor sign-in of every user; no row means not required.
CREATE TABLE two_factor_policy (
  brand_id BIGINT PRIMARY KEY REFERENCES brand (id) ON DELETE CASCADE,
  required BOOLEAN NOT NULL,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  changed_by VARCHAR(400) NOT NULL
);

-- Who last reset a user's two-factor sign-in (an admin, for a lost phone), and when.
ALTER TABLE brand_user ADD COLUMN two_factor_reset_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE brand_user ADD COLUMN two_factor_reset_by VARCHAR(400);
