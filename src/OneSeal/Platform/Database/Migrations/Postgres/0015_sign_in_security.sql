-- Sign-in security (src/OneSeal/Organisation/Accounts): the security stamp every session carries, the lockout window,
-- and rotating refresh tokens stored as hashes.

ALTER TABLE accounts ADD COLUMN security_stamp character varying(32) NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN failed_sign_ins_since timestamp with time zone;
ALTER TABLE accounts ADD COLUMN locked_until timestamp with time zone;
-- Sessions issued before this migration carry no stamp and end; every account gets its own.
UPDATE accounts SET security_stamp = md5(random()::text || id::text);

CREATE TABLE refresh_tokens (
    id uuid NOT NULL,
    account_id uuid NOT NULL,
    token_hash character varying(64) NOT NULL,
    security_stamp character varying(32) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    CONSTRAINT pk_refresh_tokens PRIMARY KEY (id),
    CONSTRAINT fk_refresh_tokens_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_refresh_tokens_token_hash ON refresh_tokens (token_hash);
CREATE INDEX ix_refresh_tokens_account_id ON refresh_tokens (account_id);
