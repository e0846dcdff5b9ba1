-- ORDER BY by column, expression, alias and position; ASC/DESC; NULLS FIRST/LAST (default: NULLs last in both
-- directions); text in byte order; LIMIT and OFFSET (always with a tie-breaking order, so the cut is deterministic).

-- query: order_by_column
SELECT campaign_id, spend FROM kpi_campaign_total ORDER BY spend

-- query: order_by_column_desc
SELECT campaign_id, spend FROM kpi_campaign_total ORDER BY spend DESC

-- query: order_by_explicit_asc
SELECT DISTINCT date FROM ad_insights ORDER BY date ASC

-- query: order_by_two_keys
SELECT source, account_id, campaign_id, spend FROM kpi_campaign_total ORDER BY source DESC, spend ASC

-- query: order_by_text_byte_order
SELECT DISTINCT campaign_name FROM ad_insights ORDER BY campaign_name

-- query: order_by_text_desc_nulls_default_last
SELECT DISTINCT campaign_name FROM kpi_campaign_total ORDER BY campaign_name DESC

-- query: order_by_nulls_first
SELECT campaign_id, cpa FROM kpi_campaign_total ORDER BY cpa NULLS FIRST, campaign_id

-- query: order_by_nulls_last
SELECT campaign_id, cpa FROM kpi_campaign_total ORDER BY cpa NULLS LAST, campaign_id

-- query: order_by_desc_nulls_first
SELECT campaign_id, date, cpa FROM kpi_campaign_daily WHERE account_id = '9436795179' ORDER BY cpa DESC NULLS FIRST, campaign_id, date

-- query: order_by_desc_nulls_last
SELECT campaign_id, date, roas FROM kpi_campaign_daily WHERE source = 'google' ORDER BY roas DESC NULLS LAST, campaign_id, date

-- query: order_by_asc_nulls_default
SELECT DISTINCT conversion_action FROM ad_insights ORDER BY conversion_action

-- query: order_by_desc_nulls_default
SELECT DISTINCT conversion_action FROM ad_insights ORDER BY conversion_action DESC

-- query: order_by_alias
SELECT campaign_id, sum(spend) AS total FROM kpi_campaign_daily GROUP BY campaign_id ORDER BY total DESC

-- query: order_by_quoted_alias
SELECT campaign_id, roas AS "Return" FROM kpi_campaign_total ORDER BY "Return" DESC NULLS LAST, campaign_id

-- query: order_by_position
SELECT source, account_id, count(*) FROM ad_insights GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2

-- query: order_by_position_desc
SELECT DISTINCT source, date FROM ad_insights ORDER BY 2 DESC, 1

-- query: order_by_expression_selected
SELECT campaign_id, sum(conversion_value) / sum(spend) FROM ad_insights GROUP BY campaign_id ORDER BY sum(conversion_value) / sum(spend) DESC

-- query: order_by_expression_not_selected
SELECT campaign_id, campaign_name FROM kpi_campaign_total ORDER BY spend * 2 DESC

-- query: order_by_column_not_selected
SELECT campaign_id FROM kpi_campaign_total ORDER BY conversions DESC, campaign_id

-- query: order_by_aggregate_not_selected
SELECT account_id FROM ad_insights GROUP BY account_id ORDER BY sum(spend) DESC

-- query: order_by_function
SELECT DISTINCT ad_name, length(ad_name) AS n FROM ad_insights WHERE ad_name IS NOT NULL ORDER BY length(ad_name) DESC, ad_name

-- query: order_by_case
SELECT source, currency FROM ad_insights GROUP BY source, currency ORDER BY CASE WHEN currency = 'USD' THEN 0 ELSE 1 END, source

-- query: order_by_date_desc
SELECT DISTINCT week FROM kpi_campaign_weekly ORDER BY week DESC

-- query: order_by_mixed_forms
SELECT source AS s, account_id, month(date) AS m, sum(clicks) FROM ad_insights GROUP BY 1, 2, 3 ORDER BY s, 2 DESC, month(date), 4

-- query: order_by_boolean
SELECT DISTINCT source, conversion_action IS NULL AS no_action FROM ad_insights ORDER BY no_action, source

-- query: order_by_without_limit_ties
SELECT source, date, impressions FROM ad_insights WHERE account_id = '9436795179' ORDER BY date

-- query: order_by_doubles_negative
SELECT campaign_id, conversion_value - spend AS profit FROM kpi_campaign_total ORDER BY profit

-- query: limit_top_spend
SELECT campaign_id, spend FROM kpi_campaign_total ORDER BY spend DESC LIMIT 5

-- query: limit_with_tie_breaker
SELECT campaign_id, date, clicks FROM kpi_campaign_daily ORDER BY clicks DESC, campaign_id, date LIMIT 20

-- query: limit_offset
SELECT campaign_id, spend FROM kpi_campaign_total ORDER BY spend DESC LIMIT 5 OFFSET 5

-- query: limit_zero
SELECT campaign_id FROM kpi_campaign_total ORDER BY campaign_id LIMIT 0

-- query: limit_beyond_rows
SELECT DISTINCT source FROM ad_insights ORDER BY source LIMIT 100

-- query: offset_beyond_rows
SELECT DISTINCT source FROM ad_insights ORDER BY source LIMIT 10 OFFSET 10

-- query: limit_one_of_aggregate
SELECT count(*) FROM ad_insights LIMIT 1

-- query: limit_nulls_first
SELECT campaign_id, cpa FROM kpi_campaign_total ORDER BY cpa NULLS FIRST, campaign_id LIMIT 3

-- query: limit_after_group_having
SELECT date, sum(spend) AS spend FROM ad_insights GROUP BY date HAVING count(*) > 100 ORDER BY spend DESC LIMIT 7

-- query: limit_by_position_desc
SELECT ad_id, sum(clicks) FROM ad_insights GROUP BY ad_id ORDER BY 2 DESC, 1 LIMIT 10 OFFSET 3

-- query: limit_silver_unique_key
SELECT source, account_id, ad_id, date, spend FROM ad_insights ORDER BY source, account_id, ad_id, date LIMIT 50 OFFSET 100

-- query: limit_text_desc
SELECT DISTINCT ad_name FROM ad_insights ORDER BY ad_name DESC NULLS FIRST LIMIT 4

-- query: limit_quarantine
SELECT file_id, row, reason FROM quarantine ORDER BY file_id DESC, row DESC LIMIT 10

-- query: limit_distinct_expression
SELECT DISTINCT date_trunc('week', date) AS week FROM ad_insights ORDER BY week LIMIT 3 OFFSET 1
