-- Issue 13 §3, subscriptions and webhooks (src/OneSeal/Exchange/Webhooks): other systems' callback subscriptions with a
-- cursor on events.seq, one delivery row per event and subscription (row leases, back-off, per-subject order), and the
-- delivery log's attempts.
CREATE TABLE webhook_subscriptions (
    id uuid NOT NULL,
    url character varying(2048) NOT NULL,
    event_types character varying(1024) NOT NULL,
    department_id uuid,
    item_code character varying(64),
    action character varying(32),
    secret_protected character varying(1024) NOT NULL,
    status character varying(16) NOT NULL,
    disabled_reason character varying(256),
    disabled_at timestamp with time zone,
    cursor bigint NOT NULL,
    gap_seq bigint,
    gap_since timestamp with time zone,
    gap_xmax bigint,
    created_at timestamp with time zone NOT NULL,
    created_by_id uuid NOT NULL,
    alert_at timestamp with time zone,
    alert_text character varying(512),
    CONSTRAINT pk_webhook_subscriptions PRIMARY KEY (id),
    CONSTRAINT fk_webhook_subscriptions_department_id FOREIGN KEY (department_id) REFERENCES agencies (id) ON DELETE RESTRICT,
    CONSTRAINT fk_webhook_subscriptions_created_by_id FOREIGN KEY (created_by_id) REFERENCES accounts (id) ON DELETE RESTRICT
);
CREATE INDEX ix_webhook_subscriptions_department_id ON webhook_subscriptions (department_id);
CREATE INDEX ix_webhook_subscriptions_created_by_id ON webhook_subscriptions (created_by_id);
CREATE TABLE webhook_deliveries (
    id uuid NOT NULL,
    subscription_id uuid NOT NULL,
    event_seq bigint NOT NULL,
    event_id uuid NOT NULL,
    event_type character varying(64) NOT NULL,
    subject character varying(128) NOT NULL,
    status character varying(16) NOT NULL,
    attempts integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    retry_from timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    lease_until timestamp with time zone,
    lease_holder character varying(128),
    last_attempt_at timestamp with time zone,
    last_status_code integer,
    last_duration_ms integer,
    last_error character varying(512),
    delivered_at timestamp with time zone,
    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
    CONSTRAINT fk_webhook_deliveries_subscription_id FOREIGN KEY (subscription_id) REFERENCES webhook_subscriptions (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_webhook_deliveries_subscription_id_event_seq ON webhook_deliveries (subscription_id, event_seq);
CREATE INDEX ix_webhook_deliveries_subscription_id_subject_event_seq ON webhook_deliveries (subscription_id, subject, event_seq);
CREATE INDEX ix_webhook_deliveries_status_next_attempt_at ON webhook_deliveries (status, next_attempt_at);
CREATE TABLE webhook_attempts (
    id uuid NOT NULL,
    delivery_id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    status_code integer,
    duration_ms integer NOT NULL,
    error character varying(512),
    CONSTRAINT pk_webhook_attempts PRIMARY KEY (id),
    CONSTRAINT fk_webhook_attempts_delivery_id FOREIGN KEY (delivery_id) REFERENCES webhook_deliveries (id) ON DELETE CASCADE
);
CREATE INDEX ix_webhook_attempts_delivery_id_at ON webhook_attempts (delivery_id, at);
