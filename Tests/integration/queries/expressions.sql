-- Arithmetic (integer, double, mixed), real division and division by zero, unary minus, date arithmetic,
-- comparisons as values, CASE in both forms, NULL propagation.

-- query: int_plus_int
SELECT ad_id, date, impressions + clicks AS total FROM ad_insights WHERE account_id = '9436795179'

-- query: int_minus_int
SELECT ad_id, date, impressions - clicks FROM ad_insights WHERE source = 'google'

-- query: int_times_int
SELECT ad_id, date, clicks * clicks AS squared FROM ad_insights WHERE clicks > 100

-- query: int_divided_by_int_is_real
SELECT ad_id, date, clicks / impressions AS ctr FROM ad_insights WHERE account_id = '6681736282'

-- query: int_literal_division
SELECT DISTINCT 7 / 2 AS half, 1 / 3 AS third, -7 / 2 AS neg FROM ad_insights

-- query: double_arithmetic
SELECT ad_id, date, spend + conversion_value, spend - conversion_value, spend * conversions, conversion_value / spend FROM ad_insights WHERE source = 'meta' AND date = '2024-03-15'

-- query: mixed_int_double
SELECT ad_id, date, clicks + spend, impressions * 0.001, spend / clicks FROM ad_insights WHERE account_id = '426833092665590' AND date >= '2024-03-20'

-- query: decimal_literal_times_column
SELECT campaign_id, spend * 1.1 AS with_tax, spend * 0.5 AS half FROM kpi_campaign_total

-- query: precedence_mul_over_add
SELECT DISTINCT 2 + 3 * 4 AS a, (2 + 3) * 4 AS b, 10 - 4 - 3 AS c, 100 / 10 / 5 AS d FROM ad_insights

-- query: division_by_zero_int
SELECT ad_id, date, clicks / 0 AS x, spend / 0 AS y FROM ad_insights WHERE ad_id = '630000000019'

-- query: division_by_zero_column
SELECT ad_id, date, spend, clicks, spend / clicks AS cpc FROM ad_insights WHERE clicks = 0

-- query: zero_over_zero
SELECT ad_id, date, clicks / impressions AS ctr FROM ad_insights WHERE impressions = 0

-- query: division_by_null
SELECT campaign_id, date, spend / cpa AS conversions_back FROM kpi_campaign_daily WHERE cpa IS NULL OR cpa > 200

-- query: division_by_zero_expression
SELECT DISTINCT 1 / (clicks - clicks) AS z FROM ad_insights

-- query: unary_minus_column
SELECT ad_id, date, -clicks AS neg_clicks, -spend AS neg_spend FROM ad_insights WHERE source = 'google' AND date = '2024-03-02'

-- query: unary_minus_expression
SELECT campaign_id, -(spend - conversion_value) AS profit, - roas FROM kpi_campaign_total

-- query: unary_minus_literal
SELECT DISTINCT -1 AS a, - 2.5 AS b, -(-3) AS c, 5 - -2 AS d FROM ad_insights

-- query: negative_zero
SELECT ad_id, date, -spend FROM ad_insights WHERE spend = 0

-- query: date_plus_int
SELECT ad_id, date, date + 7 AS next_week FROM ad_insights WHERE account_id = '9436795179' AND date > '2024-03-25'

-- query: date_minus_int
SELECT DISTINCT date, date - 1 AS yesterday, date - 31 AS month_ago FROM ad_insights

-- query: date_plus_int_crosses_month
SELECT DISTINCT DATE '2024-02-28' + 1 AS a, DATE '2024-02-28' + 2 AS b, DATE '2024-12-31' + 1 AS c, DATE '2024-03-01' - 1 AS d FROM ad_insights

-- query: date_minus_date
SELECT DISTINCT date, date - DATE '2024-01-01' AS day_number FROM ad_insights

-- query: date_minus_date_negative
SELECT DISTINCT DATE '2024-01-01' - date AS days_before FROM kpi_campaign_daily

-- query: date_minus_date_columns
SELECT campaign_id, max(date) - min(date) AS span_days FROM kpi_campaign_daily GROUP BY campaign_id

-- query: date_arithmetic_in_where
SELECT count(*) FROM ad_insights WHERE date - 7 >= DATE '2024-03-20'

-- query: date_plus_in_where
SELECT campaign_id, week FROM kpi_campaign_weekly WHERE week + 6 > DATE '2024-03-28'

-- query: comparison_as_value
SELECT ad_id, date, clicks > 10 AS many, spend <= 1 AS cheap, campaign_name = '' AS unnamed FROM ad_insights WHERE account_id = '9436795179' AND date = '2024-02-29'

