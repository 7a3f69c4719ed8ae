-- Issue 10 §2, section data scope (src/OneSeal/Organisation/DataReach.cs): an item version may name its handling section
-- (承办科室, a section of its implementing organisation); a case copies it when filed, so queues filter by section in SQL.
-- Existing versions and cases name none: staff with section scope placed in a section reach them only once a version does.
ALTER TABLE "items" ADD COLUMN "handling_section_id" TEXT NULL CONSTRAINT "fk_items_handling_section_id" REFERENCES "agencies" ("id") ON DELETE RESTRICT;
CREATE INDEX "ix_items_handling_section_id" ON "items" ("handling_section_id");

ALTER TABLE "cases" ADD COLUMN "handling_section_id" TEXT NULL CONSTRAINT "fk_cases_handling_section_id" REFERENCES "agencies" ("id") ON DELETE RESTRICT;
CREATE INDEX "ix_cases_handling_section_id_status_submitted_at" ON "cases" ("handling_section_id", "status", "submitted_at");
