-- Issue 13 §3: how far each outbound channel of the exchange capability has carried the events (src/OneSeal/Exchange);
-- the broker advances its row only after RabbitMQ confirmed every envelope up to seq.
CREATE TABLE exchange_cursors (
    name character varying(64) NOT NULL,
    seq bigint NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_exchange_cursors PRIMARY KEY (name)
);
