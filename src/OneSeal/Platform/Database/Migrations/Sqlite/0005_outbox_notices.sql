-- Transactional outbox (src/OneSeal/Platform/Outbox, docs/decisions/0004-outbox.md) and the sealed notices of a case (src/OneSeal/Notices).

CREATE TABLE "outbox_messages" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_outbox_messages" PRIMARY KEY AUTOINCREMENT,
    "topic" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "available_at" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,
    "last_error" TEXT NULL,
    "locked_until" INTEGER NULL,
    "locked_by" TEXT NULL,
    "processed_at" INTEGER NULL
);

CREATE TABLE "case_notices" (
    "id" TEXT NOT NULL CONSTRAINT "pk_case_notices" PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "case_number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "addressee" TEXT NOT NULL,
    "addressee_public" TEXT NOT NULL,
    "item_name" TEXT NOT NULL,
    "fields_json" TEXT NOT NULL,
    "issued_at" INTEGER NOT NULL,
    "issuer_organisation_id" TEXT NOT NULL,
    "issuer_name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "pdf_key" TEXT NULL,
    "pdf_sha256" TEXT NULL,
    "signed_payload" TEXT NULL,
    "signature" TEXT NULL,
    "seal_key_id" TEXT NULL,
    "signed_at" INTEGER NULL,
    "failure_reason" TEXT NULL,
    CONSTRAINT "fk_case_notices_issuer_organisation_id" FOREIGN KEY ("issuer_organisation_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_case_notices_seal_key_id" FOREIGN KEY ("seal_key_id") REFERENCES "seal_keys" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_case_notices_case_id_issued_at" ON "case_notices" ("case_id", "issued_at");

CREATE INDEX "ix_case_notices_issuer_organisation_id" ON "case_notices" ("issuer_organisation_id");

CREATE UNIQUE INDEX "ix_case_notices_number" ON "case_notices" ("number");

CREATE INDEX "ix_case_notices_pdf_sha256" ON "case_notices" ("pdf_sha256");

CREATE INDEX "ix_case_notices_seal_key_id" ON "case_notices" ("seal_key_id");

CREATE INDEX "ix_outbox_messages_available_at" ON "outbox_messages" ("available_at") WHERE processed_at IS NULL;

CREATE INDEX "ix_outbox_messages_processed_at" ON "outbox_messages" ("processed_at");
