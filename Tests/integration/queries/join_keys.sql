-- How a hash join matches keys (version 2), each path of `JoinHashTable`: text matched once per dictionary entry
-- (stored text through shared codes, computed text by its bytes, both mixed in one probe), several keys folded by
-- arithmetic or, when their key space is large, through a hash index of pairs; NULL keys on either side (never a
-- match, in the first key or a later one); duplicate build keys (every pair); LEFT JOIN rows without a match;
-- integer, date, double and boolean keys, and keys computed from columns.

-- query: first_day_per_account
WITH first_day AS (SELECT source, account_id, min(date) AS first_day FROM ad_insights GROUP BY 1, 2)
SELECT f.first_day, sum(i.spend) AS spend, sum(i.conversions) AS conversions, count(*) AS n
FROM ad_insights i JOIN first_day f ON i.source = f.source AND i.account_id = f.account_id
GROUP BY 1 ORDER BY 1

-- query: first_day_per_campaign_rows
WITH first_day AS (SELECT source, campaign_id, min(date) AS first_day FROM ad_insights GROUP BY 1, 2)
SELECT i.source, i.campaign_id, i.date - f.first_day AS days_in, count(*) AS n
FROM ad_insights i JOIN first_day f ON i.source = f.source AND i.campaign_id = f.campaign_id
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LIMIT 40

-- query: null_text_keys_never_match
WITH actions AS (SELECT conversion_action, count(*) AS n FROM ad_insights GROUP BY 1)
SELECT i.source, count(*) AS matched, sum(a.n) AS n FROM ad_insights i JOIN actions a ON i.conversion_action = a.conversion_action
GROUP BY 1 ORDER BY 1

-- query: null_text_keys_left_join
WITH actions AS (SELECT conversion_action, count(*) AS n FROM ad_insights GROUP BY 1)
SELECT i.source, count(*) AS rows_, count(a.n) AS matched, count(a.conversion_action) AS with_action
FROM ad_insights i LEFT JOIN actions a ON i.conversion_action = a.conversion_action
GROUP BY 1 ORDER BY 1

-- query: null_in_second_key
WITH actions AS (SELECT source, conversion_action, sum(spend) AS spend FROM ad_insights GROUP BY 1, 2)
SELECT i.source, i.conversion_action, count(*) AS n, max(a.spend) AS spend
FROM ad_insights i LEFT JOIN actions a ON i.source = a.source AND i.conversion_action = a.conversion_action
GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST

-- query: null_keys_from_case_both_sides
WITH l AS (SELECT CASE WHEN clicks % 3 = 0 THEN NULL ELSE campaign_id END AS k, spend FROM ad_insights),
     r AS (SELECT CASE WHEN campaign_id LIKE '%1' THEN NULL ELSE campaign_id END AS k, count(*) AS n FROM ad_insights GROUP BY 1)
SELECT count(*) AS n, count(r.k) AS matched, round(sum(l.spend), 2) AS spend, sum(r.n) AS weight
FROM l LEFT JOIN r ON l.k = r.k

-- query: null_integer_keys
WITH l AS (SELECT CASE WHEN impressions % 2 = 0 THEN clicks END AS k FROM ad_insights),
     r AS (SELECT DISTINCT CASE WHEN clicks % 5 = 0 THEN NULL ELSE clicks END AS k FROM ad_insights)
SELECT count(*) AS n, count(r.k) AS matched FROM l JOIN r ON l.k = r.k

-- query: duplicate_build_keys_every_pair
WITH twice AS (SELECT source, account_id FROM ad_insights GROUP BY 1, 2
               UNION ALL SELECT source, account_id FROM ad_insights WHERE source = 'meta' GROUP BY 1, 2)
SELECT i.source, count(*) AS n, round(sum(i.spend), 2) AS spend FROM ad_insights i JOIN twice t ON i.source = t.source AND i.account_id = t.account_id
GROUP BY 1 ORDER BY 1

-- query: duplicate_build_keys_left_join_order
WITH days AS (SELECT campaign_id, date FROM kpi_campaign_daily WHERE date BETWEEN DATE '2024-02-01' AND DATE '2024-02-03')
SELECT t.campaign_id, d.date FROM kpi_campaign_total t LEFT JOIN days d ON t.campaign_id = d.campaign_id
ORDER BY t.campaign_id, d.date NULLS FIRST

-- query: left_join_nothing_matches
SELECT count(*) AS n, count(x.k) AS matched FROM ad_insights i
LEFT JOIN (SELECT campaign_id || '-none' AS k FROM kpi_campaign_total) x ON i.campaign_id = x.k

