-- Realistic analyst questions over Silver and Gold.

-- query: monthly_spend_and_roas_by_campaign
SELECT campaign_id, date_trunc('month', date) AS month, sum(spend) AS spend, sum(conversion_value) / sum(spend) AS roas
FROM ad_insights
GROUP BY campaign_id, date_trunc('month', date)
ORDER BY campaign_id, month

-- query: monthly_spend_by_account_gold
SELECT source, account_id, date_trunc('month', date) AS month, round(sum(spend), 2) AS spend, sum(clicks) AS clicks
FROM kpi_campaign_daily
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3

-- query: top10_cpa_march
SELECT campaign_id, campaign_name, sum(spend) / sum(conversions) AS cpa
FROM kpi_campaign_daily
WHERE date BETWEEN '2024-03-01' AND '2024-03-31'
GROUP BY campaign_id, campaign_name
HAVING sum(conversions) > 0
ORDER BY cpa, campaign_id
LIMIT 10

-- query: worst_cpa_february
SELECT campaign_id, sum(spend) / sum(conversions) AS cpa, sum(conversions) AS conversions
FROM kpi_campaign_daily
WHERE date >= '2024-02-01' AND date < '2024-03-01'
GROUP BY campaign_id
ORDER BY cpa DESC NULLS LAST, campaign_id
LIMIT 10

-- query: daily_series_one_account
SELECT date, sum(impressions) AS impressions, sum(clicks) AS clicks, round(sum(spend), 2) AS spend
FROM ad_insights
WHERE account_id = '6681736282'
GROUP BY date
ORDER BY date

-- query: daily_series_one_campaign_gold
SELECT date, spend, ctr, cpc, roas FROM kpi_campaign_daily WHERE campaign_id = '20300000013' ORDER BY date

-- query: ads_per_campaign
SELECT source, campaign_id, count(DISTINCT ad_id) AS ads, count(DISTINCT adset_id) AS adsets, count(*) AS ad_days
FROM ad_insights
GROUP BY source, campaign_id
ORDER BY ads DESC, campaign_id

-- query: weekly_ctr
SELECT week, sum(clicks) / sum(impressions) AS ctr FROM kpi_campaign_weekly GROUP BY week ORDER BY week

-- query: weekly_ctr_by_source_silver
SELECT source, date_trunc('week', date) AS week, sum(clicks) / sum(impressions) AS ctr, sum(spend) AS spend
FROM ad_insights
GROUP BY source, date_trunc('week', date)
ORDER BY week, source

-- query: weekly_gold_matches_silver_rollup
SELECT source, account_id, campaign_id, date_trunc('week', date) AS week, sum(spend), sum(clicks)
FROM ad_insights GROUP BY 1, 2, 3, 4

-- query: spend_share_by_platform
SELECT source, currency, sum(spend) AS spend, count(DISTINCT account_id) AS accounts FROM ad_insights GROUP BY source, currency ORDER BY spend DESC

-- query: profitable_campaigns
SELECT campaign_id, coalesce(campaign_name, '(unnamed)') AS name, round(roas, 2) AS roas, spend
FROM kpi_campaign_total
WHERE roas > 1 AND spend > 1000
ORDER BY roas DESC, campaign_id

-- query: campaigns_without_conversions
SELECT campaign_id, campaign_name, spend, cpa FROM kpi_campaign_total WHERE conversions = 0 OR cpa IS NULL ORDER BY spend DESC

-- query: best_day_per_account
SELECT account_id, max(conversion_value) AS best_day_value FROM kpi_campaign_daily GROUP BY account_id ORDER BY account_id

-- query: conversion_action_mix
SELECT conversion_action, count(*) AS rows, sum(conversions) AS conversions, sum(conversion_value) AS value
FROM ad_insights WHERE source = 'meta' GROUP BY conversion_action ORDER BY rows DESC

-- query: zero_spend_days
SELECT source, count(*) AS zero_spend_rows, count(DISTINCT ad_id) AS ads FROM ad_insights WHERE spend = 0 GROUP BY source ORDER BY source

