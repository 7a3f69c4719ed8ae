-- Issue 10, administrators, audit, seals: the audit administrator's search over the trail (by actor, object, action,
-- time; newest first), each approving organisation's seal (name, impression, custodian), its usage log, and keys retired
-- by a rotation (they keep verifying what they signed).
CREATE INDEX ix_audit_entries_actor_id_id ON audit_entries (actor_id, id);
CREATE INDEX ix_audit_entries_actor_name_id ON audit_entries (actor_name, id);
CREATE INDEX ix_audit_entries_action_id ON audit_entries (action, id);
CREATE INDEX ix_audit_entries_entity_id_id ON audit_entries (entity_id, id);
CREATE INDEX ix_audit_entries_at ON audit_entries (at);

ALTER TABLE seal_keys ADD COLUMN retired_at timestamp with time zone;
ALTER TABLE certificates ADD COLUMN decided_by_id uuid;
ALTER TABLE case_notices ADD COLUMN decided_by_id uuid;

CREATE TABLE seals (
    id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    name character varying(64) NOT NULL,
    custodian_account_id uuid,
    image_png bytea,
    image_updated_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_seals PRIMARY KEY (id),
    CONSTRAINT fk_seals_organisation_id FOREIGN KEY (organisation_id) REFERENCES agencies (id) ON DELETE RESTRICT,
    CONSTRAINT fk_seals_custodian_account_id FOREIGN KEY (custodian_account_id) REFERENCES accounts (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_seals_organisation_id ON seals (organisation_id);
CREATE INDEX ix_seals_custodian_account_id ON seals (custodian_account_id);

CREATE TABLE seal_usages (
    id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    seal_key_id uuid NOT NULL,
    document_kind character varying(16) NOT NULL,
    document_number character varying(64) NOT NULL,
    document_title character varying(128) NOT NULL,
    case_number character varying(32),
    decided_by_id uuid,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_seal_usages PRIMARY KEY (id),
    CONSTRAINT fk_seal_usages_organisation_id FOREIGN KEY (organisation_id) REFERENCES agencies (id) ON DELETE RESTRICT,
    CONSTRAINT fk_seal_usages_seal_key_id FOREIGN KEY (seal_key_id) REFERENCES seal_keys (id) ON DELETE RESTRICT
);
CREATE INDEX ix_seal_usages_organisation_id_at ON seal_usages (organisation_id, at);
CREATE INDEX ix_seal_usages_seal_key_id ON seal_usages (seal_key_id);
