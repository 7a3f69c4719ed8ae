-- Commitments (容缺受理, 告知承诺制), 超时默认 per item, verification tasks for supervising departments.

ALTER TABLE items ADD COLUMN commitment_approval boolean NOT NULL DEFAULT false, ADD COLUMN deemed_approval_on_timeout boolean NOT NULL DEFAULT false;

ALTER TABLE item_materials ADD COLUMN tolerable boolean NOT NULL DEFAULT false;

CREATE TABLE case_commitments (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    kind character varying(16) NOT NULL,
    text character varying(4000) NOT NULL,
    materials_json character varying(2000),
    supply_by date,
    signed_at timestamp with time zone NOT NULL,
    signed_by_id uuid NOT NULL,
    fulfilled_at timestamp with time zone,
    warned_at timestamp with time zone,
    CONSTRAINT pk_case_commitments PRIMARY KEY (id),
    CONSTRAINT fk_case_commitments_case_id FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
);

CREATE TABLE verification_tasks (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    case_number character varying(32) NOT NULL,
    department_id uuid NOT NULL,
    subject character varying(400) NOT NULL,
    due_on date NOT NULL,
    status character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_verification_tasks PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_case_commitments_case_id_kind ON case_commitments (case_id, kind);

CREATE INDEX ix_case_commitments_kind_fulfilled_at_supply_by ON case_commitments (kind, fulfilled_at, supply_by);

CREATE INDEX ix_verification_tasks_case_id ON verification_tasks (case_id);

CREATE INDEX ix_verification_tasks_department_id_status_due_on ON verification_tasks (department_id, status, due_on);
