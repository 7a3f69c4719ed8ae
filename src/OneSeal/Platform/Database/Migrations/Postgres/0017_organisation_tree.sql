-- Administration (docs/decisions/0011-administration.md): organisations form a tree (bureau → sections, service centre →
-- halls, departments → their approval section, service points by region) and can be closed, never deleted; each role an
-- account holds carries its data scope.
ALTER TABLE agencies ADD COLUMN short_name character varying(32);
ALTER TABLE agencies ADD COLUMN parent_id uuid;
ALTER TABLE agencies ADD COLUMN address character varying(256);
ALTER TABLE agencies ADD COLUMN closed_at timestamp with time zone;
ALTER TABLE agencies ADD CONSTRAINT fk_agencies_parent_id FOREIGN KEY (parent_id) REFERENCES agencies (id) ON DELETE RESTRICT;
CREATE INDEX ix_agencies_parent_id ON agencies (parent_id);

ALTER TABLE account_roles ADD COLUMN scope character varying(16) NOT NULL DEFAULT 'Organisation';
