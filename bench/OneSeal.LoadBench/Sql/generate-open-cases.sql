-- Data generator for the deadline-sweep benchmark (docs/benchmarks.md): {{cases}} open cases (Accepted 60 %, Reviewed 40 %)
-- inserted in one statement, with valid foreign keys from the demo seed (items the demo window clerk's organisation
-- implements, the demo applicant accounts, the clerk and the reviewer).
--
-- Placeholders filled in by SweepBench: {{cases}}, {{today}} (today's legal date in Asia/Shanghai, the date the sweep
-- compares with) and {{yellow_share}} (Deadlines:YellowShare, 0.8 by default).
--
-- APPROXIMATION: the working-day clock here counts weekdays only (Monday to Friday); the app's clock also skips national
-- holidays and counts make-up working days. For generated rows this only shifts some dates by a few days; the sweep
-- itself compares the stored dates and never recomputes them.
--
-- Each case, deterministically from its number i (hashes, no random()):
--   class       1 % overdue (due date before today), 2 % past yellow but not yet due, 97 % normal;
--   promised    3–20 working days (5–20 for the yellow class: below 5, 80 % of the limit rounds up to the whole limit);
--   extension   +10 working days on 5 % of cases (Art. 42);
--   paused      30 % of cases had a closed pause (Art. 45) of 1–20 working days;
--   used        working days of the limit used so far, chosen inside the class: normal 0 … yellow−1,
--               yellow yellow … due−1, overdue due+1 … due+5;
-- and from those, as CaseCommands.Reschedule computes them:
--   accepted_on = today − used (weekdays),   due_date = accepted_on + limit + paused,
--   yellow_on   = accepted_on + ceil(limit × share) + paused,   limit = promised + extension.
-- So accepted_on spreads over the last ~60 days (older cases are the ones with long limits, extensions and pauses;
-- most open cases are recent, as in a real in-tray). deadline_state is 'Normal' for all: the sweep has not run yet.

-- Weekday n (0-based) counted from a Monday.
CREATE FUNCTION pg_temp.weekday(base date, n int) RETURNS date LANGUAGE sql IMMUTABLE
    AS $$ SELECT base + (n / 5) * 7 + (n % 5) $$;

