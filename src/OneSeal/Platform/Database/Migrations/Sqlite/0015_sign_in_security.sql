-- Sign-in security (src/OneSeal/Organisation/Accounts): the security stamp every session carries, the lockout window,
-- and rotating refresh tokens stored as hashes.

ALTER TABLE "accounts" ADD COLUMN "security_stamp" TEXT NOT NULL DEFAULT '';
ALTER TABLE "accounts" ADD COLUMN "failed_sign_ins" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "accounts" ADD COLUMN "failed_sign_ins_since" INTEGER NULL;
ALTER TABLE "accounts" ADD COLUMN "locked_until" INTEGER NULL;
-- Sessions issued before this migration carry no stamp and end; every account gets its own.
UPDATE "accounts" SET "security_stamp" = lower(hex(randomblob(16)));

CREATE TABLE "refresh_tokens" (
    "id" TEXT NOT NULL CONSTRAINT "pk_refresh_tokens" PRIMARY KEY,
    "account_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "security_stamp" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    "used_at" INTEGER NULL,
    CONSTRAINT "fk_refresh_tokens_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_refresh_tokens_token_hash" ON "refresh_tokens" ("token_hash");
CREATE INDEX "ix_refresh_tokens_account_id" ON "refresh_tokens" ("account_id");
