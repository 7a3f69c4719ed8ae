-- Issue 13 §1, 审管互动 (src/OneSeal/Supervision): results pushed to the supervising department in the decision's
-- transaction, claimed within working days, supervised and reported back; 告知承诺 verification results; the daily
-- digest sent once per department and day; the supervising department on each case (its staff read the case).
ALTER TABLE cases ADD COLUMN supervising_department_id uuid;
UPDATE cases SET supervising_department_id = i.supervising_department_id FROM items AS i WHERE i.id = cases.item_id;

ALTER TABLE verification_tasks ALTER COLUMN status TYPE character varying(24);
ALTER TABLE verification_tasks ADD COLUMN handling_organisation_id uuid;
ALTER TABLE verification_tasks ADD COLUMN push_id uuid;
ALTER TABLE verification_tasks ADD COLUMN truthful boolean;
ALTER TABLE verification_tasks ADD COLUMN result_note character varying(2000);
ALTER TABLE verification_tasks ADD COLUMN verified_at timestamp with time zone;
ALTER TABLE verification_tasks ADD COLUMN verified_by_id uuid;
ALTER TABLE verification_tasks ADD COLUMN verified_by_name character varying(64);
UPDATE verification_tasks SET handling_organisation_id = c.handling_organisation_id FROM cases AS c WHERE c.id = verification_tasks.case_id;
CREATE INDEX ix_verification_tasks_handling_organisation_id_status ON verification_tasks (handling_organisation_id, status);

CREATE TABLE supervision_pushes (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    case_number character varying(32) NOT NULL,
    item_code character varying(64) NOT NULL,
    item_name character varying(200) NOT NULL,
    holder_name character varying(200) NOT NULL,
    department_id uuid NOT NULL,
    handling_organisation_id uuid NOT NULL,
    kind character varying(16) NOT NULL,
    pushed_at timestamp with time zone NOT NULL,
    pushed_on date NOT NULL,
    claim_by date NOT NULL,
    claimed_at timestamp with time zone,
    claimed_by_id uuid,
    claimed_by_name character varying(64),
    reported_at timestamp with time zone,
    CONSTRAINT pk_supervision_pushes PRIMARY KEY (id)
);
CREATE INDEX ix_supervision_pushes_department_id_claimed_at_claim_by ON supervision_pushes (department_id, claimed_at, claim_by);
CREATE INDEX ix_supervision_pushes_case_id ON supervision_pushes (case_id);

CREATE TABLE supervision_records (
    id uuid NOT NULL,
    push_id uuid NOT NULL,
    kind character varying(24) NOT NULL,
    checked_on date NOT NULL,
    inspectors character varying(200) NOT NULL,
    findings character varying(4000) NOT NULL,
    result character varying(24) NOT NULL,
    recorded_by_id uuid NOT NULL,
    recorded_by_name character varying(64) NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_supervision_records PRIMARY KEY (id),
    CONSTRAINT fk_supervision_records_push_id FOREIGN KEY (push_id) REFERENCES supervision_pushes (id) ON DELETE CASCADE
);
CREATE INDEX ix_supervision_records_push_id_checked_on ON supervision_records (push_id, checked_on);

CREATE TABLE supervision_attachments (
    id uuid NOT NULL,
    record_id uuid NOT NULL,
    file_name character varying(200) NOT NULL,
    storage_key character varying(200) NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 character varying(64) NOT NULL,
    CONSTRAINT pk_supervision_attachments PRIMARY KEY (id),
    CONSTRAINT fk_supervision_attachments_record_id FOREIGN KEY (record_id) REFERENCES supervision_records (id) ON DELETE CASCADE
);
CREATE INDEX ix_supervision_attachments_record_id ON supervision_attachments (record_id);

CREATE TABLE supervision_digests (
    department_id uuid NOT NULL,
    day date NOT NULL,
    to_claim integer NOT NULL,
    claimed_today integer NOT NULL,
    overdue integer NOT NULL,
    recipients integer NOT NULL,
    sent_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_supervision_digests PRIMARY KEY (department_id, day)
);