-- A uniform number in [0, 1) from case number i and a salt.
CREATE FUNCTION pg_temp.u(i bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE
    AS $$ SELECT ((hashint8extended(i, salt) & 9223372036854775807) % 1000000) / 1000000.0::float8 $$;

INSERT INTO cases (
    id, case_number, item_id, item_code, item_name, handling_organisation_id,
    applicant_account_id, applicant_name, applicant_kind, applicant_identity_masked, channel, form_json,
    status, statutory_days, promised_days, created_at, submitted_at,
    accepted_by_id, accepted_at, accepted_on, due_date,
    reviewed_by_id, reviewed_at, review_opinion, review_recommends_approval,
    extension_days, extension_reason, extended_by_id, paused_days, yellow_on, deadline_state, deemed_accepted, version)
WITH
clock AS (
    -- base: a Monday well before the oldest generated case; t: today's weekday number (Friday's at the weekend).
    SELECT base, ((today - base) / 7) * 5 + least((today - base) % 7, 4) AS t
    FROM (SELECT {{today}}::date AS today, ({{today}}::date - 140) - (extract(isodow FROM {{today}}::date - 140)::int - 1) AS base) d
),
eligible AS (
    -- Items handled by the demo window's organisation that are not 超时默认 (their overdue cases would be approved
    -- one by one, with a sealed PDF each, by the sweep: a different benchmark).
    SELECT array_agg(i.id ORDER BY i.code) AS ids, count(*)::int AS n
    FROM items i
    WHERE i.status = 'Published' AND NOT i.deemed_approval_on_timeout
      AND i.implementing_organisation_id = (SELECT organisation_id FROM accounts WHERE username = 'clerk')
),
staff AS (
    SELECT (SELECT id FROM accounts WHERE username = 'clerk') AS clerk,
           (SELECT id FROM accounts WHERE username = 'clerk2') AS clerk2,
           (SELECT id FROM accounts WHERE username = 'reviewer') AS reviewer,
           (SELECT id FROM accounts WHERE username = 'chief') AS chief
),
draw AS (
    SELECT g.i,
           pg_temp.u(g.i, 0) AS u_class, pg_temp.u(g.i, 1) AS u_promised, pg_temp.u(g.i, 2) AS u_ext,
           pg_temp.u(g.i, 3) AS u_paused, pg_temp.u(g.i, 4) AS u_paused_days, pg_temp.u(g.i, 5) AS u_used,
           pg_temp.u(g.i, 6) AS u_status, pg_temp.u(g.i, 7) AS u_item, pg_temp.u(g.i, 8) AS u_wait,
           pg_temp.u(g.i, 9) AS u_applicant
    FROM generate_series(1, {{cases}}) g(i)
),
shape AS (
    SELECT d.*, c.class, c.promised, c.ext, c.paused, c.promised + c.ext AS lim
    FROM draw d,
    LATERAL (SELECT CASE WHEN d.u_class < 0.01 THEN 'overdue' WHEN d.u_class < 0.03 THEN 'yellow' ELSE 'normal' END AS class) k,
    LATERAL (SELECT k.class,
                    CASE WHEN k.class = 'yellow' THEN 5 + floor(d.u_promised * 16)::int ELSE 3 + floor(d.u_promised * 18)::int END AS promised,
                    CASE WHEN d.u_ext < 0.05 THEN 10 ELSE 0 END AS ext,
                    CASE WHEN d.u_paused < 0.30 THEN 1 + floor(d.u_paused_days * 20)::int ELSE 0 END AS paused) c
),
timed AS (
    SELECT s.*, ceil(s.lim * {{yellow_share}})::int + s.paused AS y, s.lim + s.paused AS l
    FROM shape s
),
placed AS (
    SELECT t.*,
           CASE t.class
               WHEN 'normal' THEN floor(t.u_used * t.y)::int
               WHEN 'yellow' THEN t.y + floor(t.u_used * (t.l - t.y))::int
               ELSE t.l + 1 + floor(t.u_used * 5)::int
           END AS used
    FROM timed t
),
dated AS (
    SELECT p.*, pg_temp.weekday(c.base, c.t - p.used) AS accepted_on,
           pg_temp.weekday(c.base, c.t - p.used + p.l) AS due_date,
           pg_temp.weekday(c.base, c.t - p.used + p.y) AS yellow_on
    FROM placed p, clock c
)
SELECT
    gen_random_uuid(),
    'QS' || to_char(d.accepted_on, 'YYYYMMDD') || '-G' || lpad(d.i::text, 7, '0'),
    it.id, it.code, it.name, it.implementing_organisation_id,
    ap.id, ap.display_name, ap.kind, ap.identity_code_masked,
    CASE WHEN d.u_wait < 0.7 THEN 'Online' ELSE 'Window' END,
    json_build_object(
        'applicantName', ap.display_name, 'contactPhone', '1380796' || lpad((d.i % 10000)::text, 4, '0'),
        'address', '青山县城关镇解放路' || (d.i % 500) || '号', 'scope', '预包装食品销售（不含冷藏冷冻食品）',
        'area', ((d.i % 300) + 20)::text, 'remark', '批量生成的基准测试数据')::text,
    CASE WHEN d.u_status < 0.4 THEN 'Reviewed' ELSE 'Accepted' END,
    greatest(it.statutory_days, d.promised), d.promised,
    acc.at - interval '2 hours' - interval '1 day' * floor(d.u_wait * 3) - interval '30 minutes',
    acc.at - interval '2 hours' - interval '1 day' * floor(d.u_wait * 3),
    CASE WHEN d.i % 2 = 0 THEN st.clerk ELSE st.clerk2 END, acc.at, d.accepted_on, d.due_date,
    CASE WHEN d.u_status < 0.4 THEN st.reviewer END,
    CASE WHEN d.u_status < 0.4 THEN least(now(), acc.at + interval '1 day' * (d.used * 7 / 10)) END,
    CASE WHEN d.u_status < 0.4 THEN '申请材料齐全，符合法定形式，经审查符合许可条件，建议准予许可。' END,
    CASE WHEN d.u_status < 0.4 THEN true END,
    d.ext, CASE WHEN d.ext > 0 THEN '需现场核查，经负责人批准延长审批期限。' END, CASE WHEN d.ext > 0 THEN st.chief END,
    d.paused, d.yellow_on, 'Normal', false,
    CASE WHEN d.u_status < 0.4 THEN 3 ELSE 2 END + CASE WHEN d.ext > 0 THEN 1 ELSE 0 END + CASE WHEN d.paused > 0 THEN 2 ELSE 0 END
FROM dated d
CROSS JOIN eligible e
CROSS JOIN staff st
JOIN items it ON it.id = e.ids[1 + floor(d.u_item * e.n)::int]
JOIN accounts ap ON ap.username = CASE
    WHEN it.service_object = 'Enterprise' THEN 'company'
    WHEN it.service_object = 'Citizen' THEN 'applicant'
    WHEN d.u_applicant < 0.5 THEN 'company' ELSE 'applicant' END
CROSS JOIN LATERAL (SELECT (d.accepted_on + time '10:00') AT TIME ZONE 'Asia/Shanghai' AS at) acc;
