-- Public guides (src/OneSeal/Catalog/Guides): the printable PDFs of each published item version, rendered once;
-- and the sub-item lookup of a guide page (items whose parent_code is the item's code).

CREATE TABLE "guide_pdf_files" (
    "item_id" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "pdf_key" TEXT NOT NULL,
    "pdf_sha256" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "pk_guide_pdf_files" PRIMARY KEY ("item_id", "document"),
    CONSTRAINT "fk_guide_pdf_files_item_id" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_items_parent_code" ON "items" ("parent_code");
