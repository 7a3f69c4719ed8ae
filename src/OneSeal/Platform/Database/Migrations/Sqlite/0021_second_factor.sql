-- Second factor (src/OneSeal/Organisation/Accounts/SecondFactor.cs): the TOTP secret encrypted with Data Protection, a
-- secret being enrolled, the last time step used (a code works once), and one-time recovery codes stored as hashes.

ALTER TABLE "accounts" ADD COLUMN "totp_secret_protected" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "totp_pending_protected" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "second_factor_since" INTEGER NULL;
ALTER TABLE "accounts" ADD COLUMN "totp_last_step" INTEGER NULL;

CREATE TABLE "recovery_codes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_recovery_codes" PRIMARY KEY,
    "account_id" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" INTEGER NULL,
    CONSTRAINT "fk_recovery_codes_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_recovery_codes_account_id" ON "recovery_codes" ("account_id");
