-- Issue 12, queue numbers (src/OneSeal/Queue/Tickets, src/OneSeal/Queue/Calling): the tickets taken at the kiosk, on a
-- phone or by checking in an appointment, their calls at the windows; each theme's ticket prefix letter; the calling
-- state of each window (paused, priority calls in a row). ID numbers only as keyed hash + masked copy.
ALTER TABLE "hall_themes" ADD COLUMN "ticket_prefix" TEXT NULL;
UPDATE "hall_themes" SET "ticket_prefix" = CASE "code"
    WHEN 'market' THEN 'A' WHEN 'construction' THEN 'B' WHEN 'agriculture' THEN 'C' WHEN 'social' THEN 'D'
    WHEN 'police' THEN 'E' WHEN 'social-security' THEN 'F' WHEN 'real-estate' THEN 'G' WHEN 'transport' THEN 'H' END;

CREATE TABLE "queue_tickets" (
    "id" TEXT NOT NULL CONSTRAINT "pk_queue_tickets" PRIMARY KEY,
    "hall_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "theme_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "taken_at" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "window_id" TEXT NULL,
    "transfer_window_id" TEXT NULL,
    "staff_id" TEXT NULL,
    "called_at" INTEGER NULL,
    "last_called_at" INTEGER NULL,
    "recalls" INTEGER NOT NULL,
    "transfers" INTEGER NOT NULL,
    "serving_at" INTEGER NULL,
    "finished_at" INTEGER NULL,
    "id_number_hash" TEXT NULL,
    "id_number_masked" TEXT NULL,
    "appointment_id" TEXT NULL,
    CONSTRAINT "fk_queue_tickets_hall_id" FOREIGN KEY ("hall_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_queue_tickets_theme_code" FOREIGN KEY ("theme_code") REFERENCES "hall_themes" ("code") ON DELETE RESTRICT,
    CONSTRAINT "fk_queue_tickets_window_id" FOREIGN KEY ("window_id") REFERENCES "windows" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_queue_tickets_transfer_window_id" FOREIGN KEY ("transfer_window_id") REFERENCES "windows" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_queue_tickets_staff_id" FOREIGN KEY ("staff_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "ix_queue_tickets_hall_id_day_number" ON "queue_tickets" ("hall_id", "day", "number");
CREATE INDEX "ix_queue_tickets_hall_id_day_state" ON "queue_tickets" ("hall_id", "day", "state");
CREATE INDEX "ix_queue_tickets_theme_code" ON "queue_tickets" ("theme_code");
CREATE INDEX "ix_queue_tickets_window_id_state_finished_at" ON "queue_tickets" ("window_id", "state", "finished_at");
CREATE INDEX "ix_queue_tickets_transfer_window_id" ON "queue_tickets" ("transfer_window_id");
CREATE INDEX "ix_queue_tickets_staff_id" ON "queue_tickets" ("staff_id");
CREATE INDEX "ix_queue_tickets_id_number_hash" ON "queue_tickets" ("id_number_hash");
CREATE INDEX "ix_queue_tickets_appointment_id" ON "queue_tickets" ("appointment_id");

CREATE TABLE "queue_windows" (
    "window_id" TEXT NOT NULL CONSTRAINT "pk_queue_windows" PRIMARY KEY,
    "paused" INTEGER NOT NULL,
    "paused_at" INTEGER NULL,
    "priority_run" INTEGER NOT NULL,
    CONSTRAINT "fk_queue_windows_window_id" FOREIGN KEY ("window_id") REFERENCES "windows" ("id") ON DELETE CASCADE
);
