-- Administration (docs/decisions/0011-administration.md): organisations form a tree (bureau → sections, service centre →
-- halls, departments → their approval section, service points by region) and can be closed, never deleted; each role an
-- account holds carries its data scope.
ALTER TABLE "agencies" ADD COLUMN "short_name" TEXT NULL;
ALTER TABLE "agencies" ADD COLUMN "parent_id" TEXT NULL CONSTRAINT "fk_agencies_parent_id" REFERENCES "agencies" ("id") ON DELETE RESTRICT;
ALTER TABLE "agencies" ADD COLUMN "address" TEXT NULL;
ALTER TABLE "agencies" ADD COLUMN "closed_at" INTEGER NULL;
CREATE INDEX "ix_agencies_parent_id" ON "agencies" ("parent_id");

ALTER TABLE "account_roles" ADD COLUMN "scope" TEXT NOT NULL DEFAULT 'Organisation';
