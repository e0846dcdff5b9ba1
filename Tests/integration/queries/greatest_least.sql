-- greatest / least (version 2): NULLs skipped (NULL only when every argument is), numbers widened, text and
-- dates compared as themselves, 'text' literals read as the other arguments' type; used in realistic caps and floors.

-- query: greatest_least_integers
SELECT DISTINCT clicks, impressions, greatest(clicks, impressions) AS g, least(clicks, impressions) AS l FROM ad_insights

-- query: greatest_least_doubles
SELECT ad_id, date, greatest(spend, conversion_value) AS g, least(spend, conversion_value) AS l FROM ad_insights ORDER BY ad_id, date, source LIMIT 50

-- query: greatest_mixed_int_double
SELECT DISTINCT clicks, greatest(clicks, 2.5) AS g, least(clicks, 2.5) AS l FROM ad_insights

-- query: greatest_literals
SELECT greatest(1, 5, 3) AS a, least(1, 5, 3) AS b, greatest(1.5, 2) AS c, least(-1, -2.5) AS d, greatest(7) AS e

-- query: greatest_skips_nulls
SELECT greatest(1, NULL, 3) AS a, least(NULL, 4, 2) AS b, greatest(NULL, NULL) AS c, least(CAST(NULL AS BIGINT), 1) AS d

-- query: greatest_null_column
SELECT source, conversion_action, greatest(conversion_action, 'm') AS g, least(conversion_action, 'm') AS l FROM ad_insights ORDER BY ad_id, date, source LIMIT 40

-- query: greatest_text
SELECT greatest('apple', 'banana', 'cherry') AS a, least('apple', 'banana', 'cherry') AS b, greatest('10', '9') AS c, least('Z', 'a') AS d

-- query: greatest_text_columns
SELECT DISTINCT campaign_name, adset_name, greatest(campaign_name, adset_name) AS g, least(campaign_name, adset_name) AS l FROM ad_insights

-- query: greatest_dates
SELECT DISTINCT date, greatest(date, DATE '2024-02-15') AS g, least(date, DATE '2024-02-15') AS l FROM ad_insights

-- query: greatest_date_and_string_literal
SELECT DISTINCT date, greatest(date, '2024-03-01') AS g, least('2024-01-10', date) AS l FROM kpi_campaign_daily

-- query: greatest_int_and_string_literal
SELECT greatest(1, '2') AS a, least(10, '3', 5) AS b

-- query: greatest_booleans
SELECT greatest(TRUE, FALSE) AS a, least(TRUE, FALSE) AS b, greatest(FALSE, NULL) AS c

-- query: spend_capped_per_day
SELECT campaign_id, round(sum(least(spend, 50)), 2) AS capped_spend, round(sum(spend), 2) AS spend
FROM kpi_campaign_daily
GROUP BY campaign_id
ORDER BY campaign_id

-- query: conversions_floor_for_cpa
SELECT campaign_id, sum(spend) / greatest(sum(conversions), 1) AS cpa_floored
FROM kpi_campaign_total
GROUP BY campaign_id
ORDER BY campaign_id

-- query: greatest_of_aggregates
SELECT source, greatest(max(clicks), max(conversions)) AS g, least(min(spend), min(conversion_value)) AS l
FROM ad_insights
GROUP BY source
ORDER BY source

-- query: greatest_in_where
SELECT count(*) AS rows FROM ad_insights WHERE greatest(clicks, conversions) > 10

-- query: least_clamps_dates_to_period
SELECT DISTINCT week, greatest(week, DATE '2024-01-01') AS from_day, least(week + 6, DATE '2024-03-31') AS to_day FROM kpi_campaign_weekly

-- query: greatest_with_coalesce
SELECT DISTINCT source, greatest(coalesce(conversion_action, ''), source) AS g FROM ad_insights

-- query: greatest_of_date_functions
SELECT DISTINCT date, greatest(last_day(date) - INTERVAL 7 DAY, date) AS g, least(date_trunc('month', date) + INTERVAL 14 DAY, date) AS l FROM ad_insights

-- query: greatest_many_arguments
SELECT greatest(3, 1, 4, 1, 5, 9, 2, 6, 5, 3) AS a, least(3, 1, 4, 1, 5, 9, 2, 6, 5, 3) AS b

-- query: least_negative_integers_group
SELECT least(clicks - impressions, 0) AS floor_gap, count(*) AS rows FROM ad_insights GROUP BY 1 ORDER BY 1 LIMIT 5
