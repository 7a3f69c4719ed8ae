-- Staff (src/OneSeal/Organisation/Staff): the staff number (工号) and photo shown on the window screen, and the flag that
-- makes an imported account choose its own password after the one-time initial one.
ALTER TABLE accounts ADD COLUMN staff_number character varying(32);
ALTER TABLE accounts ADD COLUMN photo_key character varying(256);
ALTER TABLE accounts ADD COLUMN photo_content_type character varying(32);
ALTER TABLE accounts ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX ix_accounts_staff_number ON accounts (staff_number);
