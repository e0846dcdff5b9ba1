-- Aggregates on every type, NULL skipping, aggregates over no rows, GROUP BY (expression and positional),
-- HAVING.

-- query: count_star
SELECT count(*) FROM ad_insights

-- query: count_star_every_table
SELECT count(*) AS n FROM quarantine

-- query: count_star_bronze_files
SELECT count(*), sum(rows), sum(bytes), min(file_id), max(file_id) FROM bronze_files

-- query: count_column_skips_nulls
SELECT count(*), count(campaign_name), count(ad_name), count(conversion_action), count(currency) FROM ad_insights

-- query: count_gold_nulls
SELECT count(*), count(ctr), count(cpc), count(cpm), count(cpa), count(roas), count(campaign_name) FROM kpi_campaign_daily

-- query: count_distinct
SELECT count(DISTINCT source), count(DISTINCT account_id), count(DISTINCT campaign_id), count(DISTINCT ad_id), count(DISTINCT date) FROM ad_insights

-- query: count_distinct_skips_nulls_keeps_empty
SELECT count(DISTINCT campaign_name), count(DISTINCT conversion_action), count(DISTINCT ad_name) FROM ad_insights

-- query: count_distinct_numbers
SELECT count(DISTINCT clicks), count(DISTINCT spend), count(DISTINCT round(spend)) FROM ad_insights

-- query: count_distinct_expression
SELECT count(DISTINCT date_trunc('week', date)) AS weeks, count(DISTINCT month(date)) AS months FROM ad_insights

-- query: sum_int_is_integer
SELECT sum(impressions), sum(clicks), sum(file_id) FROM ad_insights

-- query: sum_double
SELECT sum(spend), sum(conversions), sum(conversion_value) FROM ad_insights

-- query: sum_gold_kpis_with_nulls
SELECT sum(ctr), sum(cpa), sum(roas) FROM kpi_campaign_daily

-- query: sum_expression
SELECT sum(clicks * 2), sum(spend * 100), sum(impressions - clicks) FROM ad_insights

-- query: sum_literal
SELECT sum(1) AS rows_counted, sum(0.5) AS halves FROM ad_insights

-- query: avg_int_is_double
SELECT avg(impressions), avg(clicks), avg(row) FROM ad_insights

-- query: avg_double
SELECT avg(spend), avg(conversions), avg(cpa), avg(roas) FROM kpi_campaign_total

-- query: min_max_int
SELECT min(impressions), max(impressions), min(clicks), max(clicks) FROM ad_insights

-- query: min_max_double
SELECT min(spend), max(spend), min(cpa), max(roas) FROM kpi_campaign_daily

-- query: min_max_text
SELECT min(campaign_name), max(campaign_name), min(ad_name), max(ad_name), min(account_id), max(ad_id) FROM ad_insights

-- query: min_max_text_with_empty
SELECT min(campaign_name) FROM ad_insights WHERE campaign_name = '' OR campaign_name LIKE 'S%'

-- query: min_max_date
SELECT min(week), max(week), min(week + 6) FROM kpi_campaign_weekly

-- query: min_max_date_silver
SELECT min(date), max(date) FROM ad_insights

-- query: min_max_boolean
SELECT min(spend > 100), max(spend > 100), min(campaign_name IS NULL), max(campaign_name IS NULL) FROM ad_insights

-- query: min_max_gold_week
SELECT source, min(week), max(week) FROM kpi_campaign_weekly GROUP BY source

-- query: aggregates_over_no_rows
SELECT count(*), count(spend), count(DISTINCT ad_id), sum(clicks), sum(spend), avg(spend), min(date), max(campaign_name), min(clicks), max(spend > 1) FROM ad_insights WHERE false

-- query: aggregates_over_no_matching_rows
SELECT count(*), sum(impressions), avg(clicks), min(ad_id), max(date) FROM ad_insights WHERE source = 'tiktok'

-- query: aggregates_over_only_nulls
SELECT count(cpa), sum(cpa), avg(cpa), min(cpa), max(cpa) FROM kpi_campaign_daily WHERE cpa IS NULL

-- query: group_by_no_rows_is_empty
SELECT source, count(*) FROM ad_insights WHERE false GROUP BY source

-- query: group_by_one_column
SELECT source, count(*), sum(spend) FROM ad_insights GROUP BY source

-- query: group_by_two_columns
SELECT source, account_id, count(*) AS n, sum(clicks) AS clicks FROM ad_insights GROUP BY source, account_id

-- query: group_by_positional
SELECT source, currency, sum(spend) FROM ad_insights GROUP BY 1, 2

-- query: group_by_positional_expression
SELECT month(date), source, count(*) FROM ad_insights GROUP BY 1, 2

-- query: group_by_key_not_selected
SELECT sum(spend) AS spend FROM ad_insights GROUP BY account_id

-- query: group_by_expression
SELECT date_trunc('month', date), sum(clicks) FROM ad_insights GROUP BY date_trunc('month', date)

