CREATE TABLE "agencies" (
    "id" TEXT NOT NULL CONSTRAINT "pk_agencies" PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "uscc" TEXT NULL,
    "phone" TEXT NULL,
    "region_code" TEXT NOT NULL
);


CREATE TABLE "audit_entries" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_audit_entries" PRIMARY KEY AUTOINCREMENT,
    "at" INTEGER NOT NULL,
    "actor_id" TEXT NULL,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "detail" TEXT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);


CREATE TABLE "idempotency_records" (
    "account_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER NOT NULL,
    "response_json" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "pk_idempotency_records" PRIMARY KEY ("account_id", "key")
);


CREATE TABLE "sequences" (
    "name" TEXT NOT NULL CONSTRAINT "pk_sequences" PRIMARY KEY,
    "value" INTEGER NOT NULL
);


CREATE TABLE "accounts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_accounts" PRIMARY KEY,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "organisation_id" TEXT NULL,
    "identity_code_protected" TEXT NULL,
    "identity_code_masked" TEXT NULL,
    "phone" TEXT NULL,
    "disabled" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "fk_accounts_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT
);


CREATE TABLE "items" (
    "id" TEXT NOT NULL CONSTRAINT "pk_items" PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "service_object" TEXT NOT NULL,
    "competent_department_id" TEXT NOT NULL,
    "implementing_organisation_id" TEXT NOT NULL,
    "supervising_department_id" TEXT NOT NULL,
    "statutory_days" INTEGER NOT NULL,
    "promised_days" INTEGER NOT NULL,
    "legal_basis" TEXT NOT NULL,
    "conditions" TEXT NOT NULL,
    "fee_charged" INTEGER NOT NULL,
    "fee_amount" TEXT NULL,
    "fee_basis" TEXT NULL,
    "visits" INTEGER NOT NULL,
    "result_name" TEXT NOT NULL,
    "result_type_code" TEXT NOT NULL,
    "result_validity_years" INTEGER NULL,
    "phone" TEXT NULL,
    "published" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_items_competent_department_id" FOREIGN KEY ("competent_department_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_items_implementing_organisation_id" FOREIGN KEY ("implementing_organisation_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_items_supervising_department_id" FOREIGN KEY ("supervising_department_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT
);


CREATE TABLE "account_roles" (
    "account_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "pk_account_roles" PRIMARY KEY ("account_id", "role"),
    CONSTRAINT "fk_account_roles_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE
);


CREATE TABLE "cases" (
    "id" TEXT NOT NULL CONSTRAINT "pk_cases" PRIMARY KEY,
    "case_number" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "item_name" TEXT NOT NULL,
    "handling_organisation_id" TEXT NOT NULL,
    "applicant_account_id" TEXT NOT NULL,
    "applicant_name" TEXT NOT NULL,
    "applicant_kind" TEXT NOT NULL,
    "applicant_identity_masked" TEXT NULL,
    "channel" TEXT NOT NULL,
    "form_json" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statutory_days" INTEGER NOT NULL,
    "promised_days" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "submitted_at" INTEGER NULL,
    "correction_materials_json" TEXT NULL,
    "correction_note" TEXT NULL,
    "correction_requested_at" INTEGER NULL,
    "refusal_reason" TEXT NULL,
    "accepted_by_id" TEXT NULL,
    "accepted_at" INTEGER NULL,
    "accepted_on" TEXT NULL,
    "due_date" TEXT NULL,
    "reviewed_by_id" TEXT NULL,
    "reviewed_at" INTEGER NULL,
    "review_opinion" TEXT NULL,
    "review_recommends_approval" INTEGER NULL,
    "decided_by_id" TEXT NULL,
    "decided_at" INTEGER NULL,
    "approved" INTEGER NULL,
    "decision_reason" TEXT NULL,
    "certificate_number" TEXT NULL,
    "delivered_at" INTEGER NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_cases_applicant_account_id" FOREIGN KEY ("applicant_account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_cases_handling_organisation_id" FOREIGN KEY ("handling_organisation_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_cases_item_id" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE RESTRICT
);


CREATE TABLE "item_form_fields" (
    "id" TEXT NOT NULL CONSTRAINT "pk_item_form_fields" PRIMARY KEY,
    "item_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "required" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL,
    CONSTRAINT "fk_item_form_fields_item_id" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE
);


CREATE TABLE "item_materials" (
    "id" TEXT NOT NULL CONSTRAINT "pk_item_materials" PRIMARY KEY,
    "item_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "required" INTEGER NOT NULL,
    "description" TEXT NULL,
    "sort_order" INTEGER NOT NULL,
    CONSTRAINT "fk_item_materials_item_id" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE
);


CREATE TABLE "case_events" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_case_events" PRIMARY KEY AUTOINCREMENT,
    "case_id" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "actor_id" TEXT NULL,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "note" TEXT NULL,
    "from_status" TEXT NULL,
    "to_status" TEXT NOT NULL,
    CONSTRAINT "fk_case_events_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE
);


CREATE TABLE "case_materials" (
    "id" TEXT NOT NULL CONSTRAINT "pk_case_materials" PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "material_code" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "uploaded_at" INTEGER NOT NULL,
    "uploaded_by_id" TEXT NOT NULL,
    "superseded" INTEGER NOT NULL,
    CONSTRAINT "fk_case_materials_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE
);


CREATE INDEX "ix_accounts_organisation_id" ON "accounts" ("organisation_id");


CREATE UNIQUE INDEX "ix_accounts_username" ON "accounts" ("username");


CREATE UNIQUE INDEX "ix_agencies_code" ON "agencies" ("code");


CREATE INDEX "ix_audit_entries_entity_type_entity_id" ON "audit_entries" ("entity_type", "entity_id");


CREATE INDEX "ix_case_events_case_id_id" ON "case_events" ("case_id", "id");


CREATE INDEX "ix_case_materials_case_id_material_code" ON "case_materials" ("case_id", "material_code");


CREATE INDEX "ix_cases_applicant_account_id_created_at" ON "cases" ("applicant_account_id", "created_at");


CREATE UNIQUE INDEX "ix_cases_case_number" ON "cases" ("case_number");


CREATE INDEX "ix_cases_handling_organisation_id_status_submitted_at" ON "cases" ("handling_organisation_id", "status", "submitted_at");


CREATE INDEX "ix_cases_item_id" ON "cases" ("item_id");


CREATE UNIQUE INDEX "ix_item_form_fields_item_id_key" ON "item_form_fields" ("item_id", "key");


CREATE UNIQUE INDEX "ix_item_materials_item_id_code" ON "item_materials" ("item_id", "code");


CREATE UNIQUE INDEX "ix_items_code" ON "items" ("code");


CREATE INDEX "ix_items_competent_department_id" ON "items" ("competent_department_id");


CREATE INDEX "ix_items_implementing_organisation_id" ON "items" ("implementing_organisation_id");


CREATE INDEX "ix_items_supervising_department_id" ON "items" ("supervising_department_id");



