-- Issue 11, 首问登记 (src/OneSeal/Hall/Enquiries): questions asked at a window, who recorded them at which window, the
-- answer or referral, and the working day by which an open one becomes overdue. The asker's phone is encrypted + masked.
CREATE TABLE enquiries (
    id uuid NOT NULL,
    window_id uuid NOT NULL,
    recorded_by_id uuid NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    due_on date NOT NULL,
    asker_name character varying(64) NOT NULL,
    asker_phone_protected character varying(1024),
    asker_phone_masked character varying(32),
    item_code character varying(64),
    item_name character varying(200),
    question character varying(2000) NOT NULL,
    answer character varying(2000),
    referred_to character varying(128),
    closed_at timestamp with time zone,
    closed_by_id uuid,
    CONSTRAINT pk_enquiries PRIMARY KEY (id),
    CONSTRAINT fk_enquiries_window_id FOREIGN KEY (window_id) REFERENCES windows (id) ON DELETE RESTRICT,
    CONSTRAINT fk_enquiries_recorded_by_id FOREIGN KEY (recorded_by_id) REFERENCES accounts (id) ON DELETE RESTRICT,
    CONSTRAINT fk_enquiries_closed_by_id FOREIGN KEY (closed_by_id) REFERENCES accounts (id) ON DELETE RESTRICT
);
CREATE INDEX ix_enquiries_recorded_by_id_recorded_at ON enquiries (recorded_by_id, recorded_at);
CREATE INDEX ix_enquiries_closed_at_due_on ON enquiries (closed_at, due_on);
CREATE INDEX ix_enquiries_window_id ON enquiries (window_id);
CREATE INDEX ix_enquiries_closed_by_id ON enquiries (closed_by_id);
