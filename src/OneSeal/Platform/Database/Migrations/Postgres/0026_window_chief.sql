-- Issue 11 §4 and §7 (src/OneSeal/Hall/Chief, src/OneSeal/Hall/StandIn): the window chief's powers granted per account by
-- the security administrator, pre-reviews of drafts, joint reviews (one row per department asked), the case's assignee
-- (set by reassignment), and A posts marked absent for a day (their B post stands in).
CREATE TABLE window_chief_grants (
    account_id uuid NOT NULL,
    power character varying(32) NOT NULL,
    granted_at timestamp with time zone NOT NULL,
    granted_by_id uuid NOT NULL,
    CONSTRAINT pk_window_chief_grants PRIMARY KEY (account_id, power),
    CONSTRAINT fk_window_chief_grants_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE TABLE case_pre_reviews (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    reviewer_id uuid NOT NULL,
    reviewer_name character varying(128) NOT NULL,
    at timestamp with time zone NOT NULL,
    items_json character varying(30000) NOT NULL,
    note character varying(2000),
    CONSTRAINT pk_case_pre_reviews PRIMARY KEY (id),
    CONSTRAINT fk_case_pre_reviews_case_id FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
    CONSTRAINT fk_case_pre_reviews_reviewer_id FOREIGN KEY (reviewer_id) REFERENCES accounts (id) ON DELETE RESTRICT
);
CREATE INDEX ix_case_pre_reviews_case_id_at ON case_pre_reviews (case_id, at);

CREATE TABLE joint_reviews (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    department_id uuid NOT NULL,
    requested_by_id uuid NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    question character varying(2000),
    due_on date NOT NULL,
    opinion character varying(2000),
    agree boolean,
    answered_by_id uuid,
    answered_by_name character varying(128),
    answered_at timestamp with time zone,
    CONSTRAINT pk_joint_reviews PRIMARY KEY (id),
    CONSTRAINT fk_joint_reviews_case_id FOREIGN KEY (case_id) REFERENCES cases (id) ON DELETE CASCADE,
    CONSTRAINT fk_joint_reviews_department_id FOREIGN KEY (department_id) REFERENCES agencies (id) ON DELETE RESTRICT,
    CONSTRAINT fk_joint_reviews_requested_by_id FOREIGN KEY (requested_by_id) REFERENCES accounts (id) ON DELETE RESTRICT,
    CONSTRAINT fk_joint_reviews_answered_by_id FOREIGN KEY (answered_by_id) REFERENCES accounts (id) ON DELETE RESTRICT
);
CREATE INDEX ix_joint_reviews_case_id ON joint_reviews (case_id);
CREATE INDEX ix_joint_reviews_department_id_answered_at ON joint_reviews (department_id, answered_at);

ALTER TABLE cases ADD COLUMN assignee_id uuid;
ALTER TABLE cases ADD CONSTRAINT fk_cases_assignee_id FOREIGN KEY (assignee_id) REFERENCES accounts (id) ON DELETE RESTRICT;
CREATE INDEX ix_cases_assignee_id ON cases (assignee_id);

CREATE TABLE window_absences (
    id uuid NOT NULL,
    window_id uuid NOT NULL,
    day date NOT NULL,
    account_id uuid NOT NULL,
    reason character varying(200) NOT NULL,
    marked_by_id uuid NOT NULL,
    marked_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_window_absences PRIMARY KEY (id),
    CONSTRAINT fk_window_absences_window_id FOREIGN KEY (window_id) REFERENCES windows (id) ON DELETE RESTRICT,
    CONSTRAINT fk_window_absences_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE RESTRICT,
    CONSTRAINT fk_window_absences_marked_by_id FOREIGN KEY (marked_by_id) REFERENCES accounts (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_window_absences_window_id_day ON window_absences (window_id, day);
-- Foreign keys to accounts are indexed (an account's deletion check, "what did this person do").
CREATE INDEX ix_case_pre_reviews_reviewer_id ON case_pre_reviews (reviewer_id);
CREATE INDEX ix_joint_reviews_answered_by_id ON joint_reviews (answered_by_id);
CREATE INDEX ix_joint_reviews_requested_by_id ON joint_reviews (requested_by_id);
CREATE INDEX ix_window_absences_account_id ON window_absences (account_id);
CREATE INDEX ix_window_absences_marked_by_id ON window_absences (marked_by_id);
