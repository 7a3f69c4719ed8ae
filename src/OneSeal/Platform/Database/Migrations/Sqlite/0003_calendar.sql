-- Working-day calendar: national holidays, make-up working days and local closures, per year.
CREATE TABLE "calendar_days" (
    "region" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    CONSTRAINT "pk_calendar_days" PRIMARY KEY ("region", "date")
);

CREATE TABLE "calendar_years" (
    "region" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "notice" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    CONSTRAINT "pk_calendar_years" PRIMARY KEY ("region", "year")
);
