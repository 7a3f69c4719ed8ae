-- Issue 10, organisations and windows: the region tree (GB/T 2260 extended to 12 digits: county → township → village)
-- the organisations serve, and the hall's windows with the themes a comprehensive window takes (hall themes are data:
-- the usual ones are entered here, a county may add its own).
CREATE TABLE regions (
    code character varying(12) NOT NULL,
    name character varying(64) NOT NULL,
    level character varying(16) NOT NULL,
    parent_code character varying(12),
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_regions PRIMARY KEY (code),
    CONSTRAINT fk_regions_parent_code FOREIGN KEY (parent_code) REFERENCES regions (code) ON DELETE RESTRICT
);
CREATE INDEX ix_regions_parent_code ON regions (parent_code);

CREATE TABLE hall_themes (
    code character varying(32) NOT NULL,
    name character varying(64) NOT NULL,
    sort_order integer NOT NULL,
    CONSTRAINT pk_hall_themes PRIMARY KEY (code)
);
INSERT INTO hall_themes (code, name, sort_order) VALUES
    ('market', '市场准入', 1), ('construction', '基本建设', 2), ('agriculture', '农牧业', 3), ('social', '社会事业', 4),
    ('police', '公安户政', 5), ('social-security', '社保医保', 6), ('real-estate', '不动产登记', 7), ('transport', '交通运输', 8);

CREATE TABLE windows (
    id uuid NOT NULL,
    number character varying(8) NOT NULL,
    name character varying(64) NOT NULL,
    hall_id uuid NOT NULL,
    zone character varying(64),
    kind character varying(16) NOT NULL,
    department_id uuid,
    a_post_id uuid,
    b_post_id uuid,
    created_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone,
    CONSTRAINT pk_windows PRIMARY KEY (id),
    CONSTRAINT fk_windows_hall_id FOREIGN KEY (hall_id) REFERENCES agencies (id) ON DELETE RESTRICT,
    CONSTRAINT fk_windows_department_id FOREIGN KEY (department_id) REFERENCES agencies (id) ON DELETE RESTRICT,
    CONSTRAINT fk_windows_a_post_id FOREIGN KEY (a_post_id) REFERENCES accounts (id) ON DELETE RESTRICT,
    CONSTRAINT fk_windows_b_post_id FOREIGN KEY (b_post_id) REFERENCES accounts (id) ON DELETE RESTRICT
);
CREATE INDEX ix_windows_hall_id_number ON windows (hall_id, number);
CREATE INDEX ix_windows_department_id ON windows (department_id);
CREATE INDEX ix_windows_a_post_id ON windows (a_post_id);
CREATE INDEX ix_windows_b_post_id ON windows (b_post_id);

CREATE TABLE window_themes (
    window_id uuid NOT NULL,
    theme_code character varying(32) NOT NULL,
    CONSTRAINT pk_window_themes PRIMARY KEY (window_id, theme_code),
    CONSTRAINT fk_window_themes_window_id FOREIGN KEY (window_id) REFERENCES windows (id) ON DELETE CASCADE,
    CONSTRAINT fk_window_themes_theme_code FOREIGN KEY (theme_code) REFERENCES hall_themes (code) ON DELETE RESTRICT
);
CREATE INDEX ix_window_themes_theme_code ON window_themes (theme_code);
