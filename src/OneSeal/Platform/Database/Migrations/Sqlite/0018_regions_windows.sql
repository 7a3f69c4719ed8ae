-- Issue 10, organisations and windows: the region tree (GB/T 2260 extended to 12 digits: county → township → village)
-- the organisations serve, and the hall's windows with the themes a comprehensive window takes (hall themes are data:
-- the usual ones are entered here, a county may add its own).
CREATE TABLE "regions" (
    "code" TEXT NOT NULL CONSTRAINT "pk_regions" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "parent_code" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "fk_regions_parent_code" FOREIGN KEY ("parent_code") REFERENCES "regions" ("code") ON DELETE RESTRICT
);
CREATE INDEX "ix_regions_parent_code" ON "regions" ("parent_code");

CREATE TABLE "hall_themes" (
    "code" TEXT NOT NULL CONSTRAINT "pk_hall_themes" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL
);
INSERT INTO "hall_themes" ("code", "name", "sort_order") VALUES
    ('market', '市场准入', 1), ('construction', '基本建设', 2), ('agriculture', '农牧业', 3), ('social', '社会事业', 4),
    ('police', '公安户政', 5), ('social-security', '社保医保', 6), ('real-estate', '不动产登记', 7), ('transport', '交通运输', 8);

CREATE TABLE "windows" (
    "id" TEXT NOT NULL CONSTRAINT "pk_windows" PRIMARY KEY,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hall_id" TEXT NOT NULL,
    "zone" TEXT NULL,
    "kind" TEXT NOT NULL,
    "department_id" TEXT NULL,
    "a_post_id" TEXT NULL,
    "b_post_id" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "closed_at" INTEGER NULL,
    CONSTRAINT "fk_windows_hall_id" FOREIGN KEY ("hall_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_windows_department_id" FOREIGN KEY ("department_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_windows_a_post_id" FOREIGN KEY ("a_post_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_windows_b_post_id" FOREIGN KEY ("b_post_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_windows_hall_id_number" ON "windows" ("hall_id", "number");
CREATE INDEX "ix_windows_department_id" ON "windows" ("department_id");
CREATE INDEX "ix_windows_a_post_id" ON "windows" ("a_post_id");
CREATE INDEX "ix_windows_b_post_id" ON "windows" ("b_post_id");

CREATE TABLE "window_themes" (
    "window_id" TEXT NOT NULL,
    "theme_code" TEXT NOT NULL,
    CONSTRAINT "pk_window_themes" PRIMARY KEY ("window_id", "theme_code"),
    CONSTRAINT "fk_window_themes_window_id" FOREIGN KEY ("window_id") REFERENCES "windows" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_window_themes_theme_code" FOREIGN KEY ("theme_code") REFERENCES "hall_themes" ("code") ON DELETE RESTRICT
);
CREATE INDEX "ix_window_themes_theme_code" ON "window_themes" ("theme_code");
