-- Issue 12 §5, the window's rating device (src/OneSeal/Ratings): ratings bound to the ticket they rate (one per ticket),
-- their indicator scores and the cases served, the devices paired to windows, and the GB/T 39734-2020 indicators and
-- bad-rating tags as versioned data.
CREATE TABLE rating_indicators (
    set_version character varying(32) NOT NULL,
    kind character varying(16) NOT NULL,
    code character varying(32) NOT NULL,
    name character varying(64) NOT NULL,
    sort_order integer NOT NULL,
    CONSTRAINT pk_rating_indicators PRIMARY KEY (set_version, kind, code)
);
CREATE TABLE rating_devices (
    id uuid NOT NULL,
    window_id uuid NOT NULL,
    secret_hash character varying(64) NOT NULL,
    paired boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by_id uuid NOT NULL,
    code_expires_at timestamp with time zone,
    paired_at timestamp with time zone,
    revoked_at timestamp with time zone,
    CONSTRAINT pk_rating_devices PRIMARY KEY (id),
    CONSTRAINT fk_rating_devices_window_id FOREIGN KEY (window_id) REFERENCES windows (id) ON DELETE RESTRICT,
    CONSTRAINT fk_rating_devices_created_by_id FOREIGN KEY (created_by_id) REFERENCES accounts (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_rating_devices_secret_hash ON rating_devices (secret_hash);
CREATE INDEX ix_rating_devices_window_id ON rating_devices (window_id);
CREATE INDEX ix_rating_devices_created_by_id ON rating_devices (created_by_id);
CREATE TABLE ratings (
    id uuid NOT NULL,
    channel character varying(16) NOT NULL,
    level integer NOT NULL,
    set_version character varying(32) NOT NULL,
    tags character varying(512),
    comment character varying(500),
    ticket_id uuid,
    window_id uuid,
    staff_id uuid,
    device_id uuid,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_ratings PRIMARY KEY (id),
    CONSTRAINT fk_ratings_window_id FOREIGN KEY (window_id) REFERENCES windows (id) ON DELETE RESTRICT,
    CONSTRAINT fk_ratings_staff_id FOREIGN KEY (staff_id) REFERENCES accounts (id) ON DELETE RESTRICT,
    CONSTRAINT fk_ratings_device_id FOREIGN KEY (device_id) REFERENCES rating_devices (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_ratings_ticket_id ON ratings (ticket_id);
CREATE INDEX ix_ratings_staff_id_created_at ON ratings (staff_id, created_at);
CREATE INDEX ix_ratings_window_id ON ratings (window_id);
CREATE INDEX ix_ratings_device_id ON ratings (device_id);
CREATE TABLE rating_scores (
    rating_id uuid NOT NULL,
    indicator_code character varying(32) NOT NULL,
    level integer NOT NULL,
    CONSTRAINT pk_rating_scores PRIMARY KEY (rating_id, indicator_code),
    CONSTRAINT fk_rating_scores_rating_id FOREIGN KEY (rating_id) REFERENCES ratings (id) ON DELETE CASCADE
);
CREATE TABLE rating_cases (
    rating_id uuid NOT NULL,
    case_id uuid NOT NULL,
    CONSTRAINT pk_rating_cases PRIMARY KEY (rating_id, case_id),
    CONSTRAINT fk_rating_cases_rating_id FOREIGN KEY (rating_id) REFERENCES ratings (id) ON DELETE CASCADE
);
CREATE INDEX ix_rating_cases_case_id ON rating_cases (case_id);
-- GB/T 39734-2020's offline and online indicators, and the usual bad-rating tags.
INSERT INTO rating_indicators (set_version, kind, code, name, sort_order) VALUES
    ('GB/T 39734-2020', 'offline', 'overall', '总体评价', 1),
    ('GB/T 39734-2020', 'offline', 'efficiency', '办事效率', 2),
    ('GB/T 39734-2020', 'offline', 'service', '服务水平', 3),
    ('GB/T 39734-2020', 'offline', 'attitude', '服务态度', 4),
    ('GB/T 39734-2020', 'online', 'overall', '总体评价', 1),
    ('GB/T 39734-2020', 'online', 'efficiency', '办事效率', 2),
    ('GB/T 39734-2020', 'online', 'guide', '办事指南准确性', 3),
    ('GB/T 39734-2020', 'online', 'convenience', '办事便捷程度', 4),
    ('GB/T 39734-2020', 'online', 'platform', '平台易用性', 5),
    ('GB/T 39734-2020', 'tag', 'overdue', '超期未办结', 1),
    ('GB/T 39734-2020', 'tag', 'extra-materials', '要求提供指南以外的材料', 2),
    ('GB/T 39734-2020', 'tag', 'attitude', '服务态度差', 3),
    ('GB/T 39734-2020', 'tag', 'many-visits', '多次跑动', 4),
    ('GB/T 39734-2020', 'tag', 'long-wait', '等候时间长', 5),
    ('GB/T 39734-2020', 'tag', 'unclear-guidance', '解释说明不清楚', 6),
    ('GB/T 39734-2020', 'tag', 'no-one-at-window', '窗口无人', 7);
