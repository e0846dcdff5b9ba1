-- x [NOT] IN (SELECT one_column …) (version 2, uncorrelated) with DuckDB's NULL rules: NOT IN over a list that holds
-- a NULL is NULL (no row passes), a NULL x is NULL unless the list is empty; IN in the select list, in HAVING, over a
-- CTE; BIGINT against DOUBLE.

-- query: campaigns_in_subquery
SELECT source, campaign_id, sum(spend) AS spend FROM ad_insights
WHERE campaign_id IN (SELECT campaign_id FROM kpi_campaign_total WHERE spend > 3000)
GROUP BY source, campaign_id ORDER BY source, campaign_id

-- query: campaigns_not_in_subquery
SELECT count(*) FROM kpi_campaign_total WHERE campaign_id NOT IN (SELECT campaign_id FROM kpi_campaign_daily WHERE date >= DATE '2024-03-27')

-- query: not_in_with_null_in_list
SELECT count(*) FROM kpi_campaign_total WHERE campaign_name NOT IN (SELECT campaign_name FROM ad_insights)

-- query: in_with_null_in_list
SELECT count(*) FROM kpi_campaign_total WHERE campaign_name IN (SELECT campaign_name FROM ad_insights)

-- query: in_select_list_three_valued
SELECT campaign_id, campaign_name IN (SELECT campaign_name FROM kpi_campaign_total WHERE spend > 4000) AS big,
       campaign_name NOT IN (SELECT campaign_name FROM ad_insights WHERE source = 'google') AS not_google
FROM kpi_campaign_total ORDER BY campaign_id

-- query: null_value_in_empty_subquery
SELECT count(*) FROM ad_insights WHERE (campaign_name IN (SELECT campaign_name FROM kpi_campaign_total WHERE false)) IS NOT NULL

-- query: not_in_empty_subquery_keeps_all
SELECT count(*) FROM kpi_campaign_total WHERE campaign_id NOT IN (SELECT campaign_id FROM kpi_campaign_total WHERE false)

-- query: in_subquery_dates
SELECT count(*), sum(spend) FROM kpi_campaign_daily WHERE date IN (SELECT week FROM kpi_campaign_weekly)

-- query: in_subquery_int_against_double
SELECT file_id FROM bronze_files WHERE file_id IN (SELECT CAST(file_id AS DOUBLE) + 0.0 FROM quarantine WHERE reason = 'bad_date') ORDER BY file_id

-- query: in_subquery_double_against_int
SELECT count(*) FROM kpi_campaign_total WHERE spend IN (SELECT impressions FROM kpi_campaign_total)

-- query: in_subquery_aggregated
SELECT campaign_id, spend FROM kpi_campaign_total WHERE spend IN (SELECT max(spend) FROM kpi_campaign_total GROUP BY source) ORDER BY spend

-- query: in_subquery_distinct
SELECT count(*) FROM ad_insights WHERE account_id IN (SELECT DISTINCT account_id FROM kpi_campaign_total WHERE source = 'meta')

-- query: in_subquery_with_limit
SELECT campaign_id FROM kpi_campaign_total WHERE campaign_id IN (SELECT campaign_id FROM kpi_campaign_total ORDER BY clicks DESC, campaign_id LIMIT 3) ORDER BY 1

-- query: in_subquery_over_cte
WITH busy AS (SELECT file_id FROM quarantine GROUP BY file_id HAVING count(*) > 2)
SELECT path IS NOT NULL AS has_path, count(*) FROM bronze_files WHERE file_id IN (SELECT file_id FROM busy) GROUP BY ALL

-- query: in_subquery_in_having
SELECT campaign_id, sum(clicks) AS clicks FROM kpi_campaign_daily GROUP BY campaign_id
HAVING campaign_id IN (SELECT campaign_id FROM kpi_campaign_total WHERE source = 'google') ORDER BY campaign_id

-- query: in_and_not_in_combined
SELECT source, count(*) FROM ad_insights
WHERE campaign_id IN (SELECT campaign_id FROM kpi_campaign_total WHERE spend > 1000) AND campaign_id NOT IN (SELECT campaign_id FROM kpi_campaign_total WHERE spend > 5000)
GROUP BY source ORDER BY source

-- query: in_subquery_or_list
SELECT count(*) FROM ad_insights WHERE source = 'google' OR campaign_id IN (SELECT campaign_id FROM kpi_campaign_total WHERE clicks < 3000)

-- query: in_subquery_union
SELECT count(*) FROM kpi_campaign_total WHERE campaign_id IN (SELECT campaign_id FROM kpi_campaign_daily WHERE date = DATE '2024-01-01' UNION ALL SELECT campaign_id FROM kpi_campaign_daily WHERE date = DATE '2024-03-30')

-- query: in_subquery_on_expression
SELECT count(*) FROM kpi_campaign_daily WHERE date_trunc('week', date) IN (SELECT week FROM kpi_campaign_weekly WHERE clicks > 5000)

-- query: in_subquery_in_case
SELECT CASE WHEN campaign_id IN (SELECT campaign_id FROM kpi_campaign_total WHERE spend > 2000) THEN 'top' ELSE 'rest' END AS tier, count(*) AS days
FROM kpi_campaign_daily GROUP BY ALL ORDER BY 1

-- query: not_in_nested_subquery
SELECT count(*) FROM ad_insights WHERE file_id NOT IN (SELECT file_id FROM bronze_files WHERE file_id IN (SELECT file_id FROM quarantine))

-- query: in_subquery_in_join_side
SELECT t.source, count(*) FROM kpi_campaign_total t JOIN (SELECT campaign_id FROM kpi_campaign_weekly WHERE campaign_id IN (SELECT campaign_id FROM kpi_campaign_total WHERE clicks > 10000)) w
ON w.campaign_id = t.campaign_id GROUP BY t.source ORDER BY 1

-- query: not_in_with_null_x_values
SELECT campaign_name IS NULL AS unnamed, count(*) FROM ad_insights WHERE campaign_name NOT IN (SELECT campaign_name FROM kpi_campaign_total WHERE campaign_name IS NOT NULL AND spend > 3000) GROUP BY ALL ORDER BY 1

-- query: in_subquery_without_from_list
SELECT count(*) FROM kpi_campaign_total WHERE source IN (SELECT 'google')

-- query: in_subquery_booleans
SELECT count(*) FROM kpi_campaign_total WHERE (spend > 100) IN (SELECT clicks > 100000 FROM kpi_campaign_total)

-- query: in_subquery_as_group_key_and_inside_aggregate
SELECT campaign_id IN (SELECT campaign_id FROM kpi_campaign_total WHERE spend > 3000) AS big,
       sum(CASE WHEN source IN (SELECT 'meta') THEN 1 ELSE 0 END) AS meta_rows, count(*) AS n
FROM ad_insights GROUP BY ALL ORDER BY 1
