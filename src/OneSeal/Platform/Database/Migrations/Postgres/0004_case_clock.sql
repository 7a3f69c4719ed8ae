-- The case's working-day clock (Art. 42, 45): pauses, extension, deadline state, deemed acceptance, delivery; job leases.
ALTER TABLE cases
    ADD COLUMN extension_days integer NOT NULL DEFAULT 0,
    ADD COLUMN extension_reason character varying(2000),
    ADD COLUMN extended_by_id uuid,
    ADD COLUMN paused_days integer NOT NULL DEFAULT 0,
    ADD COLUMN yellow_on date,
    ADD COLUMN deadline_state character varying(16) NOT NULL DEFAULT 'Normal',
    ADD COLUMN deemed_accepted boolean NOT NULL DEFAULT false,
    ADD COLUMN decided_on date,
    ADD COLUMN delivery_due_date date,
    ADD COLUMN delivery_mode character varying(16),
    ADD COLUMN tracking_number character varying(64),
    ADD COLUMN end_reason character varying(2000);

CREATE TABLE case_pauses (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    kind character varying(32) NOT NULL,
    reason character varying(2000) NOT NULL,
    expected_days integer NOT NULL,
    started_on date NOT NULL,
    started_at timestamp with time zone NOT NULL,
    started_by_id uuid NOT NULL,
    ended_on date,
    ended_at timestamp with time zone,
    ended_by_id uuid,
    resume_status character varying(24) NOT NULL,
    CONSTRAINT pk_case_pauses PRIMARY KEY (id),
    CONSTRAINT fk_case_pauses_case_id FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
);

CREATE TABLE job_leases (
    name character varying(64) NOT NULL,
    holder character varying(128) NOT NULL,
    lease_until timestamp with time zone NOT NULL,
    CONSTRAINT pk_job_leases PRIMARY KEY (name)
);

CREATE INDEX ix_case_pauses_case_id_started_at ON case_pauses (case_id, started_at);
CREATE INDEX ix_cases_status_due_date ON cases (status, due_date);
CREATE INDEX ix_cases_status_yellow_on ON cases (status, yellow_on);
