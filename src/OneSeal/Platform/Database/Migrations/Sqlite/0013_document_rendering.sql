-- Certificates are rendered and signed after the decision commits (outbox certificate.render): the row says whether its
-- PDF exists yet, why the last attempt failed, and keeps what the PDF prints (encrypted) until it is issued.

ALTER TABLE "certificates" ADD COLUMN "pdf_status" TEXT NOT NULL DEFAULT 'Issued';
ALTER TABLE "certificates" ADD COLUMN "pdf_failure_reason" TEXT NULL;
ALTER TABLE "certificates" ADD COLUMN "print_protected" TEXT NULL;

-- The orphan-file sweep asks which stored keys a row still names.
CREATE INDEX "ix_certificates_pdf_key" ON "certificates" ("pdf_key");
CREATE INDEX "ix_case_notices_pdf_key" ON "case_notices" ("pdf_key");
