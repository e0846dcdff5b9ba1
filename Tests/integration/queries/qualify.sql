-- QUALIFY (version 2): a filter on the rows after the window functions, naming window calls directly or the
-- select list's aliases; with WHERE, GROUP BY, HAVING, DISTINCT, ORDER BY and LIMIT around it.

-- query: top_2_campaigns_per_source
SELECT source, campaign_id, spend FROM kpi_campaign_total
QUALIFY row_number() OVER (PARTITION BY source ORDER BY spend DESC, campaign_id) <= 2 ORDER BY source, spend DESC

-- query: top_2_per_source_by_alias
SELECT source, campaign_id, clicks, row_number() OVER (PARTITION BY source ORDER BY clicks DESC, campaign_id) AS rn
FROM kpi_campaign_total QUALIFY rn <= 2 ORDER BY source, rn

-- query: top_2_per_source_grouped_silver
SELECT source, campaign_id, sum(spend) AS spend FROM ad_insights GROUP BY source, campaign_id
QUALIFY rank() OVER (PARTITION BY source ORDER BY sum(spend) DESC) <= 2 ORDER BY source, spend DESC

-- query: best_week_per_campaign
SELECT campaign_id, week, clicks FROM kpi_campaign_weekly
QUALIFY rank() OVER (PARTITION BY campaign_id ORDER BY clicks DESC) = 1 ORDER BY campaign_id, week

-- query: latest_day_per_ad
SELECT ad_id, date, spend FROM ad_insights WHERE source = 'meta'
QUALIFY row_number() OVER (PARTITION BY ad_id ORDER BY date DESC) = 1 ORDER BY ad_id

-- query: first_week_of_each_campaign
SELECT campaign_id, week, spend FROM kpi_campaign_weekly
QUALIFY week = first_value(week) OVER (PARTITION BY campaign_id ORDER BY week) ORDER BY campaign_id

-- query: weeks_that_grew
SELECT campaign_id, week, clicks, lag(clicks) OVER (PARTITION BY campaign_id ORDER BY week) AS previous
FROM kpi_campaign_weekly QUALIFY clicks > previous ORDER BY campaign_id, week

-- query: weeks_that_dropped_by_half
SELECT campaign_id, week, spend FROM kpi_campaign_weekly
QUALIFY spend < 0.5 * lag(spend) OVER (PARTITION BY campaign_id ORDER BY week) ORDER BY campaign_id, week

-- query: above_campaign_average
SELECT campaign_id, date, clicks FROM kpi_campaign_daily
QUALIFY clicks > 2 * avg(clicks) OVER (PARTITION BY campaign_id) ORDER BY campaign_id, date

-- query: qualify_with_where_and_limit
SELECT campaign_id, date, spend FROM kpi_campaign_daily WHERE date >= DATE '2024-03-01'
QUALIFY row_number() OVER (PARTITION BY campaign_id ORDER BY spend DESC, date) = 1 ORDER BY spend DESC, campaign_id LIMIT 10

-- query: qualify_and_or_conditions
SELECT campaign_id, week, clicks, rank() OVER (PARTITION BY campaign_id ORDER BY clicks) AS low_rank
FROM kpi_campaign_weekly QUALIFY low_rank = 1 OR rank() OVER (PARTITION BY campaign_id ORDER BY clicks DESC) = 1
ORDER BY campaign_id, week

-- query: qualify_not_and_is_null
SELECT campaign_id, week FROM kpi_campaign_weekly
QUALIFY lag(week) OVER (PARTITION BY campaign_id ORDER BY week) IS NULL ORDER BY campaign_id

-- query: qualify_is_not_null_lead
SELECT campaign_id, week FROM kpi_campaign_weekly
QUALIFY NOT (lead(week) OVER (PARTITION BY campaign_id ORDER BY week) IS NULL) AND week >= DATE '2024-03-18' ORDER BY campaign_id, week

-- query: qualify_with_having
SELECT campaign_id, count(*) AS days, sum(clicks) AS clicks FROM kpi_campaign_daily GROUP BY campaign_id HAVING count(*) > 30
QUALIFY dense_rank() OVER (ORDER BY sum(clicks) DESC) <= 5 ORDER BY clicks DESC, campaign_id

-- query: qualify_running_total_threshold
SELECT campaign_id, week, sum(spend) OVER (PARTITION BY campaign_id ORDER BY week) AS running FROM kpi_campaign_weekly
QUALIFY running < 100 ORDER BY campaign_id, week

-- query: qualify_distinct
SELECT DISTINCT source, currency FROM kpi_campaign_total QUALIFY count(*) OVER (PARTITION BY source, currency) > 10 ORDER BY source, currency

-- query: qualify_removes_everything
SELECT campaign_id FROM kpi_campaign_total QUALIFY row_number() OVER (ORDER BY campaign_id) > 1000

-- query: qualify_between_ranks
SELECT campaign_id, impressions FROM kpi_campaign_total
QUALIFY row_number() OVER (ORDER BY impressions DESC, campaign_id) BETWEEN 3 AND 6 ORDER BY impressions DESC, campaign_id

-- query: qualify_in_list
SELECT campaign_id, week FROM kpi_campaign_weekly
QUALIFY row_number() OVER (PARTITION BY campaign_id ORDER BY week) IN (1, 5, 9) ORDER BY campaign_id, week

-- query: qualify_null_partition_keys
SELECT campaign_name, ad_id, date FROM ad_insights WHERE date = DATE '2024-02-20'
QUALIFY row_number() OVER (PARTITION BY campaign_name ORDER BY ad_id) = 1 ORDER BY campaign_name NULLS FIRST

-- query: qualify_moving_average_spike
SELECT campaign_id, date, spend FROM kpi_campaign_daily
QUALIFY spend > 3 * avg(spend) OVER (PARTITION BY campaign_id ORDER BY date ROWS BETWEEN 7 PRECEDING AND 1 PRECEDING)
ORDER BY campaign_id, date

-- query: qualify_window_not_in_select
SELECT campaign_id, clicks FROM kpi_campaign_total QUALIFY clicks >= max(clicks) OVER (PARTITION BY source) / 2 ORDER BY campaign_id

-- query: qualify_share_of_total
SELECT currency, campaign_id, spend FROM kpi_campaign_total
QUALIFY spend / sum(spend) OVER (PARTITION BY currency) > 0.05 ORDER BY currency, spend DESC

-- query: qualify_lowercase_keywords
select campaign_id, week from kpi_campaign_weekly qualify row_number() over (partition by campaign_id order by week desc) <= 1 order by campaign_id

-- query: qualify_top_n_after_order_and_offset
SELECT campaign_id, week, clicks, rank() OVER (ORDER BY clicks DESC) AS r FROM kpi_campaign_weekly
QUALIFY r <= 20 ORDER BY r, campaign_id, week LIMIT 5 OFFSET 5

-- query: qualify_without_from
SELECT 1 AS one, count(*) OVER () AS n QUALIFY row_number() OVER () = 1
