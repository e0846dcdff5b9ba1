-- Window functions over the whole of ad_insights (about 11,000 rows, above the rows from which the window stage
-- cuts its input into pieces by a hash of the PARTITION BY keys, one per worker): one partition, a partition per
-- row, NULL partition keys, text and number keys together, ROWS frames reaching past a partition's ends, ranks
-- over ties, lag with a default, two sorts in one query, and keys too wide to pack into a word (a double). Orders
-- inside OVER are unique (the table's key) where the function depends on which tied row comes first.

-- query: one_partition_of_a_filtered_source
SELECT ad_id, date, account_id, row_number() OVER (PARTITION BY source ORDER BY date, account_id, ad_id) AS rn,
       count(*) OVER (PARTITION BY source) AS rows_in_source
FROM ad_insights WHERE source = 'meta' ORDER BY source, account_id, ad_id, date

-- query: a_partition_per_row
SELECT source, account_id, ad_id, date,
       row_number() OVER (PARTITION BY source, account_id, ad_id, date ORDER BY clicks) AS rn,
       lag(clicks) OVER (PARTITION BY source, account_id, ad_id, date ORDER BY clicks) AS previous,
       sum(clicks) OVER (PARTITION BY source, account_id, ad_id, date) AS own_clicks
FROM ad_insights ORDER BY source, account_id, ad_id, date

-- query: null_partition_keys_together
SELECT conversion_action, source, account_id, ad_id, date,
       row_number() OVER (PARTITION BY conversion_action ORDER BY source, account_id, ad_id, date) AS rn,
       count(*) OVER (PARTITION BY conversion_action) AS in_partition,
       count(conversion_action) OVER (PARTITION BY conversion_action) AS named
FROM ad_insights ORDER BY source, account_id, ad_id, date

-- query: text_and_number_partition_keys
SELECT source, account_id, campaign_id, date, clicks,
       dense_rank() OVER (PARTITION BY source, account_id, campaign_id, clicks % 3 ORDER BY date DESC NULLS FIRST) AS dr
FROM ad_insights ORDER BY source, account_id, campaign_id, date, ad_id

-- query: rows_frames_past_the_partition_ends
SELECT source, account_id, ad_id, date,
       sum(clicks) OVER (PARTITION BY campaign_id ORDER BY date, source, account_id, ad_id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS near_clicks,
       avg(conversion_value) OVER (PARTITION BY campaign_id ORDER BY date, source, account_id, ad_id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS value_4,
       min(impressions) OVER (PARTITION BY campaign_id ORDER BY date, source, account_id, ad_id ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS later_min,
       max(spend) OVER (PARTITION BY campaign_id ORDER BY date, source, account_id, ad_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_max,
       first_value(ad_id) OVER (PARTITION BY campaign_id ORDER BY date, source, account_id, ad_id ROWS BETWEEN 5 FOLLOWING AND 9 FOLLOWING) AS fifth_next,
       last_value(date) OVER (PARTITION BY campaign_id ORDER BY date, source, account_id, ad_id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS last_day
FROM ad_insights ORDER BY source, account_id, ad_id, date

-- query: rank_over_ties
SELECT source, account_id, ad_id, date, clicks,
       rank() OVER (PARTITION BY campaign_id ORDER BY clicks DESC) AS r,
       dense_rank() OVER (PARTITION BY campaign_id ORDER BY clicks DESC) AS dr,
       count(*) OVER (PARTITION BY campaign_id ORDER BY clicks DESC) AS at_or_above,
       sum(impressions) OVER (PARTITION BY campaign_id ORDER BY clicks DESC) AS peer_inclusive_impressions
FROM ad_insights ORDER BY source, account_id, ad_id, date

-- query: lag_with_default_and_lead_per_campaign
SELECT source, account_id, ad_id, date, spend,
       lag(spend, 2, 0) OVER (PARTITION BY source, account_id, campaign_id ORDER BY date, ad_id) AS two_back,
       lead(date, 1) OVER (PARTITION BY source, account_id, campaign_id ORDER BY date, ad_id) AS next_date,
       lag(ad_name, 1, 'none') OVER (PARTITION BY source, account_id, campaign_id ORDER BY date, ad_id) AS previous_ad
FROM ad_insights ORDER BY source, account_id, ad_id, date

-- query: two_sorts_with_and_without_partition
SELECT source, account_id, ad_id, date,
       row_number() OVER (ORDER BY date, source, account_id, ad_id) AS overall,
       row_number() OVER (PARTITION BY ad_id ORDER BY date, source, account_id) AS per_ad,
       count(*) OVER () AS total
FROM ad_insights ORDER BY source, account_id, ad_id, date

-- query: week_over_week_spend_change
WITH weekly AS (SELECT source, account_id, campaign_id, CAST(date_trunc('week', date) AS DATE) AS week,
                       sum(spend) AS spend FROM ad_insights GROUP BY 1, 2, 3, 4)
SELECT source, account_id, campaign_id, week, spend,
       spend - lag(spend) OVER (PARTITION BY source, account_id, campaign_id ORDER BY week) AS change
FROM weekly ORDER BY source, account_id, campaign_id, week

-- query: double_partition_key_too_wide_to_pack
SELECT source, account_id, ad_id, date, spend,
       count(*) OVER (PARTITION BY spend) AS same_spend,
       row_number() OVER (PARTITION BY spend ORDER BY source, account_id, ad_id, date) AS rn
FROM ad_insights ORDER BY source, account_id, ad_id, date
