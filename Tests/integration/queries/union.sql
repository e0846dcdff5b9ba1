-- UNION ALL and UNION (version 2): column counts and types (BIGINT with DOUBLE gives DOUBLE), ORDER BY / LIMIT after
-- the last block applying to the whole union, NULL literals, unions inside CTEs and subqueries.

-- query: union_all_two_tables
SELECT campaign_id, spend FROM kpi_campaign_total WHERE source = 'meta'
UNION ALL
SELECT campaign_id, spend FROM kpi_campaign_total WHERE source = 'google'

-- query: union_all_ordered_by_position
SELECT source, count(*) AS n FROM ad_insights GROUP BY source
UNION ALL
SELECT 'quarantine', count(*) FROM quarantine
ORDER BY 1

-- query: union_all_ordered_by_name_limit
SELECT campaign_id, clicks FROM kpi_campaign_total WHERE source = 'meta'
UNION ALL
SELECT campaign_id, clicks FROM kpi_campaign_total WHERE source = 'google'
ORDER BY clicks DESC, campaign_id LIMIT 7

-- query: union_all_int_and_double
SELECT impressions AS v FROM kpi_campaign_total WHERE campaign_id IN (SELECT min(campaign_id) FROM kpi_campaign_total)
UNION ALL
SELECT spend FROM kpi_campaign_total WHERE campaign_id IN (SELECT max(campaign_id) FROM kpi_campaign_total)

-- query: union_all_literals
SELECT 1 AS n, 'one' AS word UNION ALL SELECT 2, 'two' UNION ALL SELECT 3, 'three' ORDER BY n DESC

-- query: union_all_null_literal_column
SELECT source, NULL AS note FROM kpi_campaign_total WHERE spend > 9000
UNION ALL
SELECT source, campaign_name FROM kpi_campaign_total WHERE spend < 50
ORDER BY 1, 2 NULLS FIRST

-- query: union_all_three_blocks_counts
SELECT 'silver' AS layer, count(*) AS n FROM ad_insights
UNION ALL SELECT 'daily', count(*) FROM kpi_campaign_daily
UNION ALL SELECT 'weekly', count(*) FROM kpi_campaign_weekly
UNION ALL SELECT 'total', count(*) FROM kpi_campaign_total
ORDER BY layer

-- query: union_all_dates
SELECT min(date) AS d FROM ad_insights UNION ALL SELECT max(date) FROM ad_insights UNION ALL SELECT min(week) FROM kpi_campaign_weekly ORDER BY d

-- query: union_all_keeps_duplicates
SELECT source FROM kpi_campaign_total UNION ALL SELECT source FROM kpi_campaign_total

-- query: union_distinct
SELECT source FROM kpi_campaign_total UNION SELECT source FROM ad_insights ORDER BY source

-- query: union_distinct_pairs
SELECT source, currency FROM ad_insights UNION SELECT source, currency FROM kpi_campaign_total ORDER BY 1, 2

-- query: union_all_offset
SELECT campaign_id FROM kpi_campaign_total WHERE source = 'google' UNION ALL SELECT campaign_id FROM kpi_campaign_total WHERE source = 'meta'
ORDER BY campaign_id LIMIT 5 OFFSET 3

-- query: union_all_aggregated_blocks
SELECT source, sum(spend) AS spend, 'silver' AS origin FROM ad_insights GROUP BY source
UNION ALL
SELECT source, sum(spend), 'gold' FROM kpi_campaign_daily GROUP BY source
ORDER BY 1, 3

-- query: union_all_in_cte_then_aggregated
WITH both_ AS (SELECT source, spend FROM kpi_campaign_daily WHERE date < DATE '2024-02-01' UNION ALL SELECT source, spend FROM kpi_campaign_daily WHERE date >= DATE '2024-03-01')
SELECT source, count(*) AS n, round(sum(spend), 4) AS spend FROM both_ GROUP BY source ORDER BY source

-- query: union_all_in_subquery
SELECT kind, count(*) AS n FROM (SELECT 'file' AS kind FROM bronze_files UNION ALL SELECT 'bad row' FROM quarantine) u GROUP BY kind ORDER BY kind

-- query: union_all_with_where_false_block
SELECT campaign_id, clicks FROM kpi_campaign_total WHERE false UNION ALL SELECT campaign_id, clicks FROM kpi_campaign_total WHERE clicks > 20000 ORDER BY 2 DESC, 1

-- query: union_all_both_empty
SELECT campaign_id FROM kpi_campaign_total WHERE false UNION ALL SELECT campaign_id FROM kpi_campaign_daily WHERE false

-- query: union_all_text_and_null_first
SELECT NULL AS name UNION ALL SELECT campaign_name FROM kpi_campaign_total WHERE spend > 9000 ORDER BY 1 NULLS LAST

-- query: union_all_expressions
SELECT campaign_id, clicks * 2 AS v FROM kpi_campaign_total WHERE clicks < 500
UNION ALL
SELECT campaign_id, round(spend) FROM kpi_campaign_total WHERE clicks < 500
ORDER BY 1, 2

-- query: union_all_booleans
SELECT spend > 1000 AS big FROM kpi_campaign_total UNION ALL SELECT true ORDER BY 1

-- query: union_all_quarantine_and_files
SELECT source, 'quarantined' AS what, count(*) AS n FROM quarantine GROUP BY source
UNION ALL
SELECT source, 'files', count(*) FROM bronze_files GROUP BY source
ORDER BY 1, 2

-- query: union_all_then_distinct_outside
SELECT DISTINCT source FROM (SELECT source FROM ad_insights UNION ALL SELECT source FROM quarantine) s ORDER BY source

-- query: union_distinct_of_dates
SELECT week AS d FROM kpi_campaign_weekly WHERE week < DATE '2024-01-22' UNION SELECT date_trunc('week', date) FROM ad_insights WHERE date < DATE '2024-01-22' ORDER BY d

-- query: union_all_lowercase_keywords
select campaign_id from kpi_campaign_total where spend > 8000 union all select campaign_id from kpi_campaign_total where spend < 10 order by 1

-- query: union_all_weekly_vs_daily_totals
SELECT 'weekly' AS grain, round(sum(spend), 6) AS spend FROM kpi_campaign_weekly UNION ALL SELECT 'daily', round(sum(spend), 6) FROM kpi_campaign_daily
