-- The case's working-day clock (Art. 42, 45): pauses, extension, deadline state, deemed acceptance, delivery; job leases.
ALTER TABLE "cases" ADD COLUMN "extension_days" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "cases" ADD COLUMN "extension_reason" TEXT NULL;
ALTER TABLE "cases" ADD COLUMN "extended_by_id" TEXT NULL;
ALTER TABLE "cases" ADD COLUMN "paused_days" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "cases" ADD COLUMN "yellow_on" TEXT NULL;
ALTER TABLE "cases" ADD COLUMN "deadline_state" TEXT NOT NULL DEFAULT 'Normal';
ALTER TABLE "cases" ADD COLUMN "deemed_accepted" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "cases" ADD COLUMN "decided_on" TEXT NULL;
ALTER TABLE "cases" ADD COLUMN "delivery_due_date" TEXT NULL;
ALTER TABLE "cases" ADD COLUMN "delivery_mode" TEXT NULL;
ALTER TABLE "cases" ADD COLUMN "tracking_number" TEXT NULL;
ALTER TABLE "cases" ADD COLUMN "end_reason" TEXT NULL;

CREATE TABLE "case_pauses" (
    "id" TEXT NOT NULL CONSTRAINT "pk_case_pauses" PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "expected_days" INTEGER NOT NULL,
    "started_on" TEXT NOT NULL,
    "started_at" INTEGER NOT NULL,
    "started_by_id" TEXT NOT NULL,
    "ended_on" TEXT NULL,
    "ended_at" INTEGER NULL,
    "ended_by_id" TEXT NULL,
    "resume_status" TEXT NOT NULL,
    CONSTRAINT "fk_case_pauses_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE
);

CREATE TABLE "job_leases" (
    "name" TEXT NOT NULL CONSTRAINT "pk_job_leases" PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "lease_until" INTEGER NOT NULL
);

CREATE INDEX "ix_case_pauses_case_id_started_at" ON "case_pauses" ("case_id", "started_at");
CREATE INDEX "ix_cases_status_due_date" ON "cases" ("status", "due_date");
CREATE INDEX "ix_cases_status_yellow_on" ON "cases" ("status", "yellow_on");
