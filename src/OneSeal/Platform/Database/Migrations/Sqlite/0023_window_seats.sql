-- Issue 11, window sign-in (src/OneSeal/Hall/Seats): who sits at which window of the hall on a legal day, in which post
-- (A岗, B岗 standing in, or a window chief). Hall actions check the seat's window kind.
CREATE TABLE "window_seats" (
    "id" TEXT NOT NULL CONSTRAINT "pk_window_seats" PRIMARY KEY,
    "window_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "post" TEXT NOT NULL,
    "signed_in_at" INTEGER NOT NULL,
    "signed_out_at" INTEGER NULL,
    CONSTRAINT "fk_window_seats_window_id" FOREIGN KEY ("window_id") REFERENCES "windows" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_window_seats_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_window_seats_account_id_day" ON "window_seats" ("account_id", "day");
CREATE INDEX "ix_window_seats_window_id_day" ON "window_seats" ("window_id", "day");
