-- The one seal: organisations' SM2 seal keys and the certificates issued under them (src/OneSeal/Seal).

CREATE TABLE seal_keys (
    id uuid NOT NULL,
    organisation_id uuid NOT NULL,
    algorithm character varying(16) NOT NULL,
    public_key_hex character varying(130) NOT NULL,
    private_key_protected character varying(1024) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    active boolean NOT NULL,
    CONSTRAINT pk_seal_keys PRIMARY KEY (id),
    CONSTRAINT fk_seal_keys_organisation_id FOREIGN KEY (organisation_id) REFERENCES agencies (id) ON DELETE RESTRICT
);

CREATE TABLE certificates (
    id uuid NOT NULL,
    number character varying(32) NOT NULL,
    case_id uuid NOT NULL,
    holder_account_id uuid NOT NULL,
    item_code character varying(64) NOT NULL,
    name character varying(128) NOT NULL,
    type_code character varying(64) NOT NULL,
    holder_name character varying(200) NOT NULL,
    holder_code_type character varying(3) NOT NULL,
    holder_code_masked character varying(32) NOT NULL,
    holder_code_protected character varying(1024) NOT NULL,
    issuer_organisation_id uuid NOT NULL,
    issuer_name character varying(128) NOT NULL,
    issuer_code character varying(18) NOT NULL,
    issued_on date NOT NULL,
    valid_from date NOT NULL,
    valid_until date,
    status character varying(16) NOT NULL,
    revoked_at timestamp with time zone,
    revoked_reason character varying(500),
    pdf_key character varying(256) NOT NULL,
    pdf_sha256 character varying(64) NOT NULL,
    signed_payload character varying(8000) NOT NULL,
    signature character varying(200) NOT NULL,
    seal_key_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_certificates PRIMARY KEY (id),
    CONSTRAINT fk_certificates_issuer_organisation_id FOREIGN KEY (issuer_organisation_id) REFERENCES agencies (id) ON DELETE RESTRICT,
    CONSTRAINT fk_certificates_seal_key_id FOREIGN KEY (seal_key_id) REFERENCES seal_keys (id) ON DELETE RESTRICT
);

CREATE INDEX ix_certificates_case_id ON certificates (case_id);

CREATE INDEX ix_certificates_holder_account_id ON certificates (holder_account_id);

CREATE INDEX ix_certificates_issuer_organisation_id ON certificates (issuer_organisation_id);

CREATE UNIQUE INDEX ix_certificates_number ON certificates (number);

CREATE INDEX ix_certificates_pdf_sha256 ON certificates (pdf_sha256);

CREATE INDEX ix_certificates_seal_key_id ON certificates (seal_key_id);

CREATE UNIQUE INDEX ix_seal_keys_organisation_id ON seal_keys (organisation_id) WHERE active;

CREATE INDEX ix_seal_keys_organisation_id_created_at ON seal_keys (organisation_id, created_at);
