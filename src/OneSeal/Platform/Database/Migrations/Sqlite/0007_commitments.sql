-- Commitments (容缺受理, 告知承诺制), 超时默认 per item, verification tasks for supervising departments.

ALTER TABLE "items" ADD COLUMN "commitment_approval" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "items" ADD COLUMN "deemed_approval_on_timeout" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "item_materials" ADD COLUMN "tolerable" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "case_commitments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_case_commitments" PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "materials_json" TEXT NULL,
    "supply_by" TEXT NULL,
    "signed_at" INTEGER NOT NULL,
    "signed_by_id" TEXT NOT NULL,
    "fulfilled_at" INTEGER NULL,
    "warned_at" INTEGER NULL,
    CONSTRAINT "fk_case_commitments_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE
);

CREATE TABLE "verification_tasks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_verification_tasks" PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "case_number" TEXT NOT NULL,
    "department_id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "due_on" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "ix_case_commitments_case_id_kind" ON "case_commitments" ("case_id", "kind");

CREATE INDEX "ix_case_commitments_kind_fulfilled_at_supply_by" ON "case_commitments" ("kind", "fulfilled_at", "supply_by");

CREATE INDEX "ix_verification_tasks_case_id" ON "verification_tasks" ("case_id");

CREATE INDEX "ix_verification_tasks_department_id_status_due_on" ON "verification_tasks" ("department_id", "status", "due_on");
