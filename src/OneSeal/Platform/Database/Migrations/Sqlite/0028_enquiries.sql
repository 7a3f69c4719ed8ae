-- Issue 11, 首问登记 (src/OneSeal/Hall/Enquiries): questions asked at a window, who recorded them at which window, the
-- answer or referral, and the working day by which an open one becomes overdue. The asker's phone is encrypted + masked.
CREATE TABLE "enquiries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_enquiries" PRIMARY KEY,
    "window_id" TEXT NOT NULL,
    "recorded_by_id" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    "due_on" TEXT NOT NULL,
    "asker_name" TEXT NOT NULL,
    "asker_phone_protected" TEXT NULL,
    "asker_phone_masked" TEXT NULL,
    "item_code" TEXT NULL,
    "item_name" TEXT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NULL,
    "referred_to" TEXT NULL,
    "closed_at" INTEGER NULL,
    "closed_by_id" TEXT NULL,
    CONSTRAINT "fk_enquiries_window_id" FOREIGN KEY ("window_id") REFERENCES "windows" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_enquiries_recorded_by_id" FOREIGN KEY ("recorded_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_enquiries_closed_by_id" FOREIGN KEY ("closed_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_enquiries_recorded_by_id_recorded_at" ON "enquiries" ("recorded_by_id", "recorded_at");
CREATE INDEX "ix_enquiries_closed_at_due_on" ON "enquiries" ("closed_at", "due_on");
CREATE INDEX "ix_enquiries_window_id" ON "enquiries" ("window_id");
CREATE INDEX "ix_enquiries_closed_by_id" ON "enquiries" ("closed_by_id");
