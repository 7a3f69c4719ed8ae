-- Issue 11 gaps, 收费事项的执行权 (seed 003: the window chief applies the preferential fee policies): a fee demand reduced
-- or waived by a window chief keeps the amount first demanded and the policy it was reduced under.
ALTER TABLE fee_demands ADD COLUMN original_amount numeric(12,2);
ALTER TABLE fee_demands ADD COLUMN relief_basis character varying(500);
