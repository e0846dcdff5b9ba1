-- arg_max/arg_min and their aliases max_by/min_by (version 2): the value on the row with the extreme key, with
-- GROUP BY, NULL keys and NULL values (both skipped, as DuckDB's arg_max; arg_max_null is not supported), keys of every type (BIGINT,
-- DOUBLE, DATE, text by bytes), values of every type, FILTER (WHERE …), groups with no key, over no rows.
-- DuckDB keeps the first tied row it sees and Aurum breaks ties by the value, so every query here has keys
-- unique within each group (the CTE `d` has one row per (campaign_id, date)) or ties with equal values.

-- query: day_of_most_spend_per_campaign
WITH d AS (SELECT campaign_id, date, sum(spend) AS spend, sum(clicks) AS clicks FROM ad_insights GROUP BY ALL)
SELECT campaign_id, arg_max(date, spend), arg_min(date, spend) FROM d WHERE spend > 0 GROUP BY campaign_id ORDER BY campaign_id

-- query: spend_on_last_day
WITH d AS (SELECT campaign_id, date, sum(spend) AS spend FROM ad_insights GROUP BY ALL)
SELECT campaign_id, arg_max(spend, date) AS last_spend, arg_min(spend, date) AS first_spend FROM d GROUP BY campaign_id ORDER BY campaign_id

-- query: aliases_max_by_min_by
WITH d AS (SELECT campaign_id, date, sum(impressions) AS impressions FROM ad_insights GROUP BY ALL)
SELECT campaign_id, max_by(impressions, date), min_by(impressions, date) FROM d GROUP BY campaign_id ORDER BY campaign_id

-- query: text_value_by_date
WITH d AS (SELECT campaign_id, date, max(campaign_name) AS name FROM ad_insights GROUP BY ALL)
SELECT campaign_id, arg_max(name, date), arg_min(name, date) FROM d GROUP BY campaign_id ORDER BY campaign_id

-- query: null_values_skipped
WITH d AS (SELECT campaign_id, date, CASE WHEN day(date) % 2 = 0 THEN NULL ELSE sum(clicks) END AS clicks FROM ad_insights GROUP BY campaign_id, date)
SELECT campaign_id, arg_max(clicks, date), arg_min(clicks, date) FROM d GROUP BY campaign_id ORDER BY campaign_id

-- query: null_keys_skipped
WITH d AS (SELECT campaign_id, date, sum(spend) AS spend FROM ad_insights GROUP BY ALL)
SELECT campaign_id, arg_max(spend, CASE WHEN day(date) > 20 THEN NULL ELSE date END), arg_min(spend, CASE WHEN day(date) < 5 THEN NULL ELSE date END) FROM d GROUP BY campaign_id ORDER BY campaign_id

-- query: all_keys_null
SELECT source, arg_max(spend, CAST(NULL AS DATE)), arg_min(clicks, CAST(NULL AS BIGINT)) FROM ad_insights GROUP BY source ORDER BY source

-- query: text_key_bytes
WITH n AS (SELECT campaign_name, sum(spend) AS spend FROM ad_insights WHERE campaign_name IS NOT NULL GROUP BY ALL)
SELECT arg_max(spend, campaign_name), arg_min(spend, campaign_name) FROM n

-- query: text_key_per_source
WITH n AS (SELECT source, ad_name, sum(clicks) AS clicks FROM ad_insights WHERE ad_name IS NOT NULL GROUP BY ALL)
SELECT source, arg_max(clicks, ad_name), arg_min(clicks, ad_name) FROM n GROUP BY source ORDER BY source

-- query: double_key
WITH d AS (SELECT campaign_id, date, sum(spend) AS spend FROM ad_insights GROUP BY ALL),
     r AS (SELECT campaign_id, max(date) AS last_day, sum(spend) AS total FROM d GROUP BY campaign_id)
SELECT arg_max(campaign_id, total), arg_min(campaign_id, total), arg_max(last_day, total) FROM r

