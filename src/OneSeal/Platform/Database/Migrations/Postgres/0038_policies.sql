-- Issue 13 §2, policy pushed the other way (src/OneSeal/Supervision/Policies): the policy documents line departments
-- publish to the bureau, the items they touch and their attachments; and the catalog's 待复核 flags on those items
-- (src/OneSeal/Catalog/Reviews), open until an administrator marks the item reviewed or publishes a new version.
CREATE TABLE policy_documents (
    id uuid NOT NULL,
    department_id uuid NOT NULL,
    title character varying(200) NOT NULL,
    document_number character varying(64) NOT NULL,
    issued_on date NOT NULL,
    summary character varying(4000) NOT NULL,
    published_by uuid NOT NULL,
    published_by_name character varying(100) NOT NULL,
    published_at timestamp with time zone NOT NULL,
    ack_due_on date NOT NULL,
    acknowledged_at timestamp with time zone,
    acknowledged_by uuid,
    acknowledged_by_name character varying(100),
    CONSTRAINT pk_policy_documents PRIMARY KEY (id),
    CONSTRAINT fk_policy_documents_department_id FOREIGN KEY (department_id) REFERENCES agencies (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_policy_documents_department_id_document_number ON policy_documents (department_id, document_number);
CREATE INDEX ix_policy_documents_acknowledged_at_ack_due_on ON policy_documents (acknowledged_at, ack_due_on);
CREATE TABLE policy_items (
    policy_id uuid NOT NULL,
    item_code character varying(64) NOT NULL,
    CONSTRAINT pk_policy_items PRIMARY KEY (policy_id, item_code),
    CONSTRAINT fk_policy_items_policy_id FOREIGN KEY (policy_id) REFERENCES policy_documents (id) ON DELETE CASCADE
);
CREATE INDEX ix_policy_items_item_code ON policy_items (item_code);
CREATE TABLE policy_attachments (
    id uuid NOT NULL,
    policy_id uuid NOT NULL,
    file_name character varying(200) NOT NULL,
    content_type character varying(100) NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 character varying(64) NOT NULL,
    storage_key character varying(200) NOT NULL,
    CONSTRAINT pk_policy_attachments PRIMARY KEY (id),
    CONSTRAINT fk_policy_attachments_policy_id FOREIGN KEY (policy_id) REFERENCES policy_documents (id) ON DELETE CASCADE
);
CREATE INDEX ix_policy_attachments_policy_id ON policy_attachments (policy_id);
CREATE UNIQUE INDEX ix_policy_attachments_storage_key ON policy_attachments (storage_key);
CREATE TABLE item_review_flags (
    id uuid NOT NULL,
    item_code character varying(64) NOT NULL,
    source_kind character varying(32) NOT NULL,
    source_id uuid NOT NULL,
    source_title character varying(400) NOT NULL,
    raised_at timestamp with time zone NOT NULL,
    cleared_at timestamp with time zone,
    cleared_by uuid,
    cleared_how character varying(16),
    CONSTRAINT pk_item_review_flags PRIMARY KEY (id)
);
CREATE INDEX ix_item_review_flags_item_code_cleared_at ON item_review_flags (item_code, cleared_at);
CREATE INDEX ix_item_review_flags_source_kind_source_id ON item_review_flags (source_kind, source_id);
