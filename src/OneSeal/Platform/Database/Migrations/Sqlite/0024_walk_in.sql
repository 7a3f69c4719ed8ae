-- Issue 11, walk-in applications (src/OneSeal/Hall/WalkIn): an applicant recorded at a window is an account that cannot
-- sign in until the person registers online with the same identity code (registration claims it); a case filed at a
-- window names the window and the clerk; each paper material is marked original seen or copy kept; and the competent
-- departments whose items each hall theme takes (无差别受理).
ALTER TABLE "accounts" ADD COLUMN "recorded_at_window_at" INTEGER NULL;
ALTER TABLE "accounts" ADD COLUMN "recorded_by_id" TEXT NULL;
ALTER TABLE "cases" ADD COLUMN "window_id" TEXT NULL CONSTRAINT "fk_cases_window_id" REFERENCES "windows" ("id") ON DELETE RESTRICT;
ALTER TABLE "cases" ADD COLUMN "filed_by_id" TEXT NULL;
CREATE INDEX "ix_cases_window_id" ON "cases" ("window_id");
ALTER TABLE "case_materials" ADD COLUMN "paper_check" TEXT NULL;

CREATE TABLE "hall_theme_departments" (
    "theme_code" TEXT NOT NULL,
    "department_id" TEXT NOT NULL,
    CONSTRAINT "pk_hall_theme_departments" PRIMARY KEY ("theme_code", "department_id"),
    CONSTRAINT "fk_hall_theme_departments_theme_code" FOREIGN KEY ("theme_code") REFERENCES "hall_themes" ("code") ON DELETE CASCADE,
    CONSTRAINT "fk_hall_theme_departments_department_id" FOREIGN KEY ("department_id") REFERENCES "agencies" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_hall_theme_departments_department_id" ON "hall_theme_departments" ("department_id");
