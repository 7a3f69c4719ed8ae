-- Issue 13 §3, subscriptions and webhooks (src/OneSeal/Exchange/Webhooks): other systems' callback subscriptions with a
-- cursor on events.seq, one delivery row per event and subscription (row leases, back-off, per-subject order), and the
-- delivery log's attempts.
CREATE TABLE "webhook_subscriptions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_webhook_subscriptions" PRIMARY KEY,
    "url" TEXT NOT NULL,
    "event_types" TEXT NOT NULL,
    "department_id" TEXT NULL,
    "item_code" TEXT NULL,
    "action" TEXT NULL,
    "secret_protected" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "disabled_reason" TEXT NULL,
    "disabled_at" INTEGER NULL,
    "cursor" INTEGER NOT NULL,
    "gap_seq" INTEGER NULL,
    "gap_since" INTEGER NULL,
    "gap_xmax" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "alert_at" INTEGER NULL,
    "alert_text" TEXT NULL,
    CONSTRAINT "fk_webhook_subscriptions_department_id" FOREIGN KEY ("department_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_webhook_subscriptions_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "accounts" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_webhook_subscriptions_department_id" ON "webhook_subscriptions" ("department_id");
CREATE INDEX "ix_webhook_subscriptions_created_by_id" ON "webhook_subscriptions" ("created_by_id");
CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY,
    "subscription_id" TEXT NOT NULL,
    "event_seq" INTEGER NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "retry_from" INTEGER NOT NULL,
    "next_attempt_at" INTEGER NOT NULL,
    "lease_until" INTEGER NULL,
    "lease_holder" TEXT NULL,
    "last_attempt_at" INTEGER NULL,
    "last_status_code" INTEGER NULL,
    "last_duration_ms" INTEGER NULL,
    "last_error" TEXT NULL,
    "delivered_at" INTEGER NULL,
    CONSTRAINT "fk_webhook_deliveries_subscription_id" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_webhook_deliveries_subscription_id_event_seq" ON "webhook_deliveries" ("subscription_id", "event_seq");
CREATE INDEX "ix_webhook_deliveries_subscription_id_subject_event_seq" ON "webhook_deliveries" ("subscription_id", "subject", "event_seq");
CREATE INDEX "ix_webhook_deliveries_status_next_attempt_at" ON "webhook_deliveries" ("status", "next_attempt_at");
CREATE TABLE "webhook_attempts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_webhook_attempts" PRIMARY KEY,
    "delivery_id" TEXT NOT NULL,
    "at" INTEGER NOT NULL,
    "status_code" INTEGER NULL,
    "duration_ms" INTEGER NOT NULL,
    "error" TEXT NULL,
    CONSTRAINT "fk_webhook_attempts_delivery_id" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_webhook_attempts_delivery_id_at" ON "webhook_attempts" ("delivery_id", "at");
