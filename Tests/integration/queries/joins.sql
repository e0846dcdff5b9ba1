-- [INNER] JOIN and LEFT [OUTER] JOIN (version 2) on equalities of columns, between catalogue tables, CTEs and
-- subqueries; qualified names and aliases; several joins in a row; LEFT JOIN rows without a match (NULLs);
-- WHERE on either side (pruning pushed to the preserved side); extra non-equality ON conditions of an INNER JOIN.

-- query: silver_join_total_by_campaign
SELECT a.source, a.campaign_id, sum(a.spend) AS silver_spend, max(t.spend) AS total_spend
FROM ad_insights a JOIN kpi_campaign_total t ON a.source = t.source AND a.account_id = t.account_id AND a.campaign_id = t.campaign_id
GROUP BY a.source, a.campaign_id ORDER BY a.source, a.campaign_id

-- query: silver_join_total_share_of_campaign
SELECT a.campaign_id, a.date, a.spend / t.spend AS share
FROM ad_insights a INNER JOIN kpi_campaign_total t ON a.campaign_id = t.campaign_id AND a.source = t.source
WHERE a.date = DATE '2024-03-15' AND t.spend > 0
ORDER BY a.campaign_id, a.date, share

-- query: daily_join_total_names
SELECT d.campaign_id, d.date, t.campaign_name FROM kpi_campaign_daily d JOIN kpi_campaign_total t ON d.campaign_id = t.campaign_id
WHERE d.date BETWEEN '2024-02-01' AND '2024-02-03' ORDER BY 1, 2

-- query: join_unqualified_unique_columns
SELECT week, date, d.clicks
FROM kpi_campaign_weekly w JOIN kpi_campaign_daily d ON w.campaign_id = d.campaign_id AND w.source = d.source AND w.week = d.date
ORDER BY week, d.campaign_id, date

-- query: join_select_star
SELECT * FROM kpi_campaign_total t JOIN bronze_files f ON t.impressions = f.rows

-- query: join_table_star_and_column
SELECT f.*, q.reason FROM quarantine q JOIN bronze_files f ON q.file_id = f.file_id WHERE q.reason LIKE 'negative%' ORDER BY f.file_id, q.reason

-- query: silver_join_bronze_files
SELECT f.source, count(*) AS rows_, count(DISTINCT f.file_id) AS files FROM ad_insights a JOIN bronze_files f ON a.file_id = f.file_id GROUP BY f.source ORDER BY f.source

-- query: quarantine_join_files_per_reason
SELECT q.reason, f.source, count(*) AS n FROM quarantine q JOIN bronze_files f ON f.file_id = q.file_id GROUP BY ALL ORDER BY 1, 2

-- query: left_join_unmatched_nulls
SELECT t.campaign_id, m.spend AS march_spend
FROM kpi_campaign_total t LEFT JOIN (SELECT campaign_id, sum(spend) AS spend FROM kpi_campaign_daily WHERE date >= DATE '2024-03-20' GROUP BY campaign_id) m
  ON t.campaign_id = m.campaign_id
ORDER BY t.campaign_id

-- query: left_join_count_unmatched
SELECT count(*) AS campaigns, count(m.campaign_id) AS matched, count(*) - count(m.campaign_id) AS unmatched
FROM kpi_campaign_total t LEFT JOIN (SELECT DISTINCT campaign_id FROM kpi_campaign_daily WHERE date >= DATE '2024-03-25') m ON t.campaign_id = m.campaign_id

-- query: left_join_where_is_null_anti
SELECT t.source, t.campaign_id FROM kpi_campaign_total t
LEFT JOIN (SELECT DISTINCT campaign_id FROM ad_insights WHERE date >= DATE '2024-03-28') r ON r.campaign_id = t.campaign_id
WHERE r.campaign_id IS NULL ORDER BY 1, 2

-- query: left_join_coalesce
SELECT f.file_id, coalesce(q.n, 0) AS quarantined FROM bronze_files f
LEFT JOIN (SELECT file_id, count(*) AS n FROM quarantine GROUP BY file_id) q ON f.file_id = q.file_id
ORDER BY f.file_id

-- query: left_outer_join_keyword
SELECT f.source, sum(q.n) AS quarantined, count(*) AS files FROM bronze_files f
LEFT OUTER JOIN (SELECT file_id, count(*) AS n FROM quarantine GROUP BY file_id) q ON f.file_id = q.file_id
GROUP BY f.source ORDER BY f.source

