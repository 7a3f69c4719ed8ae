-- Issue 12 §4, appointments (src/OneSeal/Queue/Appointments): real-name bookings of half-hour slots per hall theme (ID
-- number and phone encrypted + masked + keyed hash, the booking code a keyed hash only); one lock row per booked slot
-- (capacity counted under it); the administrator's capacity per theme and booking horizon. Empty slots are not stored.
CREATE TABLE appointments (
    id uuid NOT NULL,
    theme_code character varying(32) NOT NULL,
    hall_id uuid NOT NULL,
    day date NOT NULL,
    start_minute integer NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    status character varying(16) NOT NULL,
    name character varying(64) NOT NULL,
    id_number_protected character varying(1024) NOT NULL,
    id_number_masked character varying(32) NOT NULL,
    id_number_hash character varying(64) NOT NULL,
    phone_protected character varying(1024) NOT NULL,
    phone_masked character varying(32) NOT NULL,
    phone_hash character varying(64) NOT NULL,
    code_hash character varying(64) NOT NULL,
    account_id uuid,
    booked_at timestamp with time zone NOT NULL,
    cancelled_at timestamp with time zone,
    releases_at timestamp with time zone,
    checked_in_at timestamp with time zone,
    no_show_at timestamp with time zone,
    reminded_at timestamp with time zone,
    CONSTRAINT pk_appointments PRIMARY KEY (id),
    CONSTRAINT fk_appointments_theme_code FOREIGN KEY (theme_code) REFERENCES hall_themes (code) ON DELETE RESTRICT,
    CONSTRAINT fk_appointments_hall_id FOREIGN KEY (hall_id) REFERENCES agencies (id) ON DELETE RESTRICT,
    CONSTRAINT fk_appointments_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE RESTRICT
);
CREATE INDEX ix_appointments_theme_code_day_start_minute ON appointments (theme_code, day, start_minute);
CREATE UNIQUE INDEX ix_appointments_theme_code_id_number_hash ON appointments (theme_code, id_number_hash) WHERE status = 'Booked';
CREATE UNIQUE INDEX ix_appointments_day_code_hash ON appointments (day, code_hash);
CREATE INDEX ix_appointments_id_number_hash_starts_at ON appointments (id_number_hash, starts_at);
CREATE INDEX ix_appointments_phone_hash_booked_at ON appointments (phone_hash, booked_at);
CREATE INDEX ix_appointments_status_starts_at ON appointments (status, starts_at);
CREATE INDEX ix_appointments_hall_id ON appointments (hall_id);
CREATE INDEX ix_appointments_account_id ON appointments (account_id);

CREATE TABLE appointment_slot_locks (
    theme_code character varying(32) NOT NULL,
    day date NOT NULL,
    start_minute integer NOT NULL,
    bookings integer NOT NULL,
    CONSTRAINT pk_appointment_slot_locks PRIMARY KEY (theme_code, day, start_minute)
);

CREATE TABLE appointment_capacities (
    theme_code character varying(32) NOT NULL,
    per_slot integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_appointment_capacities PRIMARY KEY (theme_code),
    CONSTRAINT fk_appointment_capacities_theme_code FOREIGN KEY (theme_code) REFERENCES hall_themes (code) ON DELETE CASCADE
);

CREATE TABLE appointment_settings (
    id integer NOT NULL,
    horizon_days integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_appointment_settings PRIMARY KEY (id)
);
