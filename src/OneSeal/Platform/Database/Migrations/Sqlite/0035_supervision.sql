-- Issue 13 §1, 审管互动 (src/OneSeal/Supervision): results pushed to the supervising department in the decision's
-- transaction, claimed within working days, supervised and reported back; 告知承诺 verification results; the daily
-- digest sent once per department and day; the supervising department on each case (its staff read the case).
ALTER TABLE "cases" ADD COLUMN "supervising_department_id" TEXT NULL;
UPDATE "cases" SET "supervising_department_id" = (SELECT "i"."supervising_department_id" FROM "items" AS "i" WHERE "i"."id" = "cases"."item_id");

ALTER TABLE "verification_tasks" ADD COLUMN "handling_organisation_id" TEXT NULL;
ALTER TABLE "verification_tasks" ADD COLUMN "push_id" TEXT NULL;
ALTER TABLE "verification_tasks" ADD COLUMN "truthful" INTEGER NULL;
ALTER TABLE "verification_tasks" ADD COLUMN "result_note" TEXT NULL;
ALTER TABLE "verification_tasks" ADD COLUMN "verified_at" INTEGER NULL;
ALTER TABLE "verification_tasks" ADD COLUMN "verified_by_id" TEXT NULL;
ALTER TABLE "verification_tasks" ADD COLUMN "verified_by_name" TEXT NULL;
UPDATE "verification_tasks" SET "handling_organisation_id" = (SELECT "c"."handling_organisation_id" FROM "cases" AS "c" WHERE "c"."id" = "verification_tasks"."case_id");
CREATE INDEX "ix_verification_tasks_handling_organisation_id_status" ON "verification_tasks" ("handling_organisation_id", "status");

CREATE TABLE "supervision_pushes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_supervision_pushes" PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "case_number" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "item_name" TEXT NOT NULL,
    "holder_name" TEXT NOT NULL,
    "department_id" TEXT NOT NULL,
    "handling_organisation_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "pushed_at" INTEGER NOT NULL,
    "pushed_on" TEXT NOT NULL,
    "claim_by" TEXT NOT NULL,
    "claimed_at" INTEGER NULL,
    "claimed_by_id" TEXT NULL,
    "claimed_by_name" TEXT NULL,
    "reported_at" INTEGER NULL
);
CREATE INDEX "ix_supervision_pushes_department_id_claimed_at_claim_by" ON "supervision_pushes" ("department_id", "claimed_at", "claim_by");
CREATE INDEX "ix_supervision_pushes_case_id" ON "supervision_pushes" ("case_id");

CREATE TABLE "supervision_records" (
    "id" TEXT NOT NULL CONSTRAINT "pk_supervision_records" PRIMARY KEY,
    "push_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "checked_on" TEXT NOT NULL,
    "inspectors" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "recorded_by_id" TEXT NOT NULL,
    "recorded_by_name" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    CONSTRAINT "fk_supervision_records_push_id" FOREIGN KEY ("push_id") REFERENCES "supervision_pushes" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_supervision_records_push_id_checked_on" ON "supervision_records" ("push_id", "checked_on");

CREATE TABLE "supervision_attachments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_supervision_attachments" PRIMARY KEY,
    "record_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    CONSTRAINT "fk_supervision_attachments_record_id" FOREIGN KEY ("record_id") REFERENCES "supervision_records" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_supervision_attachments_record_id" ON "supervision_attachments" ("record_id");

CREATE TABLE "supervision_digests" (
    "department_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "to_claim" INTEGER NOT NULL,
    "claimed_today" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,
    "recipients" INTEGER NOT NULL,
    "sent_at" INTEGER NOT NULL,
    CONSTRAINT "pk_supervision_digests" PRIMARY KEY ("department_id", "day")
);
