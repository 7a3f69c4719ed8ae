-- Issue 11, window sign-in (src/OneSeal/Hall/Seats): who sits at which window of the hall on a legal day, in which post
-- (A岗, B岗 standing in, or a window chief). Hall actions check the seat's window kind.
CREATE TABLE window_seats (
    id uuid NOT NULL,
    window_id uuid NOT NULL,
    account_id uuid NOT NULL,
    day date NOT NULL,
    post character varying(8) NOT NULL,
    signed_in_at timestamp with time zone NOT NULL,
    signed_out_at timestamp with time zone,
    CONSTRAINT pk_window_seats PRIMARY KEY (id),
    CONSTRAINT fk_window_seats_window_id FOREIGN KEY (window_id) REFERENCES windows (id) ON DELETE RESTRICT,
    CONSTRAINT fk_window_seats_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE RESTRICT
);
CREATE INDEX ix_window_seats_account_id_day ON window_seats (account_id, day);
CREATE INDEX ix_window_seats_window_id_day ON window_seats (window_id, day);
