-- Issue 13 §3: events other systems may learn (src/OneSeal/Platform/Events), recorded in the transaction of the change
-- they report; seq is the pull feed's cursor.
CREATE TABLE "events" (
    "seq" INTEGER NOT NULL CONSTRAINT "pk_events" PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "time" INTEGER NOT NULL,
    "department_id" TEXT NULL,
    "item_code" TEXT NULL,
    "action" TEXT NULL,
    "data" TEXT NOT NULL
);
CREATE UNIQUE INDEX "ix_events_id" ON "events" ("id");
CREATE INDEX "ix_events_type_seq" ON "events" ("type", "seq");
CREATE INDEX "ix_events_subject_seq" ON "events" ("subject", "seq");
