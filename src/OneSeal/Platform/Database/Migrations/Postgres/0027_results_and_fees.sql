-- Issue 11, result window and central fee window (src/OneSeal/Counter/Results, src/OneSeal/Counter/Fees): pick-up codes of
-- decided cases (keyed hash + encrypted copy, failures that lock), fee demands with their non-tax payment code, and
-- payments (fee window or payment platform callback) with refunds, reconciled per legal day.
CREATE TABLE pickup_codes (
    case_id uuid NOT NULL,
    code_hash character varying(64) NOT NULL,
    code_protected character varying(1024) NOT NULL,
    failed_attempts integer NOT NULL,
    locked_at timestamp with time zone,
    issued_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    CONSTRAINT pk_pickup_codes PRIMARY KEY (case_id),
    CONSTRAINT fk_pickup_codes_case_id FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE
);

CREATE TABLE fee_demands (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    case_number character varying(32) NOT NULL,
    item_name character varying(200) NOT NULL,
    department_id uuid NOT NULL,
    payment_code character varying(20) NOT NULL,
    amount numeric(12,2) NOT NULL,
    basis character varying(1000),
    status character varying(16) NOT NULL,
    notice_id uuid,
    created_at timestamp with time zone NOT NULL,
    paid_at timestamp with time zone,
    CONSTRAINT pk_fee_demands PRIMARY KEY (id),
    CONSTRAINT fk_fee_demands_case_id FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE RESTRICT,
    CONSTRAINT fk_fee_demands_department_id FOREIGN KEY (department_id) REFERENCES agencies (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_fee_demands_case_id ON fee_demands (case_id);
CREATE UNIQUE INDEX ix_fee_demands_payment_code ON fee_demands (payment_code);
CREATE INDEX ix_fee_demands_case_number ON fee_demands (case_number);
CREATE INDEX ix_fee_demands_department_id ON fee_demands (department_id);

CREATE TABLE fee_payments (
    id uuid NOT NULL,
    demand_id uuid NOT NULL,
    case_id uuid NOT NULL,
    department_id uuid NOT NULL,
    amount numeric(12,2) NOT NULL,
    method character varying(16) NOT NULL,
    receipt_number character varying(64),
    platform_transaction_id character varying(64),
    window_id uuid,
    recorded_by_id uuid,
    paid_at timestamp with time zone NOT NULL,
    paid_on date NOT NULL,
    refunded_at timestamp with time zone,
    refunded_on date,
    refund_reason character varying(500),
    refunded_by_id uuid,
    CONSTRAINT pk_fee_payments PRIMARY KEY (id),
    CONSTRAINT fk_fee_payments_demand_id FOREIGN KEY (demand_id) REFERENCES fee_demands (id) ON DELETE RESTRICT,
    CONSTRAINT fk_fee_payments_department_id FOREIGN KEY (department_id) REFERENCES agencies (id) ON DELETE RESTRICT
);
CREATE INDEX ix_fee_payments_demand_id ON fee_payments (demand_id);
CREATE UNIQUE INDEX ix_fee_payments_platform_transaction_id ON fee_payments (platform_transaction_id);
CREATE INDEX ix_fee_payments_paid_on ON fee_payments (paid_on);
CREATE INDEX ix_fee_payments_refunded_on ON fee_payments (refunded_on);
CREATE INDEX ix_fee_payments_department_id ON fee_payments (department_id);
