-- Several group-by keys packed into one integer per row (Aggregator, KeyRowCodes): text coded per dictionary
-- entry, integers and dates of a small range per value, other keys (doubles, booleans, wide integers) coded row by
-- row and packed beside them; NULL in every kind of key; keys too many to pack into 64 bits (pairwise ids);
-- computed text keys (a dictionary per batch, not the store's); the weekly KPI shape; date functions computed once
-- per day over NULL and far-apart dates.

-- query: weekly_kpis_shape
SELECT source, account_id, campaign_id, CAST(date_trunc('week', date) AS DATE) AS week,
       sum(impressions) AS impressions, sum(clicks) AS clicks, sum(spend) AS spend,
       sum(conversions) AS conversions, sum(conversion_value) AS conversion_value,
       sum(clicks) / sum(impressions) AS ctr, sum(spend) / sum(conversions) AS cpa
FROM ad_insights GROUP BY 1, 2, 3, 4

-- query: null_text_key_packed
SELECT source, conversion_action, date, count(*) AS n, sum(clicks) AS clicks
FROM ad_insights GROUP BY source, conversion_action, date

-- query: null_date_key_packed
SELECT campaign_id, CASE WHEN clicks > 0 THEN date END AS clicked_day, count(*) AS n, sum(spend) AS spend
FROM ad_insights GROUP BY 1, 2

-- query: null_integer_key_packed
SELECT account_id, nullif(clicks, 0) AS clicks_or_null, count(*) AS n, sum(impressions) AS impressions
FROM ad_insights GROUP BY 1, 2

-- query: null_in_every_key
SELECT conversion_action, CASE WHEN clicks > 2 THEN date END AS d, nullif(conversions, 0) AS c,
       CASE WHEN spend > 1 THEN campaign_name END AS name, count(*) AS n
FROM ad_insights GROUP BY 1, 2, 3, 4

-- query: wide_integer_key_beside_packed
SELECT source, impressions * 1000003 AS spread, count(*) AS n
FROM ad_insights GROUP BY 1, 2

-- query: double_and_bool_keys
SELECT campaign_id, round(spend) AS whole_spend, clicks > 0 AS clicked, count(*) AS n, sum(conversions) AS conversions
FROM ad_insights GROUP BY 1, 2, 3

-- query: negative_and_far_dates
SELECT source, date - 40000 AS early, CASE WHEN clicks % 2 = 0 THEN date + 9000 ELSE date - 9000 END AS spread, count(*) AS n
FROM ad_insights GROUP BY 1, 2, 3

-- query: keys_beyond_64_bits
SELECT row, ad_id, impressions, spend, conversion_value, clicks, date, campaign_name, count(*) AS n
FROM ad_insights GROUP BY row, ad_id, impressions, spend, conversion_value, clicks, date, campaign_name

-- query: computed_text_keys
SELECT lower(source) AS s, upper(campaign_name) AS c, date, count(*) AS n, sum(spend) AS spend
FROM ad_insights GROUP BY 1, 2, 3

-- query: empty_text_key
SELECT ad_name, source, count(*) AS n FROM ad_insights WHERE ad_name = '' OR ad_name IS NULL GROUP BY 1, 2

-- query: keys_over_no_rows
SELECT source, date, count(*) AS n FROM ad_insights WHERE false GROUP BY 1, 2

-- query: having_over_packed_keys
SELECT account_id, campaign_id, date_trunc('month', date) AS month, sum(spend) AS spend
FROM ad_insights GROUP BY 1, 2, 3 HAVING count(*) > 3 ORDER BY spend DESC, 1, 2, 3 LIMIT 20

-- query: date_functions_with_null_days
SELECT extract(isodow FROM CASE WHEN clicks > 0 THEN date END) AS dow,
       date_trunc('week', CASE WHEN clicks > 1 THEN date END) AS week, count(*) AS n
FROM ad_insights GROUP BY 1, 2

-- query: date_functions_far_apart_days
SELECT date_trunc('month', CASE WHEN clicks % 2 = 0 THEN date + 20000 ELSE date END) AS month,
       extract(year FROM CASE WHEN impressions % 3 = 0 THEN date - 30000 ELSE date END) AS year, count(*) AS n
FROM ad_insights GROUP BY 1, 2
