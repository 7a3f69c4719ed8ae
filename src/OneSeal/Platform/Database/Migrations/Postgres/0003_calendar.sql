-- Working-day calendar: national holidays, make-up working days and local closures, per year.
CREATE TABLE calendar_days (
    region character varying(12) NOT NULL,
    date date NOT NULL,
    kind character varying(16) NOT NULL,
    name character varying(64) NOT NULL,
    year integer NOT NULL,
    CONSTRAINT pk_calendar_days PRIMARY KEY (region, date)
);

CREATE TABLE calendar_years (
    region character varying(12) NOT NULL,
    year integer NOT NULL,
    notice character varying(200) NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_calendar_years PRIMARY KEY (region, year)
);