-- query: left_join_all_rows_match
SELECT count(*) FROM kpi_campaign_daily d LEFT JOIN kpi_campaign_total t ON d.source = t.source AND d.account_id = t.account_id AND d.campaign_id = t.campaign_id

-- query: left_join_duplicates_multiply
SELECT t.campaign_id, count(*) AS n FROM kpi_campaign_total t LEFT JOIN kpi_campaign_weekly w ON t.campaign_id = w.campaign_id GROUP BY t.campaign_id ORDER BY n DESC, t.campaign_id LIMIT 10

-- query: join_three_tables
SELECT t.source, count(*) AS n, sum(w.clicks) AS clicks
FROM kpi_campaign_total t
JOIN kpi_campaign_weekly w ON w.campaign_id = t.campaign_id AND w.source = t.source
JOIN kpi_campaign_daily d ON d.campaign_id = w.campaign_id AND d.source = w.source AND d.date = w.week
GROUP BY t.source ORDER BY t.source

-- query: join_then_left_join
SELECT f.source, count(*) AS rows_, count(q.reason) AS with_reason
FROM ad_insights a JOIN bronze_files f ON a.file_id = f.file_id
LEFT JOIN (SELECT DISTINCT file_id, reason FROM quarantine WHERE reason = 'bad_date') q ON q.file_id = f.file_id
GROUP BY f.source ORDER BY f.source

-- query: join_on_date_keys
SELECT w.week, count(*) AS pairs FROM (SELECT DISTINCT week FROM kpi_campaign_weekly) w JOIN (SELECT DISTINCT date FROM ad_insights) d ON w.week = d.date GROUP BY w.week ORDER BY w.week

-- query: join_int_with_double_key
SELECT count(*) FROM bronze_files f JOIN (SELECT CAST(file_id AS DOUBLE) AS id FROM quarantine) q ON f.file_id = q.id

-- query: join_cte_and_table
WITH spenders AS (SELECT campaign_id, sum(spend) AS spend FROM ad_insights GROUP BY campaign_id HAVING sum(spend) > 2000)
SELECT t.campaign_name, s.spend, t.clicks FROM spenders s JOIN kpi_campaign_total t ON t.campaign_id = s.campaign_id ORDER BY s.spend DESC, t.campaign_name

-- query: join_two_ctes_share_of_source
WITH c AS (SELECT source, campaign_id, sum(spend) AS spend FROM kpi_campaign_daily GROUP BY ALL),
     s AS (SELECT source, sum(spend) AS spend FROM kpi_campaign_daily GROUP BY ALL)
SELECT c.source, c.campaign_id, round(100 * c.spend / s.spend, 4) AS pct FROM c JOIN s ON c.source = s.source ORDER BY 1, 3 DESC, 2

-- query: join_residual_condition_inner
SELECT w.campaign_id, w.week, w.clicks FROM kpi_campaign_weekly w JOIN kpi_campaign_total t ON w.campaign_id = t.campaign_id AND w.clicks * 10 > t.clicks
ORDER BY 1, 2

-- query: join_residual_constant_inner
SELECT count(*) FROM kpi_campaign_daily d JOIN kpi_campaign_total t ON d.campaign_id = t.campaign_id AND t.source = 'google'

-- query: join_where_on_both_sides
SELECT d.campaign_id, d.date, d.spend FROM kpi_campaign_daily d JOIN kpi_campaign_total t ON d.campaign_id = t.campaign_id
WHERE d.date >= DATE '2024-03-25' AND t.spend > 3000 AND d.spend > 0 ORDER BY 1, 2

-- query: left_join_where_on_right_side
SELECT t.campaign_id, d.date FROM kpi_campaign_total t LEFT JOIN kpi_campaign_daily d ON t.campaign_id = d.campaign_id
WHERE d.date = DATE '2024-01-05' ORDER BY 1

-- query: left_join_where_on_left_side_pruned
SELECT d.date, count(*) AS n, count(t.campaign_id) AS matched FROM kpi_campaign_daily d LEFT JOIN kpi_campaign_total t ON d.campaign_id = t.campaign_id AND d.source = t.source
WHERE d.date < DATE '2024-01-04' GROUP BY d.date ORDER BY d.date

