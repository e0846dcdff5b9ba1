-- WITH (non-recursive common table expressions, version 2), subqueries in FROM and GROUP BY ALL: one CTE, several,
-- a CTE using an earlier one, a CTE named twice, a CTE shadowing a table, CTEs joined (share of total, this week vs
-- last week), nested WITH inside a subquery.

-- query: one_cte_filtered
WITH march AS (SELECT campaign_id, date, spend FROM kpi_campaign_daily WHERE date >= DATE '2024-03-01')
SELECT campaign_id, sum(spend) AS spend FROM march GROUP BY campaign_id ORDER BY campaign_id

-- query: cte_select_star
WITH c AS (SELECT source, account_id, campaign_id, impressions FROM kpi_campaign_total)
SELECT * FROM c ORDER BY source, account_id, campaign_id

-- query: cte_aggregated_then_filtered
WITH totals AS (SELECT campaign_id, sum(clicks) AS clicks, sum(impressions) AS impressions FROM ad_insights GROUP BY campaign_id)
SELECT campaign_id, clicks FROM totals WHERE clicks > 1000 ORDER BY clicks DESC, campaign_id

-- query: two_ctes_second_uses_first
WITH daily AS (SELECT date, sum(spend) AS spend FROM ad_insights GROUP BY date),
     busy AS (SELECT date, spend FROM daily WHERE spend > (100 + 0))
SELECT count(*) AS days, min(date) AS first_day, max(spend) AS top FROM busy

-- query: three_ctes_chain
WITH a AS (SELECT campaign_id, clicks, impressions FROM kpi_campaign_daily),
     b AS (SELECT campaign_id, sum(clicks) AS clicks, sum(impressions) AS impressions FROM a GROUP BY campaign_id),
     c AS (SELECT campaign_id, clicks / impressions AS ctr FROM b WHERE impressions > 0)
SELECT campaign_id, round(ctr, 6) AS ctr FROM c ORDER BY ctr DESC, campaign_id LIMIT 10

-- query: cte_named_twice_self_join
WITH w AS (SELECT campaign_id, week, spend FROM kpi_campaign_weekly)
SELECT cur.campaign_id, cur.week, cur.spend, prev.spend AS previous
FROM w AS cur LEFT JOIN w AS prev ON cur.campaign_id = prev.campaign_id AND prev.week = cur.week - 7
ORDER BY cur.campaign_id, cur.week

-- query: share_of_total_via_cte_join
WITH per_campaign AS (SELECT source, campaign_id, sum(spend) AS spend FROM ad_insights GROUP BY source, campaign_id),
     per_source AS (SELECT source, sum(spend) AS total FROM per_campaign GROUP BY source)
SELECT p.source, p.campaign_id, p.spend, p.spend / s.total AS share
FROM per_campaign p JOIN per_source s ON p.source = s.source
ORDER BY p.source, share DESC, p.campaign_id

-- query: this_week_vs_last_week
WITH this_week AS (SELECT campaign_id, sum(spend) AS spend, sum(clicks) AS clicks FROM kpi_campaign_weekly WHERE week = DATE '2024-03-18' GROUP BY campaign_id),
     last_week AS (SELECT campaign_id, sum(spend) AS spend, sum(clicks) AS clicks FROM kpi_campaign_weekly WHERE week = DATE '2024-03-11' GROUP BY campaign_id)
SELECT t.campaign_id, t.spend, l.spend AS last_spend, t.spend - l.spend AS change, (t.spend - l.spend) / l.spend AS growth
FROM this_week t LEFT JOIN last_week l ON t.campaign_id = l.campaign_id
ORDER BY t.campaign_id

-- query: week_over_week_inner
WITH cur AS (SELECT campaign_id, clicks FROM kpi_campaign_weekly WHERE week = DATE '2024-03-04'),
     prev AS (SELECT campaign_id, clicks FROM kpi_campaign_weekly WHERE week = DATE '2024-02-26')
SELECT cur.campaign_id, cur.clicks, prev.clicks, cur.clicks - prev.clicks AS delta
FROM cur JOIN prev ON cur.campaign_id = prev.campaign_id
ORDER BY delta DESC, cur.campaign_id

-- query: cte_shadows_table_name
WITH kpi_campaign_total AS (SELECT campaign_id, spend FROM kpi_campaign_total WHERE spend > 1000)
SELECT count(*) AS n, sum(spend) AS spend FROM kpi_campaign_total

-- query: cte_without_from
WITH k AS (SELECT 42 AS answer, 'x' AS letter)
SELECT answer * 2, letter FROM k

-- query: cte_unused_is_not_a_problem
WITH unused AS (SELECT * FROM quarantine), used AS (SELECT count(*) AS n FROM bronze_files)
SELECT n FROM used

-- query: cte_with_distinct_and_order
WITH names AS (SELECT DISTINCT source, campaign_name FROM ad_insights WHERE campaign_name IS NOT NULL)
SELECT source, count(*) AS names FROM names GROUP BY source ORDER BY source

-- query: cte_having_and_limit_inside
WITH top5 AS (SELECT campaign_id, sum(conversions) AS conv FROM ad_insights GROUP BY campaign_id HAVING sum(conversions) > 0 ORDER BY conv DESC, campaign_id LIMIT 5)
SELECT campaign_id, conv FROM top5 ORDER BY campaign_id