-- query: date_value_double_key_grouped
WITH d AS (SELECT source, date, sum(spend) AS spend FROM ad_insights GROUP BY ALL)
SELECT source, arg_max(date, spend), arg_min(date, spend) FROM d WHERE spend > 0 GROUP BY source ORDER BY source

-- query: bigint_key
WITH r AS (SELECT campaign_id, sum(impressions) AS impressions FROM ad_insights GROUP BY campaign_id)
SELECT arg_max(campaign_id, impressions), arg_min(campaign_id, impressions), arg_max(impressions, impressions) FROM r WHERE impressions > 0

-- query: key_is_expression
WITH d AS (SELECT campaign_id, date, sum(clicks) AS clicks FROM ad_insights GROUP BY ALL)
SELECT campaign_id, arg_max(clicks, date - DATE '2024-01-01'), arg_min(clicks * 2, -(date - DATE '2024-01-01')) FROM d GROUP BY campaign_id ORDER BY campaign_id

-- query: arg_max_filter
WITH d AS (SELECT campaign_id, date, sum(spend) AS spend, sum(clicks) AS clicks FROM ad_insights GROUP BY ALL)
SELECT campaign_id, arg_max(spend, date) FILTER (WHERE clicks > 0), arg_min(spend, date) FILTER (WHERE spend > 1) FROM d GROUP BY campaign_id ORDER BY campaign_id

-- query: filter_empties_group
WITH d AS (SELECT campaign_id, date, sum(spend) AS spend FROM ad_insights GROUP BY ALL)
SELECT campaign_id, arg_max(spend, date) FILTER (WHERE date < DATE '1990-01-01'), count(*) FROM d GROUP BY campaign_id ORDER BY campaign_id

-- query: max_by_filter_without_group
WITH d AS (SELECT date, sum(spend) AS spend FROM ad_insights GROUP BY ALL)
SELECT max_by(date, spend) FILTER (WHERE spend > 0), min_by(date, spend) FILTER (WHERE spend > 0) FROM d

-- query: over_no_rows
SELECT arg_max(spend, date), arg_min(campaign_name, clicks) FROM ad_insights WHERE false

-- query: whole_table_last_day
WITH d AS (SELECT date, sum(clicks) AS clicks FROM ad_insights GROUP BY date)
SELECT arg_max(clicks, date), arg_min(clicks, date), max_by(date, date) FROM d

-- query: ties_with_equal_values
SELECT campaign_id, arg_max(date, date), arg_min(source, campaign_id) FROM ad_insights GROUP BY campaign_id ORDER BY campaign_id

-- query: in_having_and_order_by
WITH d AS (SELECT campaign_id, date, sum(spend) AS spend FROM ad_insights GROUP BY ALL)
SELECT campaign_id, arg_max(spend, date) AS last_spend FROM d GROUP BY campaign_id HAVING arg_max(spend, date) > 0 ORDER BY arg_max(spend, date) DESC, campaign_id LIMIT 10

-- query: next_to_other_aggregates
WITH d AS (SELECT campaign_id, date, sum(spend) AS spend FROM ad_insights GROUP BY ALL)
SELECT campaign_id, max(date), arg_max(spend, date), sum(spend), count(*) FROM d GROUP BY campaign_id ORDER BY campaign_id

-- query: bool_value
WITH d AS (SELECT campaign_id, date, sum(clicks) > 0 AS clicked FROM ad_insights GROUP BY ALL)
SELECT campaign_id, arg_max(clicked, date), arg_min(clicked, date) FROM d GROUP BY campaign_id ORDER BY campaign_id

-- query: key_from_grouped_text_value
WITH n AS (SELECT campaign_id, max(campaign_name) AS name, min(date) AS first_day FROM ad_insights GROUP BY campaign_id)
SELECT arg_min(name, campaign_id), arg_max(name, campaign_id), arg_max(first_day, campaign_id) FILTER (WHERE name LIKE '%a%') FROM n