-- query: join_null_keys_never_match
SELECT count(*) FROM (SELECT nullif(campaign_name, campaign_name) AS k FROM kpi_campaign_total) a JOIN (SELECT nullif(campaign_name, campaign_name) AS k FROM kpi_campaign_total) b ON a.k = b.k

-- query: left_join_null_keys_kept
SELECT count(*), count(b.k) FROM (SELECT campaign_name AS k FROM kpi_campaign_daily) a LEFT JOIN (SELECT DISTINCT campaign_name AS k FROM kpi_campaign_total) b ON a.k = b.k

-- query: join_names_ambiguous_resolved_by_qualifier
SELECT d.source, t.source, d.campaign_id FROM kpi_campaign_daily d JOIN kpi_campaign_total t ON d.campaign_id = t.campaign_id WHERE d.date = DATE '2024-02-10' ORDER BY 3

-- query: join_table_name_as_qualifier
SELECT kpi_campaign_total.campaign_id, bronze_files.path FROM kpi_campaign_total JOIN bronze_files ON kpi_campaign_total.clicks = bronze_files.rows

-- query: join_group_by_unqualified_select_qualified
SELECT t.currency, sum(d.spend) AS spend FROM kpi_campaign_daily d JOIN kpi_campaign_total t ON d.campaign_id = t.campaign_id AND d.source = t.source AND d.account_id = t.account_id
GROUP BY t.currency ORDER BY 1

-- query: join_order_by_expression
SELECT d.campaign_id, d.date, d.clicks + t.clicks AS both_clicks FROM kpi_campaign_daily d JOIN kpi_campaign_total t ON d.campaign_id = t.campaign_id
WHERE d.date = DATE '2024-03-01' ORDER BY d.clicks + t.clicks DESC, d.campaign_id LIMIT 5

-- query: join_distinct
SELECT DISTINCT t.source, d.date FROM kpi_campaign_daily d JOIN kpi_campaign_total t ON d.campaign_id = t.campaign_id WHERE d.date < DATE '2024-01-03' ORDER BY 1, 2

-- query: join_limit_without_order_count
SELECT count(*) FROM (SELECT d.campaign_id FROM kpi_campaign_daily d JOIN kpi_campaign_total t ON d.campaign_id = t.campaign_id LIMIT 25) x

-- query: join_having
SELECT t.campaign_name, count(*) AS days FROM kpi_campaign_daily d JOIN kpi_campaign_total t ON d.campaign_id = t.campaign_id AND d.source = t.source
GROUP BY t.campaign_name HAVING count(*) > 60 ORDER BY days DESC, t.campaign_name

-- query: join_subquery_both_sides
SELECT a.source, a.n, b.n AS files FROM (SELECT source, count(*) AS n FROM ad_insights GROUP BY source) a
JOIN (SELECT source, count(*) AS n FROM bronze_files GROUP BY source) b ON a.source = b.source ORDER BY 1

-- query: left_join_cte_weeks_without_spend
WITH weeks AS (SELECT DISTINCT week FROM kpi_campaign_weekly),
     google AS (SELECT week, sum(spend) AS spend FROM kpi_campaign_weekly WHERE source = 'google' AND week >= DATE '2024-03-01' GROUP BY week)
SELECT w.week, g.spend FROM weeks w LEFT JOIN google g ON w.week = g.week ORDER BY w.week

-- query: join_case_in_select
SELECT t.campaign_id, CASE WHEN d.clicks > 0 THEN 'clicked' ELSE 'no clicks' END AS state FROM kpi_campaign_total t JOIN kpi_campaign_daily d ON t.campaign_id = d.campaign_id
WHERE d.date = DATE '2024-01-10' ORDER BY 1, 2

-- query: self_join_total_same_account
SELECT a.campaign_id, count(*) AS siblings FROM kpi_campaign_total a JOIN kpi_campaign_total b ON a.account_id = b.account_id AND a.source = b.source AND a.campaign_id <> b.campaign_id
GROUP BY a.campaign_id ORDER BY 2 DESC, 1 LIMIT 6

-- query: join_lowercase_inner_keyword
select t.campaign_id, w.week from kpi_campaign_total t inner join kpi_campaign_weekly w on w.campaign_id = t.campaign_id where w.week = date '2024-01-08' order by 1