-- query: cte_referenced_in_in_subquery
WITH big AS (SELECT campaign_id FROM kpi_campaign_total WHERE spend > 5000)
SELECT source, count(*) AS rows_, sum(spend) AS spend FROM ad_insights WHERE campaign_id IN (SELECT campaign_id FROM big) GROUP BY source ORDER BY source

-- query: cte_monthly_then_best_month
WITH monthly AS (SELECT date_trunc('month', date) AS month, sum(conversion_value) AS value, sum(spend) AS spend FROM ad_insights GROUP BY ALL)
SELECT month, value / spend AS roas FROM monthly ORDER BY roas DESC, month

-- query: cte_case_buckets
WITH bucketed AS (SELECT CASE WHEN spend >= 1000 THEN 'large' WHEN spend >= 100 THEN 'medium' ELSE 'small' END AS bucket, spend FROM kpi_campaign_total)
SELECT bucket, count(*) AS campaigns, round(sum(spend), 2) AS spend FROM bucketed GROUP BY ALL ORDER BY bucket

-- query: cte_quarantine_reasons
WITH reasons AS (SELECT source, reason, count(*) AS n FROM quarantine GROUP BY ALL)
SELECT reason, sum(n) AS n FROM reasons GROUP BY reason ORDER BY n DESC, reason

-- query: cte_over_bronze_files
WITH f AS (SELECT source, rows, bytes FROM bronze_files)
SELECT source, sum(rows) AS rows, sum(bytes) > 0 AS has_bytes FROM f GROUP BY ALL ORDER BY source

-- query: nested_with_in_subquery
SELECT s.source, s.n
FROM (WITH x AS (SELECT source, campaign_id FROM kpi_campaign_total) SELECT source, count(*) AS n FROM x GROUP BY source) AS s
ORDER BY s.source

-- query: subquery_in_from_basic
SELECT campaign_id, spend FROM (SELECT campaign_id, spend FROM kpi_campaign_total WHERE currency = 'USD') t ORDER BY spend DESC, campaign_id LIMIT 5

-- query: subquery_in_from_without_alias
SELECT count(*), sum(clicks) FROM (SELECT clicks FROM ad_insights WHERE source = 'google')

-- query: subquery_in_from_aggregated_twice
SELECT source, avg(days) AS avg_days, max(days) AS max_days
FROM (SELECT source, campaign_id, count(DISTINCT date) AS days FROM ad_insights GROUP BY source, campaign_id) AS per_campaign
GROUP BY source ORDER BY source

-- query: subquery_in_from_nested
SELECT n FROM (SELECT count(*) AS n FROM (SELECT DISTINCT account_id FROM (SELECT account_id, campaign_id FROM ad_insights) a) b) c

-- query: subquery_qualified_names
SELECT t.week, t.spend FROM (SELECT week, sum(spend) AS spend FROM kpi_campaign_weekly GROUP BY week) AS t WHERE t.spend > 0 ORDER BY t.week

-- query: subquery_order_by_alias_outside
SELECT x.campaign_id, x.cpa FROM (SELECT campaign_id, sum(spend) / sum(conversions) AS cpa FROM kpi_campaign_daily GROUP BY campaign_id) x
WHERE x.cpa IS NOT NULL ORDER BY x.cpa, x.campaign_id LIMIT 8

-- query: subquery_with_null_results
SELECT source, campaign_name IS NULL AS unnamed, n FROM (SELECT source, campaign_name, count(*) AS n FROM ad_insights GROUP BY ALL) s
WHERE campaign_name IS NULL ORDER BY source

-- query: group_by_all_simple
SELECT source, currency, sum(spend) AS spend FROM ad_insights GROUP BY ALL ORDER BY source, currency

-- query: group_by_all_expression
SELECT date_trunc('week', date) AS week, source, count(*) AS n, sum(clicks) AS clicks FROM ad_insights GROUP BY ALL ORDER BY week, source

-- query: group_by_all_only_aggregates
SELECT count(*), sum(impressions), max(date) FROM ad_insights GROUP BY ALL

-- query: group_by_all_no_aggregates
SELECT source, account_id FROM kpi_campaign_total GROUP BY ALL ORDER BY source, account_id

-- query: group_by_all_with_having
SELECT campaign_id, sum(conversions) AS conv FROM kpi_campaign_daily GROUP BY ALL HAVING sum(conversions) > 10 ORDER BY conv DESC, campaign_id

-- query: group_by_all_star_of_cte
WITH k AS (SELECT source, currency FROM kpi_campaign_total)
SELECT *, count(*) AS n FROM k GROUP BY ALL ORDER BY 1, 2

-- query: group_by_all_case_item
SELECT CASE WHEN clicks > 10 THEN 'many' ELSE 'few' END AS clicks_band, source, count(*) AS n FROM ad_insights GROUP BY ALL ORDER BY 1, 2

-- query: group_by_all_aggregate_expression_mixed
SELECT source, year(date) AS y, month(date) AS m, sum(spend) / nullif(sum(clicks), 0) AS cpc FROM ad_insights GROUP BY ALL ORDER BY 1, 2, 3

-- query: group_by_all_constant_items_are_not_keys
SELECT 'all' AS scope, 1 + 1 AS two, count(*) AS n, sum(clicks) AS clicks FROM ad_insights WHERE false GROUP BY ALL

-- query: group_by_all_constant_beside_key
SELECT 'x' AS tag, source, count(*) AS n FROM kpi_campaign_total GROUP BY ALL ORDER BY source