-- query: comparison_with_null_value
SELECT DISTINCT NULL = NULL AS a, NULL <> 1 AS b, 1 < NULL AS c FROM ad_insights

-- query: is_null_as_value
SELECT campaign_id, cpa IS NULL AS no_conversions, campaign_name IS NOT NULL AS named FROM kpi_campaign_total

-- query: between_as_value
SELECT ad_id, date, clicks BETWEEN 10 AND 20 AS mid FROM ad_insights WHERE source = 'google' AND date = '2024-01-15'

-- query: in_as_value
SELECT DISTINCT reason, reason IN ('bad_date', 'missing_date') AS date_problem FROM quarantine

-- query: like_as_value
SELECT DISTINCT campaign_name, campaign_name LIKE 'Search%' AS search FROM kpi_campaign_total

-- query: and_or_with_nulls
SELECT DISTINCT campaign_name IS NULL AS n, (campaign_name = 'x') AND FALSE AS a, (campaign_name = 'x') OR TRUE AS b, (campaign_name = 'x') AND TRUE AS c FROM kpi_campaign_total

-- query: not_of_null
SELECT DISTINCT NOT (cpa > 10) AS not_expensive FROM kpi_campaign_daily

-- query: case_when_else
SELECT ad_id, date, CASE WHEN clicks > 100 THEN 'high' WHEN clicks > 10 THEN 'mid' ELSE 'low' END AS band FROM ad_insights WHERE account_id = '811931159029338' AND date = '2024-03-10'

-- query: case_when_without_else
SELECT ad_id, date, CASE WHEN conversions > 0 THEN spend / conversions END AS cpa FROM ad_insights WHERE source = 'meta' AND date = '2024-01-20'

-- query: case_first_match_wins
SELECT DISTINCT CASE WHEN clicks >= 0 THEN 'first' WHEN clicks > 10 THEN 'second' END AS pick FROM ad_insights

-- query: case_operand_form
SELECT DISTINCT source, CASE source WHEN 'meta' THEN 'Facebook' WHEN 'google' THEN 'Google Ads' ELSE '?' END AS platform FROM ad_insights

-- query: case_operand_without_else
SELECT DISTINCT conversion_action, CASE conversion_action WHEN 'purchase' THEN 1 WHEN 'omni_purchase' THEN 2 END AS rank FROM ad_insights

-- query: case_operand_null_never_matches
SELECT DISTINCT CASE conversion_action WHEN NULL THEN 'null' ELSE 'other' END AS x FROM ad_insights

-- query: case_numeric_result
SELECT campaign_id, CASE WHEN roas >= 5 THEN spend * 2 WHEN roas >= 1 THEN spend ELSE 0 END AS budget FROM kpi_campaign_total

-- query: case_mixed_int_decimal
SELECT DISTINCT CASE WHEN source = 'meta' THEN 1 ELSE 0.5 END AS weight FROM ad_insights

-- query: case_date_result
SELECT DISTINCT CASE WHEN date < '2024-02-01' THEN date ELSE DATE '2024-02-01' END AS capped FROM ad_insights

-- query: case_in_aggregate
SELECT source, sum(CASE WHEN clicks = 0 THEN 1 ELSE 0 END) AS zero_click_rows, count(CASE WHEN conversions > 0 THEN 1 END) AS converting FROM ad_insights GROUP BY source

-- query: case_nested
SELECT campaign_id, CASE WHEN spend > 1000 THEN CASE WHEN roas > 3 THEN 'scale' ELSE 'review' END ELSE 'small' END AS action FROM kpi_campaign_total

-- query: case_null_condition
SELECT campaign_id, CASE WHEN cpa < 50 THEN 'cheap' WHEN cpa IS NULL THEN 'no conversions' ELSE 'expensive' END AS bucket FROM kpi_campaign_total

-- query: kpi_recomputed_from_gold
SELECT campaign_id, date, clicks / impressions AS ctr2, spend / clicks AS cpc2, 1000 * spend / impressions AS cpm2, spend / conversions AS cpa2, conversion_value / spend AS roas2, ctr, cpc, cpm, cpa, roas FROM kpi_campaign_daily WHERE account_id = '6681736282'

-- query: big_integer_products
SELECT source, sum(impressions * clicks) AS weighted FROM ad_insights GROUP BY source

-- query: parenthesized_everything
SELECT ((clicks)) + ((1)) AS c, (((spend))) AS s FROM ad_insights WHERE ((source)) = (('google')) AND ((date)) = (('2024-01-03'))

-- query: expression_over_nulls
SELECT campaign_id, cpa + 1 AS a, cpa * 0 AS b, -cpa AS c, cpa / 2 AS d FROM kpi_campaign_total
