-- Issue 11 §4 and §7 (src/OneSeal/Hall/Chief, src/OneSeal/Hall/StandIn): the window chief's powers granted per account by
-- the security administrator, pre-reviews of drafts, joint reviews (one row per department asked), the case's assignee
-- (set by reassignment), and A posts marked absent for a day (their B post stands in).
CREATE TABLE "window_chief_grants" (
    "account_id" TEXT NOT NULL,
    "power" TEXT NOT NULL,
    "granted_at" INTEGER NOT NULL,
    "granted_by_id" TEXT NOT NULL,
    CONSTRAINT "pk_window_chief_grants" PRIMARY KEY ("account_id", "power"),
    CONSTRAINT "fk_window_chief_grants_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE
);

CREATE TABLE "case_pre_reviews" (
    "id" TEXT NOT NULL CONSTRAINT "pk_case_pre_reviews" PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "reviewer_id" TEXT NOT NULL,
    "reviewer_name" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "items_json" TEXT NOT NULL,
    "note" TEXT NULL,
    CONSTRAINT "fk_case_pre_reviews_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_case_pre_reviews_reviewer_id" FOREIGN KEY ("reviewer_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_case_pre_reviews_case_id_at" ON "case_pre_reviews" ("case_id", "at");

CREATE TABLE "joint_reviews" (
    "id" TEXT NOT NULL CONSTRAINT "pk_joint_reviews" PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "department_id" TEXT NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "requested_at" INTEGER NOT NULL,
    "question" TEXT NULL,
    "due_on" TEXT NOT NULL,
    "opinion" TEXT NULL,
    "agree" INTEGER NULL,
    "answered_by_id" TEXT NULL,
    "answered_by_name" TEXT NULL,
    "answered_at" INTEGER NULL,
    CONSTRAINT "fk_joint_reviews_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_joint_reviews_department_id" FOREIGN KEY ("department_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_joint_reviews_requested_by_id" FOREIGN KEY ("requested_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_joint_reviews_answered_by_id" FOREIGN KEY ("answered_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_joint_reviews_case_id" ON "joint_reviews" ("case_id");
CREATE INDEX "ix_joint_reviews_department_id_answered_at" ON "joint_reviews" ("department_id", "answered_at");

ALTER TABLE "cases" ADD COLUMN "assignee_id" TEXT NULL CONSTRAINT "fk_cases_assignee_id" REFERENCES "accounts" ("id") ON DELETE RESTRICT;
CREATE INDEX "ix_cases_assignee_id" ON "cases" ("assignee_id");

CREATE TABLE "window_absences" (
    "id" TEXT NOT NULL CONSTRAINT "pk_window_absences" PRIMARY KEY,
    "window_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "marked_by_id" TEXT NOT NULL,
    "marked_at" INTEGER NOT NULL,
    CONSTRAINT "fk_window_absences_window_id" FOREIGN KEY ("window_id") REFERENCES "windows" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_window_absences_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_window_absences_marked_by_id" FOREIGN KEY ("marked_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "ix_window_absences_window_id_day" ON "window_absences" ("window_id", "day");
-- Foreign keys to accounts are indexed (an account's deletion check, "what did this person do").
CREATE INDEX "ix_case_pre_reviews_reviewer_id" ON "case_pre_reviews" ("reviewer_id");
CREATE INDEX "ix_joint_reviews_answered_by_id" ON "joint_reviews" ("answered_by_id");
CREATE INDEX "ix_joint_reviews_requested_by_id" ON "joint_reviews" ("requested_by_id");
CREATE INDEX "ix_window_absences_account_id" ON "window_absences" ("account_id");
CREATE INDEX "ix_window_absences_marked_by_id" ON "window_absences" ("marked_by_id");
