-- Issue 12 §4, appointments (src/OneSeal/Queue/Appointments): real-name bookings of half-hour slots per hall theme (ID
-- number and phone encrypted + masked + keyed hash, the booking code a keyed hash only); one lock row per booked slot
-- (capacity counted under it); the administrator's capacity per theme and booking horizon. Empty slots are not stored.
CREATE TABLE "appointments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_appointments" PRIMARY KEY,
    "theme_code" TEXT NOT NULL,
    "hall_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "start_minute" INTEGER NOT NULL,
    "starts_at" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "id_number_protected" TEXT NOT NULL,
    "id_number_masked" TEXT NOT NULL,
    "id_number_hash" TEXT NOT NULL,
    "phone_protected" TEXT NOT NULL,
    "phone_masked" TEXT NOT NULL,
    "phone_hash" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "account_id" TEXT NULL,
    "booked_at" INTEGER NOT NULL,
    "cancelled_at" INTEGER NULL,
    "releases_at" INTEGER NULL,
    "checked_in_at" INTEGER NULL,
    "no_show_at" INTEGER NULL,
    "reminded_at" INTEGER NULL,
    CONSTRAINT "fk_appointments_theme_code" FOREIGN KEY ("theme_code") REFERENCES "hall_themes" ("code") ON DELETE RESTRICT,
    CONSTRAINT "fk_appointments_hall_id" FOREIGN KEY ("hall_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_appointments_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_appointments_theme_code_day_start_minute" ON "appointments" ("theme_code", "day", "start_minute");
CREATE UNIQUE INDEX "ix_appointments_theme_code_id_number_hash" ON "appointments" ("theme_code", "id_number_hash") WHERE status = 'Booked';
CREATE UNIQUE INDEX "ix_appointments_day_code_hash" ON "appointments" ("day", "code_hash");
CREATE INDEX "ix_appointments_id_number_hash_starts_at" ON "appointments" ("id_number_hash", "starts_at");
CREATE INDEX "ix_appointments_phone_hash_booked_at" ON "appointments" ("phone_hash", "booked_at");
CREATE INDEX "ix_appointments_status_starts_at" ON "appointments" ("status", "starts_at");
CREATE INDEX "ix_appointments_hall_id" ON "appointments" ("hall_id");
CREATE INDEX "ix_appointments_account_id" ON "appointments" ("account_id");

CREATE TABLE "appointment_slot_locks" (
    "theme_code" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "start_minute" INTEGER NOT NULL,
    "bookings" INTEGER NOT NULL,
    CONSTRAINT "pk_appointment_slot_locks" PRIMARY KEY ("theme_code", "day", "start_minute")
);

CREATE TABLE "appointment_capacities" (
    "theme_code" TEXT NOT NULL CONSTRAINT "pk_appointment_capacities" PRIMARY KEY,
    "per_slot" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "fk_appointment_capacities_theme_code" FOREIGN KEY ("theme_code") REFERENCES "hall_themes" ("code") ON DELETE CASCADE
);

CREATE TABLE "appointment_settings" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_appointment_settings" PRIMARY KEY,
    "horizon_days" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL
);
