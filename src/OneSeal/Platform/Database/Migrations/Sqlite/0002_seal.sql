-- The one seal: organisations' SM2 seal keys and the certificates issued under them (src/OneSeal/Seal).

CREATE TABLE "seal_keys" (
    "id" TEXT NOT NULL CONSTRAINT "pk_seal_keys" PRIMARY KEY,
    "organisation_id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "public_key_hex" TEXT NOT NULL,
    "private_key_protected" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,
    CONSTRAINT "fk_seal_keys_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT
);

CREATE TABLE "certificates" (
    "id" TEXT NOT NULL CONSTRAINT "pk_certificates" PRIMARY KEY,
    "number" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "holder_account_id" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type_code" TEXT NOT NULL,
    "holder_name" TEXT NOT NULL,
    "holder_code_type" TEXT NOT NULL,
    "holder_code_masked" TEXT NOT NULL,
    "holder_code_protected" TEXT NOT NULL,
    "issuer_organisation_id" TEXT NOT NULL,
    "issuer_name" TEXT NOT NULL,
    "issuer_code" TEXT NOT NULL,
    "issued_on" TEXT NOT NULL,
    "valid_from" TEXT NOT NULL,
    "valid_until" TEXT NULL,
    "status" TEXT NOT NULL,
    "revoked_at" INTEGER NULL,
    "revoked_reason" TEXT NULL,
    "pdf_key" TEXT NOT NULL,
    "pdf_sha256" TEXT NOT NULL,
    "signed_payload" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "seal_key_id" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "fk_certificates_issuer_organisation_id" FOREIGN KEY ("issuer_organisation_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_certificates_seal_key_id" FOREIGN KEY ("seal_key_id") REFERENCES "seal_keys" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_certificates_case_id" ON "certificates" ("case_id");

CREATE INDEX "ix_certificates_holder_account_id" ON "certificates" ("holder_account_id");

CREATE INDEX "ix_certificates_issuer_organisation_id" ON "certificates" ("issuer_organisation_id");

CREATE UNIQUE INDEX "ix_certificates_number" ON "certificates" ("number");

CREATE INDEX "ix_certificates_pdf_sha256" ON "certificates" ("pdf_sha256");

CREATE INDEX "ix_certificates_seal_key_id" ON "certificates" ("seal_key_id");

CREATE UNIQUE INDEX "ix_seal_keys_organisation_id" ON "seal_keys" ("organisation_id") WHERE active;

CREATE INDEX "ix_seal_keys_organisation_id_created_at" ON "seal_keys" ("organisation_id", "created_at");