-- query: join_order_by_output_name
SELECT d.campaign_id, d.date, t.clicks FROM kpi_campaign_daily d JOIN kpi_campaign_total t ON d.campaign_id = t.campaign_id
WHERE d.date = DATE '2024-03-03' ORDER BY campaign_id DESC, date LIMIT 6

-- query: left_join_group_by_right_column_null_group
SELECT m.bucket, count(*) AS campaigns FROM kpi_campaign_total t
LEFT JOIN (SELECT campaign_id, CASE WHEN sum(clicks) > 2000 THEN 'busy' ELSE 'quiet' END AS bucket FROM kpi_campaign_daily WHERE date >= DATE '2024-03-15' GROUP BY campaign_id) m
ON t.campaign_id = m.campaign_id GROUP BY m.bucket ORDER BY 1 NULLS FIRST

-- query: inner_join_empty_right
SELECT count(*) FROM kpi_campaign_total t JOIN (SELECT campaign_id FROM kpi_campaign_daily WHERE false) e ON t.campaign_id = e.campaign_id

-- query: left_join_empty_right
SELECT t.campaign_id, e.campaign_id AS other FROM kpi_campaign_total t LEFT JOIN (SELECT campaign_id FROM kpi_campaign_daily WHERE false) e ON t.campaign_id = e.campaign_id ORDER BY 1

-- query: left_join_empty_left
SELECT count(*) FROM (SELECT campaign_id FROM kpi_campaign_total WHERE false) e LEFT JOIN kpi_campaign_daily d ON e.campaign_id = d.campaign_id

-- query: join_four_keys
SELECT count(*), sum(d.clicks) FROM kpi_campaign_daily d JOIN ad_insights a
ON d.source = a.source AND d.account_id = a.account_id AND d.campaign_id = a.campaign_id AND d.date = a.date

-- query: join_order_by_hidden_column
SELECT t.campaign_name, w.clicks FROM kpi_campaign_weekly w JOIN kpi_campaign_total t ON w.campaign_id = t.campaign_id AND w.source = t.source
WHERE w.week = DATE '2024-02-05' ORDER BY w.campaign_id, w.clicks

-- query: join_select_star_of_subqueries_with_same_names
SELECT * FROM (SELECT source, count(*) AS n FROM kpi_campaign_total GROUP BY source) a JOIN (SELECT source, count(*) AS n FROM quarantine GROUP BY source) b ON a.source = b.source ORDER BY 1

-- query: union_all_of_joins
SELECT t.source, count(*) AS n FROM kpi_campaign_total t JOIN kpi_campaign_weekly w ON w.campaign_id = t.campaign_id GROUP BY t.source
UNION ALL
SELECT f.source, count(*) FROM bronze_files f JOIN quarantine q ON q.file_id = f.file_id GROUP BY f.source
ORDER BY 1, 2

-- query: cte_union_referenced_twice
WITH ids AS (SELECT campaign_id FROM kpi_campaign_total WHERE source = 'google' UNION ALL SELECT campaign_id FROM kpi_campaign_total WHERE spend > 5000)
SELECT a.campaign_id, count(*) AS n FROM ids a JOIN ids b ON a.campaign_id = b.campaign_id GROUP BY ALL ORDER BY 2 DESC, 1 LIMIT 5

-- query: join_gold_roas_vs_silver_by_week
WITH silver AS (SELECT campaign_id, date_trunc('week', date) AS week, sum(conversion_value) / sum(spend) AS roas FROM ad_insights GROUP BY ALL)
SELECT s.campaign_id, s.week, s.roas, w.roas AS gold_roas FROM silver s JOIN kpi_campaign_weekly w ON s.campaign_id = w.campaign_id AND s.week = w.week
WHERE s.week = DATE '2024-03-11' ORDER BY 1, 2, 3

-- query: left_join_text_key_shared_and_computed
SELECT lower(t.campaign_name) AS name, count(d.date) AS days FROM kpi_campaign_total t LEFT JOIN (SELECT lower(campaign_name) AS name, date FROM kpi_campaign_daily WHERE date = DATE '2024-02-20') d
ON lower(t.campaign_name) = d.name GROUP BY ALL ORDER BY 1 NULLS LAST, 2