-- query: group_by_case
SELECT CASE WHEN clicks = 0 THEN 'none' WHEN clicks < 10 THEN 'few' ELSE 'many' END AS bucket, count(*) FROM ad_insights GROUP BY 1

-- query: group_by_null_key
SELECT conversion_action, count(*), sum(conversions) FROM ad_insights GROUP BY conversion_action

-- query: group_by_null_and_empty_names
SELECT campaign_name, count(*) FROM ad_insights WHERE campaign_name IS NULL OR campaign_name = '' GROUP BY campaign_name

-- query: group_by_double
SELECT conversions, count(*) FROM ad_insights WHERE source = 'google' GROUP BY conversions

-- query: group_by_date
SELECT date, sum(spend), count(DISTINCT ad_id) FROM ad_insights GROUP BY date

-- query: group_by_campaign
SELECT source, account_id, campaign_id, count(DISTINCT ad_id) AS ads, count(DISTINCT adset_id) AS adsets FROM ad_insights GROUP BY source, account_id, campaign_id

-- query: group_by_all_aggregates
SELECT reason, count(*), count(DISTINCT file_id), min(row), max(row), min(detail) FROM quarantine GROUP BY reason

-- query: group_by_expression_over_aggregates
SELECT source, sum(conversion_value) / sum(spend) AS roas, sum(spend) / sum(clicks) AS cpc, 1000 * sum(spend) / sum(impressions) AS cpm FROM ad_insights GROUP BY source

-- query: aggregate_inside_expression
SELECT campaign_id, round(sum(spend), 2) AS spend, sum(clicks) + 1 AS clicks_plus_one, -sum(impressions) AS neg FROM kpi_campaign_daily GROUP BY campaign_id

-- query: aggregate_of_function
SELECT source, max(length(campaign_name)), min(upper(ad_name)), sum(round(spend)), avg(abs(spend - 50)) FROM ad_insights GROUP BY source

-- query: aggregate_of_coalesce
SELECT source, sum(coalesce(cpa, 0)), count(coalesce(campaign_name, '')) FROM kpi_campaign_daily GROUP BY source

-- query: sum_of_division_by_zero
SELECT source, sum(spend / clicks) AS summed_cpc, count(spend / clicks) AS defined FROM ad_insights GROUP BY source

-- query: ratio_division_by_zero_group
SELECT ad_id, sum(spend) / sum(clicks) AS cpc FROM ad_insights WHERE clicks = 0 GROUP BY ad_id

-- query: having_count
SELECT campaign_id, count(*) AS days FROM kpi_campaign_daily GROUP BY campaign_id HAVING count(*) > 80

-- query: having_sum
SELECT account_id, campaign_id, sum(spend) FROM ad_insights GROUP BY account_id, campaign_id HAVING sum(spend) > 5000

-- query: having_aggregate_not_selected
SELECT campaign_id FROM kpi_campaign_daily GROUP BY campaign_id HAVING sum(conversions) = 0 OR max(roas) > 30

-- query: having_with_and
SELECT source, date, count(*) FROM ad_insights GROUP BY source, date HAVING count(*) > 120 AND sum(clicks) < 3000

-- query: having_on_key
SELECT source, count(*) FROM ad_insights GROUP BY source HAVING source = 'meta'

-- query: having_nothing_passes
SELECT source, count(*) FROM ad_insights GROUP BY source HAVING count(*) < 0

-- query: having_without_group_by
SELECT count(*), sum(spend) FROM ad_insights HAVING count(*) > 0

-- query: having_without_group_by_false
SELECT count(*) FROM ad_insights HAVING count(*) > 1000000

-- query: having_ratio
SELECT campaign_id, sum(conversion_value) / sum(spend) AS roas FROM ad_insights GROUP BY campaign_id HAVING sum(conversion_value) / sum(spend) > 4

-- query: having_count_distinct
SELECT campaign_id, count(DISTINCT ad_id) FROM ad_insights GROUP BY campaign_id HAVING count(DISTINCT ad_id) >= 8

-- query: distinct_with_group_by
SELECT DISTINCT count(*) AS days FROM kpi_campaign_daily GROUP BY campaign_id

-- query: gold_total_equals_silver_sum
SELECT source, account_id, campaign_id, sum(impressions), sum(clicks), sum(spend), sum(conversions), sum(conversion_value) FROM ad_insights GROUP BY 1, 2, 3

-- query: gold_weekly_rollup
SELECT source, account_id, campaign_id, sum(impressions) AS impressions, sum(spend) AS spend, sum(clicks) / sum(impressions) AS ctr FROM kpi_campaign_weekly GROUP BY source, account_id, campaign_id

-- query: quarantine_by_file
SELECT file_id, source, count(*) AS bad_rows FROM quarantine GROUP BY file_id, source

-- query: bronze_by_source
SELECT source, count(*) AS files, sum(rows) AS rows, sum(bytes) AS bytes, avg(rows) FROM bronze_files GROUP BY source
