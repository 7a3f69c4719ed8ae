-- Personal form fields encrypted at rest (docs/decisions/0008-personal-data-at-rest.md): rows written before stay flagged
-- until the start-up step (Cases/Forms/LegacyFormProtection.cs) rewrites them.
ALTER TABLE cases ADD COLUMN form_protected boolean NOT NULL DEFAULT false;
CREATE INDEX ix_cases_form_unprotected ON cases (form_protected) WHERE NOT form_protected;
