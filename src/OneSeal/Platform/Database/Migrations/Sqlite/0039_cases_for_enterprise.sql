-- Issue 10 §5, agents act for the enterprise (src/OneSeal/Organisation/Applicants/AgentGrant.cs): the enterprise account
-- a case was filed for by its agent (经办人); the enterprise reads those cases in its own list.
ALTER TABLE "cases" ADD COLUMN "for_enterprise_account_id" TEXT NULL;
CREATE INDEX "ix_cases_for_enterprise_account_id_created_at" ON "cases" ("for_enterprise_account_id", "created_at");
