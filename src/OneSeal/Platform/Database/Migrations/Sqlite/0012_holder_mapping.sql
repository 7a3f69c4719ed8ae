-- 持证主体: which application-form fields name the licensed entity and give its code, and of which GB/T 36903 code type.
-- 告知承诺可替代: materials a notification commitment (告知承诺制) replaces.

ALTER TABLE "items" ADD COLUMN "holder_name_field" TEXT NULL;
ALTER TABLE "items" ADD COLUMN "holder_code_field" TEXT NULL;
ALTER TABLE "items" ADD COLUMN "holder_code_type" TEXT NULL;
ALTER TABLE "item_materials" ADD COLUMN "replaceable_by_commitment" INTEGER NOT NULL DEFAULT 0;

-- Existing versions whose form names an enterprise and its credit code are made out to that enterprise; the others keep
-- the applicant's own account as the holder (a citizen applying for themself, an enterprise for itself).
UPDATE "items" SET "holder_name_field" = 'enterpriseName', "holder_code_field" = 'uscc', "holder_code_type" = '001'
WHERE "holder_code_type" IS NULL
  AND EXISTS (SELECT 1 FROM "item_form_fields" f WHERE f."item_id" = "items"."id" AND f."key" = 'enterpriseName' AND f."type" = 'Text' AND f."required" = 1)
  AND EXISTS (SELECT 1 FROM "item_form_fields" f WHERE f."item_id" = "items"."id" AND f."key" = 'uscc' AND f."type" = 'Uscc' AND f."required" = 1);
