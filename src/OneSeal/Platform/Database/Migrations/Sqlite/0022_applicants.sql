-- Applicant self-registration (src/OneSeal/Organisation/Applicants): the phone encrypted with a masked copy and a keyed
-- hash for lookup (accounts.phone stays for staff office numbers; applicants' clear phones move at start, see
-- ApplicantLookupBackfill), the identity code's keyed hash (walk-in records are linked by it later), one-time SMS codes,
-- enterprise agents, and the development SMS outbox of demo mode.
ALTER TABLE "accounts" ADD COLUMN "phone_protected" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "phone_masked" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "phone_hash" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "phone_verified_at" INTEGER NULL;
ALTER TABLE "accounts" ADD COLUMN "identity_code_hash" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "legal_representative" TEXT NULL;
-- Accounts that exist already were created by staff or the seed: they sign in as before.
UPDATE "accounts" SET "phone_verified_at" = "created_at";
CREATE UNIQUE INDEX "ix_accounts_phone_hash" ON "accounts" ("phone_hash");
CREATE UNIQUE INDEX "ix_accounts_identity_code_hash" ON "accounts" ("identity_code_hash");

CREATE TABLE "one_time_codes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_one_time_codes" PRIMARY KEY,
    "phone_hash" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,
    "used_at" INTEGER NULL
);
CREATE INDEX "ix_one_time_codes_phone_hash_created_at" ON "one_time_codes" ("phone_hash", "created_at");

CREATE TABLE "agent_grants" (
    "id" TEXT NOT NULL CONSTRAINT "pk_agent_grants" PRIMARY KEY,
    "enterprise_account_id" TEXT NOT NULL CONSTRAINT "fk_agent_grants_enterprise_account_id" REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "agent_account_id" TEXT NOT NULL CONSTRAINT "fk_agent_grants_agent_account_id" REFERENCES "accounts" ("id") ON DELETE CASCADE,
    "ends_on" TEXT NOT NULL,
    "granted_at" INTEGER NOT NULL,
    "revoked_at" INTEGER NULL
);
CREATE INDEX "ix_agent_grants_enterprise_account_id" ON "agent_grants" ("enterprise_account_id");
CREATE INDEX "ix_agent_grants_agent_account_id" ON "agent_grants" ("agent_account_id");

CREATE TABLE "dev_sms_messages" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_dev_sms_messages" PRIMARY KEY AUTOINCREMENT,
    "phone" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sent_at" INTEGER NOT NULL
);
CREATE INDEX "ix_dev_sms_messages_sent_at" ON "dev_sms_messages" ("sent_at");
