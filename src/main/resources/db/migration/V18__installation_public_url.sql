-- The public URL printed labels point at, kept with the installation rather than guessed by each process.
-- Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL alike.

-- Settings of the whole installation, one row each. 'public_url' is the address the server was last started with
-- (TOUCHMARK_PUBLIC_URL): admin commands on the same database mint labels for it instead of guessing.
CREATE TABLE installation_setting (
  name VARCHAR(64) PRIMARY KEY,
  setting_value VARCHAR(2000) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The public URL a batch's labels encode, recorded when the batch is created (or, for batches created before this
-- column, when its labels are first exported). Labels are printed once: a later change of the installation's URL
-- must not change what a reprint of an existing batch says.
ALTER TABLE batch ADD COLUMN public_url VARCHAR(2000);
