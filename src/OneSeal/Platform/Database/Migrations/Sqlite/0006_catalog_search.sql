-- Catalog search (docs/decisions/0005-chinese-search.md): per item its normalised name and code, pinyin initials and
-- full pinyin; per published item the index terms (suffixes of those keys as tag + UTF-8 bytes, compared byte-wise,
-- with the item's code to order by), searched by range.
-- Filled by the app (ItemSearchIndex): at seed time, when an item is saved, and by the start-up sync for older rows.
CREATE TABLE "item_search_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_item_search_keys" PRIMARY KEY AUTOINCREMENT,
    "item_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "initials" TEXT NOT NULL,
    "pinyin" TEXT NOT NULL,
    "published" INTEGER NOT NULL,
    CONSTRAINT "fk_item_search_keys_item_id" FOREIGN KEY ("item_id") REFERENCES "items" ("id") ON DELETE CASCADE
);

CREATE TABLE "item_search_terms" (
    "term" BLOB NOT NULL,
    "code" TEXT NOT NULL,
    "key_id" INTEGER NOT NULL,
    CONSTRAINT "pk_item_search_terms" PRIMARY KEY ("term", "code", "key_id"),
    CONSTRAINT "fk_item_search_terms_key_id" FOREIGN KEY ("key_id") REFERENCES "item_search_keys" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_item_search_keys_item_id" ON "item_search_keys" ("item_id");
CREATE INDEX "ix_item_search_terms_key_id" ON "item_search_terms" ("key_id");
