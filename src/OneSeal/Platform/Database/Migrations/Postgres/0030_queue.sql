-- Issue 12, queue numbers (src/OneSeal/Queue/Tickets, src/OneSeal/Queue/Calling): the tickets taken at the kiosk, on a
-- phone or by checking in an appointment, their calls at the windows; each theme's ticket prefix letter; the calling
-- state of each window (paused, priority calls in a row). ID numbers only as keyed hash + masked copy.
ALTER TABLE hall_themes ADD COLUMN ticket_prefix character varying(1);
UPDATE hall_themes SET ticket_prefix = CASE code
    WHEN 'market' THEN 'A' WHEN 'construction' THEN 'B' WHEN 'agriculture' THEN 'C' WHEN 'social' THEN 'D'
    WHEN 'police' THEN 'E' WHEN 'social-security' THEN 'F' WHEN 'real-estate' THEN 'G' WHEN 'transport' THEN 'H' END;

CREATE TABLE queue_tickets (
    id uuid NOT NULL,
    hall_id uuid NOT NULL,
    day date NOT NULL,
    theme_code character varying(32) NOT NULL,
    kind character varying(16) NOT NULL,
    channel character varying(16) NOT NULL,
    number character varying(16) NOT NULL,
    taken_at timestamp with time zone NOT NULL,
    state character varying(16) NOT NULL,
    window_id uuid,
    transfer_window_id uuid,
    staff_id uuid,
    called_at timestamp with time zone,
    last_called_at timestamp with time zone,
    recalls integer NOT NULL,
    transfers integer NOT NULL,
    serving_at timestamp with time zone,
    finished_at timestamp with time zone,
    id_number_hash character varying(64),
    id_number_masked character varying(32),
    appointment_id uuid,
    CONSTRAINT pk_queue_tickets PRIMARY KEY (id),
    CONSTRAINT fk_queue_tickets_hall_id FOREIGN KEY (hall_id) REFERENCES agencies (id) ON DELETE RESTRICT,
    CONSTRAINT fk_queue_tickets_theme_code FOREIGN KEY (theme_code) REFERENCES hall_themes (code) ON DELETE RESTRICT,
    CONSTRAINT fk_queue_tickets_window_id FOREIGN KEY (window_id) REFERENCES windows (id) ON DELETE RESTRICT,
    CONSTRAINT fk_queue_tickets_transfer_window_id FOREIGN KEY (transfer_window_id) REFERENCES windows (id) ON DELETE RESTRICT,
    CONSTRAINT fk_queue_tickets_staff_id FOREIGN KEY (staff_id) REFERENCES accounts (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_queue_tickets_hall_id_day_number ON queue_tickets (hall_id, day, number);
CREATE INDEX ix_queue_tickets_hall_id_day_state ON queue_tickets (hall_id, day, state);
CREATE INDEX ix_queue_tickets_theme_code ON queue_tickets (theme_code);
CREATE INDEX ix_queue_tickets_window_id_state_finished_at ON queue_tickets (window_id, state, finished_at);
CREATE INDEX ix_queue_tickets_transfer_window_id ON queue_tickets (transfer_window_id);
CREATE INDEX ix_queue_tickets_staff_id ON queue_tickets (staff_id);
CREATE INDEX ix_queue_tickets_id_number_hash ON queue_tickets (id_number_hash);
CREATE INDEX ix_queue_tickets_appointment_id ON queue_tickets (appointment_id);

CREATE TABLE queue_windows (
    window_id uuid NOT NULL,
    paused boolean NOT NULL,
    paused_at timestamp with time zone,
    priority_run integer NOT NULL,
    CONSTRAINT pk_queue_windows PRIMARY KEY (window_id),
    CONSTRAINT fk_queue_windows_window_id FOREIGN KEY (window_id) REFERENCES windows (id) ON DELETE CASCADE
);
