-- Issue 10, administrators, audit, seals: the audit administrator's search over the trail (by actor, object, action,
-- time; newest first), each approving organisation's seal (name, impression, custodian), its usage log, and keys retired
-- by a rotation (they keep verifying what they signed).
CREATE INDEX "ix_audit_entries_actor_id_id" ON "audit_entries" ("actor_id", "id");
CREATE INDEX "ix_audit_entries_actor_name_id" ON "audit_entries" ("actor_name", "id");
CREATE INDEX "ix_audit_entries_action_id" ON "audit_entries" ("action", "id");
CREATE INDEX "ix_audit_entries_entity_id_id" ON "audit_entries" ("entity_id", "id");
CREATE INDEX "ix_audit_entries_at" ON "audit_entries" ("at");

ALTER TABLE "seal_keys" ADD COLUMN "retired_at" INTEGER NULL;
ALTER TABLE "certificates" ADD COLUMN "decided_by_id" TEXT NULL;
ALTER TABLE "case_notices" ADD COLUMN "decided_by_id" TEXT NULL;

CREATE TABLE "seals" (
    "id" TEXT NOT NULL CONSTRAINT "pk_seals" PRIMARY KEY,
    "organisation_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "custodian_account_id" TEXT NULL,
    "image_png" BLOB NULL,
    "image_updated_at" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "fk_seals_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_seals_custodian_account_id" FOREIGN KEY ("custodian_account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "ix_seals_organisation_id" ON "seals" ("organisation_id");
CREATE INDEX "ix_seals_custodian_account_id" ON "seals" ("custodian_account_id");

CREATE TABLE "seal_usages" (
    "id" TEXT NOT NULL CONSTRAINT "pk_seal_usages" PRIMARY KEY,
    "organisation_id" TEXT NOT NULL,
    "seal_key_id" TEXT NOT NULL,
    "document_kind" TEXT NOT NULL,
    "document_number" TEXT NOT NULL,
    "document_title" TEXT NOT NULL,
    "case_number" TEXT NULL,
    "decided_by_id" TEXT NULL,
    "at" INTEGER NOT NULL,
    CONSTRAINT "fk_seal_usages_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_seal_usages_seal_key_id" FOREIGN KEY ("seal_key_id") REFERENCES "seal_keys" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_seal_usages_organisation_id_at" ON "seal_usages" ("organisation_id", "at");
CREATE INDEX "ix_seal_usages_seal_key_id" ON "seal_usages" ("seal_key_id");
