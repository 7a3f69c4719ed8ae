-- Draft revisions: the ETag an editor sends back, so two editors of one draft cannot overwrite each other.

ALTER TABLE items ADD COLUMN revision integer NOT NULL DEFAULT 0;
