-- Staff (src/OneSeal/Organisation/Staff): the staff number (工号) and photo shown on the window screen, and the flag that
-- makes an imported account choose its own password after the one-time initial one.
ALTER TABLE "accounts" ADD COLUMN "staff_number" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "photo_key" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "photo_content_type" TEXT NULL;
ALTER TABLE "accounts" ADD COLUMN "must_change_password" INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX "ix_accounts_staff_number" ON "accounts" ("staff_number");
