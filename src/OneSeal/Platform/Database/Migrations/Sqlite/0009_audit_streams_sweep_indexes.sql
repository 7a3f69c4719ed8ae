-- Audit chain per stream (docs/decisions/0006-audit-chain-per-stream.md) and the deadline sweep's partial indexes.
-- Entries already written keep stream_seq NULL: they stay in the one global chain they were hashed in, verified as before.
ALTER TABLE "audit_entries" ADD COLUMN "stream_seq" INTEGER NULL;
DROP INDEX "ix_audit_entries_entity_type_entity_id";
CREATE UNIQUE INDEX "ix_audit_entries_entity_type_entity_id_stream_seq" ON "audit_entries" ("entity_type", "entity_id", "stream_seq");

CREATE TABLE "audit_streams" (
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "anchored_seq" INTEGER NOT NULL,
    CONSTRAINT "pk_audit_streams" PRIMARY KEY ("entity_type", "entity_id")
);
CREATE INDEX "ix_audit_streams_anchored_seq" ON "audit_streams" ("anchored_seq") WHERE anchored_seq < seq;

CREATE TABLE "audit_anchors" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_audit_anchors" PRIMARY KEY AUTOINCREMENT,
    "at" INTEGER NOT NULL,
    "heads" INTEGER NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);
CREATE UNIQUE INDEX "ix_audit_anchors_prev_hash" ON "audit_anchors" ("prev_hash");

CREATE TABLE "audit_anchor_heads" (
    "anchor_id" INTEGER NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "pk_audit_anchor_heads" PRIMARY KEY ("anchor_id", "entity_type", "entity_id"),
    CONSTRAINT "fk_audit_anchor_heads_anchor_id" FOREIGN KEY ("anchor_id") REFERENCES "audit_anchors" ("id") ON DELETE RESTRICT
);

-- Only the running cases the sweep can still warn (the filters are spelled as in Cases/Clock/DeadlineWarning.cs).
CREATE INDEX "ix_cases_due_date" ON "cases" ("due_date") WHERE status IN ('Accepted', 'Reviewed') AND deadline_state <> 'Red';
CREATE INDEX "ix_cases_yellow_on" ON "cases" ("yellow_on") WHERE status IN ('Accepted', 'Reviewed') AND deadline_state = 'Normal';
