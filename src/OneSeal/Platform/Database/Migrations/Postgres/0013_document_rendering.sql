-- Certificates are rendered and signed after the decision commits (outbox certificate.render): the row says whether its
-- PDF exists yet, why the last attempt failed, and keeps what the PDF prints (encrypted) until it is issued.

ALTER TABLE certificates ADD COLUMN pdf_status character varying(16) NOT NULL DEFAULT 'Issued';
ALTER TABLE certificates ADD COLUMN pdf_failure_reason character varying(2000) NULL;
ALTER TABLE certificates ADD COLUMN print_protected text NULL;

-- The orphan-file sweep asks which stored keys a row still names.
CREATE INDEX ix_certificates_pdf_key ON certificates (pdf_key);
CREATE INDEX ix_case_notices_pdf_key ON case_notices (pdf_key);
