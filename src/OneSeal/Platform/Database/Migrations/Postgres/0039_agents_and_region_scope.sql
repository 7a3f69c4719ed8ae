-- Issue 10 §5, agents act for the enterprise (src/OneSeal/Organisation/Applicants/AgentGrant.cs): the enterprise account
-- a case was filed for by its agent (经办人); the enterprise reads those cases in its own list.
ALTER TABLE cases ADD COLUMN for_enterprise_account_id uuid;
CREATE INDEX ix_cases_for_enterprise_account_id_created_at ON cases (for_enterprise_account_id, created_at);

-- Issue 10 §2, region data scope (src/OneSeal/Organisation/DataReach.cs): the handling organisation's region code on
-- each case, so queues filter by region in SQL; existing cases take their handling organisation's.
ALTER TABLE cases ADD COLUMN handling_region_code character varying(12);
UPDATE cases SET handling_region_code = a.region_code FROM agencies AS a WHERE a.id = cases.handling_organisation_id;
