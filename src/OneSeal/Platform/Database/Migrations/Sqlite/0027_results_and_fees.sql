-- Issue 11, result window and central fee window (src/OneSeal/Counter/Results, src/OneSeal/Counter/Fees): pick-up codes of
-- decided cases (keyed hash + encrypted copy, failures that lock), fee demands with their non-tax payment code, and
-- payments (fee window or payment platform callback) with refunds, reconciled per legal day.
CREATE TABLE "pickup_codes" (
    "case_id" TEXT NOT NULL CONSTRAINT "pk_pickup_codes" PRIMARY KEY,
    "code_hash" TEXT NOT NULL,
    "code_protected" TEXT NOT NULL,
    "failed_attempts" INTEGER NOT NULL,
    "locked_at" INTEGER NULL,
    "issued_at" INTEGER NOT NULL,
    "used_at" INTEGER NULL,
    CONSTRAINT "fk_pickup_codes_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE CASCADE
);

CREATE TABLE "fee_demands" (
    "id" TEXT NOT NULL CONSTRAINT "pk_fee_demands" PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "case_number" TEXT NOT NULL,
    "item_name" TEXT NOT NULL,
    "department_id" TEXT NOT NULL,
    "payment_code" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "basis" TEXT NULL,
    "status" TEXT NOT NULL,
    "notice_id" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "paid_at" INTEGER NULL,
    CONSTRAINT "fk_fee_demands_case_id" FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_fee_demands_department_id" FOREIGN KEY ("department_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "ix_fee_demands_case_id" ON "fee_demands" ("case_id");
CREATE UNIQUE INDEX "ix_fee_demands_payment_code" ON "fee_demands" ("payment_code");
CREATE INDEX "ix_fee_demands_case_number" ON "fee_demands" ("case_number");
CREATE INDEX "ix_fee_demands_department_id" ON "fee_demands" ("department_id");

CREATE TABLE "fee_payments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_fee_payments" PRIMARY KEY,
    "demand_id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "department_id" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "receipt_number" TEXT NULL,
    "platform_transaction_id" TEXT NULL,
    "window_id" TEXT NULL,
    "recorded_by_id" TEXT NULL,
    "paid_at" INTEGER NOT NULL,
    "paid_on" TEXT NOT NULL,
    "refunded_at" INTEGER NULL,
    "refunded_on" TEXT NULL,
    "refund_reason" TEXT NULL,
    "refunded_by_id" TEXT NULL,
    CONSTRAINT "fk_fee_payments_demand_id" FOREIGN KEY ("demand_id") REFERENCES "fee_demands" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_fee_payments_department_id" FOREIGN KEY ("department_id") REFERENCES "agencies" ("id") ON DELETE RESTRICT
);
CREATE INDEX "ix_fee_payments_demand_id" ON "fee_payments" ("demand_id");
CREATE UNIQUE INDEX "ix_fee_payments_platform_transaction_id" ON "fee_payments" ("platform_transaction_id");
CREATE INDEX "ix_fee_payments_paid_on" ON "fee_payments" ("paid_on");
CREATE INDEX "ix_fee_payments_refunded_on" ON "fee_payments" ("refunded_on");
CREATE INDEX "ix_fee_payments_department_id" ON "fee_payments" ("department_id");
