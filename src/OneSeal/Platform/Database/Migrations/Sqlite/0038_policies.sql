-- Issue 13 §2, policy pushed the other way (src/OneSeal/Supervision/Policies): the policy documents line departments
-- publish to the bureau, the items they touch and their attachments; and the catalog's 待复核 flags on those items
-- (src/OneSeal/Catalog/Reviews), open until an administrator marks the item reviewed or publishes a new version.
CREATE TABLE "policy_documents" (
    "id" TEXT NOT NULL CONSTRAINT "pk_policy_documents" PRIMARY KEY,
    "department_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "document_number" TEXT NOT NULL,
    "issued_on" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "published_by" TEXT NOT NULL,
    "published_by_name" TEXT NOT NULL,
    "published_at" INTEGER NOT NULL,
    "ack_due_on" TEXT NOT NULL,
    "acknowledged_at" INTEGER NULL,
    "acknowledged_by" TEXT NULL,
    "acknowledged_by_name" TEXT NULL,
    CONSTRAINT "fk_policy_documents_department_id" FOREIGN KEY ("department_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "ix_policy_documents_department_id_document_number" ON "policy_documents" ("department_id", "document_number");
CREATE INDEX "ix_policy_documents_acknowledged_at_ack_due_on" ON "policy_documents" ("acknowledged_at", "ack_due_on");
CREATE TABLE "policy_items" (
    "policy_id" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    CONSTRAINT "pk_policy_items" PRIMARY KEY ("policy_id", "item_code"),
    CONSTRAINT "fk_policy_items_policy_id" FOREIGN KEY ("policy_id") REFERENCES "policy_documents" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_policy_items_item_code" ON "policy_items" ("item_code");
CREATE TABLE "policy_attachments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_policy_attachments" PRIMARY KEY,
    "policy_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    CONSTRAINT "fk_policy_attachments_policy_id" FOREIGN KEY ("policy_id") REFERENCES "policy_documents" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_policy_attachments_policy_id" ON "policy_attachments" ("policy_id");
CREATE UNIQUE INDEX "ix_policy_attachments_storage_key" ON "policy_attachments" ("storage_key");
CREATE TABLE "item_review_flags" (
    "id" TEXT NOT NULL CONSTRAINT "pk_item_review_flags" PRIMARY KEY,
    "item_code" TEXT NOT NULL,
    "source_kind" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "source_title" TEXT NOT NULL,
    "raised_at" INTEGER NOT NULL,
    "cleared_at" INTEGER NULL,
    "cleared_by" TEXT NULL,
    "cleared_how" TEXT NULL
);
CREATE INDEX "ix_item_review_flags_item_code_cleared_at" ON "item_review_flags" ("item_code", "cleared_at");
CREATE INDEX "ix_item_review_flags_source_kind_source_id" ON "item_review_flags" ("source_kind", "source_id");
