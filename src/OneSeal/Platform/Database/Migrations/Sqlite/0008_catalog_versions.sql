-- Catalog elements, item versions (draft → in review → published → superseded), transfer batches, themes and
-- shared material types (docs/decisions/0007-item-versions.md).

CREATE TABLE "material_types" (
    "code" TEXT NOT NULL CONSTRAINT "pk_material_types" PRIMARY KEY,
    "name" TEXT NOT NULL
);

CREATE TABLE "themes" (
    "code" TEXT NOT NULL CONSTRAINT "pk_themes" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL
);

CREATE TABLE "transfer_batches" (
    "id" TEXT NOT NULL CONSTRAINT "pk_transfer_batches" PRIMARY KEY,
    "document_number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "effective_on" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "created_by_id" TEXT NULL
);

ALTER TABLE "items" ADD COLUMN "basic_code" TEXT NOT NULL DEFAULT '';

ALTER TABLE "items" ADD COLUMN "parent_code" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'Draft';

ALTER TABLE "items" ADD COLUMN "effective_from" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "superseded_on" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "change_note" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "transfer_batch_id" TEXT NULL CONSTRAINT "fk_items_transfer_batch_id" REFERENCES "transfer_batches" ("id") ON DELETE RESTRICT;

ALTER TABLE "items" ADD COLUMN "level" TEXT NOT NULL DEFAULT 'County';

ALTER TABLE "items" ADD COLUMN "entrusted_body_id" TEXT NULL CONSTRAINT "fk_items_entrusted_body_id" REFERENCES "agencies" ("id") ON DELETE RESTRICT;

ALTER TABLE "items" ADD COLUMN "legal_basis_text" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "fee_standard" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "online_depth" INTEGER NOT NULL DEFAULT 1;

ALTER TABLE "items" ADD COLUMN "appointment" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "items" ADD COLUMN "result_by_post" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "items" ADD COLUMN "tongban" TEXT NOT NULL DEFAULT 'None';

ALTER TABLE "items" ADD COLUMN "result_sample" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "intermediary_services" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "complaint_phone" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "window" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "created_at" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "items" ADD COLUMN "created_by_id" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "submitted_by_id" TEXT NULL;

ALTER TABLE "items" ADD COLUMN "published_at" INTEGER NULL;

ALTER TABLE "items" ADD COLUMN "published_by_id" TEXT NULL;

ALTER TABLE "item_materials" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'Applicant';

ALTER TABLE "item_materials" ADD COLUMN "material_type_code" TEXT NULL CONSTRAINT "fk_item_materials_material_type_code" REFERENCES "material_types" ("code") ON DELETE RESTRICT;

ALTER TABLE "item_materials" ADD COLUMN "form" TEXT NOT NULL DEFAULT 'Both';

ALTER TABLE "item_materials" ADD COLUMN "copies" INTEGER NOT NULL DEFAULT 1;

ALTER TABLE "item_materials" ADD COLUMN "legal_basis" TEXT NULL;

ALTER TABLE "item_materials" ADD COLUMN "blank_form" INTEGER NOT NULL DEFAULT 0;

-- Existing items become version 1: published ones in force from the day of this migration.
UPDATE "items" SET "status" = CASE WHEN published = 1 THEN 'Published' ELSE 'Draft' END,
    "effective_from" = CASE WHEN published = 1 THEN date('now') END, "published_at" = CASE WHEN published = 1 THEN 0 END;

DROP INDEX "ix_items_code";

ALTER TABLE "items" DROP COLUMN "published";

ALTER TABLE "item_search_keys" RENAME COLUMN "published" TO "in_force";

CREATE TABLE "item_joint_departments" (
    "item_id" TEXT NOT NULL,
    "agency_id" TEXT NOT NULL,
    CONSTRAINT "pk_item_joint_departments" PRIMARY KEY ("item_id", "agency_id"),
    CONSTRAINT "fk_item_joint_departments_agency_id" FOREIGN KEY ("agency_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_item_joint_departments_item_id" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE
);

CREATE TABLE "item_steps" (
    "id" TEXT NOT NULL CONSTRAINT "pk_item_steps" PRIMARY KEY,
    "item_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "share_percent" INTEGER NOT NULL,
    "stops_clock" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL,
    CONSTRAINT "fk_item_steps_item_id" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE
);

CREATE TABLE "item_themes" (
    "item_id" TEXT NOT NULL,
    "theme_code" TEXT NOT NULL,
    CONSTRAINT "pk_item_themes" PRIMARY KEY ("item_id", "theme_code"),
    CONSTRAINT "fk_item_themes_item_id" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_item_themes_theme_code" FOREIGN KEY ("theme_code") REFERENCES "themes" ("code") ON DELETE RESTRICT
);

CREATE TABLE "transfer_batch_items" (
    "batch_id" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "from_agency_id" TEXT NOT NULL,
    "previous_entrusted_body_id" TEXT NULL,
    "entrusted_body_id" TEXT NULL,
    "item_version_id" TEXT NOT NULL,
    CONSTRAINT "pk_transfer_batch_items" PRIMARY KEY ("batch_id", "item_code"),
    CONSTRAINT "fk_transfer_batch_items_batch_id" FOREIGN KEY ("batch_id") REFERENCES "transfer_batches" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_transfer_batch_items_entrusted_body_id" FOREIGN KEY ("entrusted_body_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_transfer_batch_items_from_agency_id" FOREIGN KEY ("from_agency_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_transfer_batch_items_item_version_id" FOREIGN KEY ("item_version_id") REFERENCES "items" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_transfer_batch_items_previous_entrusted_body_id" FOREIGN KEY ("previous_entrusted_body_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_item_joint_departments_agency_id" ON "item_joint_departments" ("agency_id");

CREATE INDEX "ix_item_materials_material_type_code" ON "item_materials" ("material_type_code");

CREATE UNIQUE INDEX "ix_item_steps_item_id_sort_order" ON "item_steps" ("item_id", "sort_order");

CREATE INDEX "ix_item_themes_theme_code" ON "item_themes" ("theme_code");

CREATE UNIQUE INDEX "ix_items_code" ON "items" ("code") WHERE status IN ('Draft', 'InReview');

CREATE INDEX "ix_items_code_status_effective_from" ON "items" ("code", "status", "effective_from");

CREATE UNIQUE INDEX "ix_items_code_version" ON "items" ("code", "version");

CREATE INDEX "ix_items_entrusted_body_id" ON "items" ("entrusted_body_id");

CREATE INDEX "ix_items_transfer_batch_id" ON "items" ("transfer_batch_id");

CREATE INDEX "ix_transfer_batch_items_entrusted_body_id" ON "transfer_batch_items" ("entrusted_body_id");

CREATE INDEX "ix_transfer_batch_items_from_agency_id" ON "transfer_batch_items" ("from_agency_id");

CREATE INDEX "ix_transfer_batch_items_item_code" ON "transfer_batch_items" ("item_code");

CREATE INDEX "ix_transfer_batch_items_item_version_id" ON "transfer_batch_items" ("item_version_id");

CREATE INDEX "ix_transfer_batch_items_previous_entrusted_body_id" ON "transfer_batch_items" ("previous_entrusted_body_id");

CREATE UNIQUE INDEX "ix_transfer_batches_document_number" ON "transfer_batches" ("document_number");
