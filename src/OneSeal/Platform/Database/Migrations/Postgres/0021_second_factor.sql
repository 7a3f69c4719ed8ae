-- Second factor (src/OneSeal/Organisation/Accounts/SecondFactor.cs): the TOTP secret encrypted with Data Protection, a
-- secret being enrolled, the last time step used (a code works once), and one-time recovery codes stored as hashes.

ALTER TABLE accounts ADD COLUMN totp_secret_protected character varying(1024);
ALTER TABLE accounts ADD COLUMN totp_pending_protected character varying(1024);
ALTER TABLE accounts ADD COLUMN second_factor_since timestamp with time zone;
ALTER TABLE accounts ADD COLUMN totp_last_step bigint;

CREATE TABLE recovery_codes (
    id uuid NOT NULL,
    account_id uuid NOT NULL,
    code_hash character varying(64) NOT NULL,
    used_at timestamp with time zone,
    CONSTRAINT pk_recovery_codes PRIMARY KEY (id),
    CONSTRAINT fk_recovery_codes_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE INDEX ix_recovery_codes_account_id ON recovery_codes (account_id);