-- query: left_join_empty_build_side
SELECT i.source, count(*) AS n, count(x.campaign_id) AS matched FROM ad_insights i
LEFT JOIN (SELECT campaign_id FROM kpi_campaign_total WHERE false) x ON i.campaign_id = x.campaign_id
GROUP BY 1 ORDER BY 1

-- query: inner_join_nothing_matches
SELECT count(*) AS n FROM ad_insights i JOIN (SELECT upper(campaign_id) || 'x' AS k FROM kpi_campaign_total) x ON i.campaign_id = x.k

-- query: computed_text_against_stored_text
SELECT t.source, count(*) AS n FROM kpi_campaign_total t JOIN (SELECT DISTINCT lower(source) AS s, account_id FROM ad_insights) a
  ON t.source = a.s AND t.account_id = a.account_id
GROUP BY 1 ORDER BY 1

-- query: computed_keys_both_sides
SELECT count(*) AS n, sum(d.clicks) AS clicks FROM kpi_campaign_daily d
JOIN kpi_campaign_total t ON upper(d.campaign_id) = upper(t.campaign_id) AND d.source || '' = t.source

-- query: stored_and_computed_text_in_one_probe
WITH probe AS (SELECT campaign_id AS k, 1 AS part FROM kpi_campaign_total
               UNION ALL SELECT lower(campaign_id) AS k, 2 AS part FROM kpi_campaign_total
               UNION ALL SELECT campaign_id || '?' AS k, 3 AS part FROM kpi_campaign_total)
SELECT p.part, count(*) AS n, count(t.campaign_id) AS matched FROM probe p LEFT JOIN kpi_campaign_total t ON p.k = t.campaign_id
GROUP BY 1 ORDER BY 1

-- query: text_of_two_stored_tables
SELECT d.source, count(*) AS n, sum(a.clicks) AS clicks FROM ad_insights a
JOIN kpi_campaign_daily d ON a.campaign_id = d.campaign_id AND a.date = d.date AND a.source = d.source AND a.account_id = d.account_id
GROUP BY 1 ORDER BY 1

-- query: large_key_space_hashed_fold
SELECT a.source, count(*) AS n, sum(b.impressions) AS impressions FROM ad_insights a
JOIN ad_insights b ON a.ad_id = b.ad_id AND a.date = b.date AND a.source = b.source AND a.file_id = b.file_id AND a.row = b.row
GROUP BY 1 ORDER BY 1

-- query: large_key_space_self_join_next_day
SELECT count(*) AS n, sum(b.clicks - a.clicks) AS change FROM ad_insights a
JOIN ad_insights b ON a.ad_id = b.ad_id AND a.source = b.source AND a.date + 1 = b.date

-- query: integer_keys_wide_range
SELECT count(*) AS n, sum(a.clicks) AS clicks FROM ad_insights a JOIN ad_insights b ON a.impressions * 1000003 = b.impressions * 1000003 AND a.ad_id = b.ad_id

-- query: date_keys
SELECT d.date, count(*) AS campaigns, sum(w.impressions) AS week_impressions FROM kpi_campaign_daily d
JOIN kpi_campaign_weekly w ON d.date = w.week AND d.campaign_id = w.campaign_id AND d.source = w.source
WHERE d.date < DATE '2024-02-01' GROUP BY 1 ORDER BY 1

-- query: double_keys_negative_zero
WITH l AS (SELECT CAST('0.0' AS DOUBLE) AS k UNION ALL SELECT CAST('-0.0' AS DOUBLE) UNION ALL SELECT 1.5 UNION ALL SELECT NULL),
     r AS (SELECT CAST('-0.0' AS DOUBLE) AS k, 'zero' AS name UNION ALL SELECT 1.5, 'one and a half' UNION ALL SELECT NULL, 'null')
SELECT l.k = 0 AS is_zero, r.name, count(*) AS n FROM l LEFT JOIN r ON l.k = r.k GROUP BY 1, 2 ORDER BY 1, 2

-- query: bigint_against_double_keys
SELECT count(*) AS n FROM ad_insights a JOIN (SELECT DISTINCT conversions FROM ad_insights) c ON a.clicks = c.conversions

-- query: boolean_keys
WITH flags AS (SELECT true AS flag, 'many clicks' AS label UNION ALL SELECT false, 'few clicks')
SELECT f.label, count(*) AS n FROM ad_insights a JOIN flags f ON (a.clicks > 10) = f.flag GROUP BY 1 ORDER BY 1

-- query: build_on_smaller_left_table_duplicates
SELECT t.campaign_id, count(*) AS n, min(a.date) AS first_date FROM kpi_campaign_total t JOIN ad_insights a ON t.campaign_id = a.campaign_id AND t.source = a.source
GROUP BY 1 ORDER BY n DESC, 1 LIMIT 15