-- query: cpm_by_month_and_currency
SELECT currency, month(date) AS m, 1000 * sum(spend) / sum(impressions) AS cpm FROM ad_insights GROUP BY currency, month(date) ORDER BY currency, m

-- query: search_campaigns
SELECT campaign_id, campaign_name, spend FROM kpi_campaign_total WHERE campaign_name ILIKE '%search%' ORDER BY spend DESC

-- query: black_friday_ilike_accents
SELECT DISTINCT campaign_name FROM ad_insights WHERE campaign_name ILIKE '%CONVERSÕES%' ORDER BY 1

-- query: underscore_wildcard
SELECT DISTINCT ad_name FROM ad_insights WHERE ad_name LIKE 'RSA | Gen_rica %' ORDER BY 1

-- query: like_exact_no_wildcards
SELECT count(*) FROM ad_insights WHERE campaign_name LIKE 'Search | Marca'

-- query: like_percent_in_data
SELECT DISTINCT campaign_name FROM ad_insights WHERE campaign_name LIKE '%70%%' ORDER BY 1

-- query: like_emoji
SELECT DISTINCT campaign_name FROM kpi_campaign_total WHERE campaign_name LIKE '%🚀' ORDER BY 1

-- query: not_like
SELECT count(*) FROM ad_insights WHERE campaign_name NOT LIKE '%|%'

-- query: not_ilike
SELECT DISTINCT source, campaign_name FROM kpi_campaign_total WHERE campaign_name NOT ILIKE '%a%' ORDER BY 1, 2

-- query: ilike_underscore
SELECT DISTINCT adset_name FROM ad_insights WHERE adset_name ILIKE 'marca | exata #_' ORDER BY 1

-- query: like_single_char_names
SELECT DISTINCT campaign_name FROM ad_insights WHERE campaign_name LIKE '_' OR campaign_name LIKE '' ORDER BY 1

-- query: quarantine_reasons_per_source
SELECT source, reason, count(*) AS n FROM quarantine GROUP BY source, reason ORDER BY n DESC, source, reason

-- query: quarantine_non_numeric
SELECT reason, count(*) FROM quarantine WHERE reason LIKE 'non_numeric_%' GROUP BY reason ORDER BY reason

-- query: largest_bronze_files
SELECT file_id, source, rows, bytes FROM bronze_files ORDER BY bytes DESC, file_id LIMIT 5

-- query: average_daily_spend_per_campaign
SELECT campaign_id, avg(spend) AS avg_daily_spend, count(*) AS days FROM kpi_campaign_daily GROUP BY campaign_id HAVING count(*) >= 30 ORDER BY avg_daily_spend DESC, campaign_id

-- query: last_seven_days_of_data
SELECT date, sum(spend) AS spend FROM ad_insights WHERE date > DATE '2024-03-30' - 7 GROUP BY date ORDER BY date DESC

-- query: first_week_of_each_campaign
SELECT campaign_id, min(week) AS first_week, max(week) AS last_week, count(*) AS weeks FROM kpi_campaign_weekly GROUP BY campaign_id ORDER BY first_week, campaign_id

-- query: renamed_campaigns
SELECT campaign_id, count(DISTINCT campaign_name) AS names FROM ad_insights GROUP BY campaign_id HAVING count(DISTINCT campaign_name) > 1 ORDER BY campaign_id

-- query: efficiency_buckets
SELECT CASE WHEN roas IS NULL THEN 'n/a' WHEN roas < 1 THEN 'losing' WHEN roas < 3 THEN 'ok' ELSE 'great' END AS bucket,
       count(*) AS campaigns, sum(spend) AS spend
FROM kpi_campaign_total
GROUP BY 1
ORDER BY 1

-- query: quarter_totals
SELECT date_trunc('quarter', date) AS quarter, source, sum(conversion_value) AS revenue FROM kpi_campaign_daily GROUP BY 1, 2 ORDER BY 1, 2

-- query: yearly_totals
SELECT date_trunc('year', date) AS year, sum(spend) AS spend, sum(conversions) AS conversions FROM ad_insights GROUP BY 1

-- query: day_of_month_profile
SELECT day(date) AS dom, avg(clicks) AS avg_clicks FROM ad_insights GROUP BY day(date) ORDER BY dom
