-- Personal form fields encrypted at rest (docs/decisions/0008-personal-data-at-rest.md): rows written before stay flagged
-- until the start-up step (Cases/Forms/LegacyFormProtection.cs) rewrites them.
ALTER TABLE "cases" ADD COLUMN "form_protected" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "ix_cases_form_protected" ON "cases" ("form_protected") WHERE NOT form_protected;

-- Audit anchors signed with a key kept outside the database (docs/decisions/0006-audit-chain-per-stream.md), and each
-- verification recorded for the auditor page.
ALTER TABLE "audit_anchors" ADD COLUMN "key_id" TEXT NULL;
ALTER TABLE "audit_anchors" ADD COLUMN "signature" TEXT NULL;

CREATE TABLE "audit_verifications" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_audit_verifications" PRIMARY KEY AUTOINCREMENT,
    "at" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "intact" INTEGER NOT NULL,
    "entries" INTEGER NOT NULL,
    "anchors" INTEGER NOT NULL,
    "first_broken_id" INTEGER NULL,
    "problem" TEXT NULL,
    "problem_zh" TEXT NULL,
    "elapsed_ms" INTEGER NOT NULL
);
CREATE INDEX "ix_audit_verifications_at" ON "audit_verifications" ("at");
