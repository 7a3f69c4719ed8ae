-- Issue 13 §3: how far each outbound channel of the exchange capability has carried the events (src/OneSeal/Exchange);
-- the broker advances its row only after RabbitMQ confirmed every envelope up to seq.
CREATE TABLE "exchange_cursors" (
    "name" TEXT NOT NULL CONSTRAINT "pk_exchange_cursors" PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL
);
