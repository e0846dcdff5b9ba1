-- Aggregates with FILTER (WHERE …) (version 2): on count(*), count, sum, avg, min, max and DISTINCT; with and
-- without GROUP BY; HAVING and ORDER BY over filtered aggregates; conditional KPIs (a share of a total, a ratio
-- of filtered sums); groups whose rows all fail the FILTER (count 0, NULL for the others); FILTER on NULLs.

-- query: count_star_filter
SELECT count(*) FILTER (WHERE source = 'meta') FROM ad_insights

-- query: count_star_filter_both_sources
SELECT count(*) FILTER (WHERE source = 'meta') AS meta_rows, count(*) FILTER (WHERE source = 'google') AS google_rows, count(*) AS all_rows FROM ad_insights

-- query: count_column_filter
SELECT count(campaign_name) FILTER (WHERE clicks > 0), count(conversion_action) FILTER (WHERE conversions > 0) FROM ad_insights

-- query: count_distinct_filter
SELECT count(DISTINCT campaign_id) FILTER (WHERE spend > 0), count(DISTINCT ad_id) FILTER (WHERE clicks = 0) FROM ad_insights

-- query: count_distinct_text_filter
SELECT count(DISTINCT campaign_name) FILTER (WHERE source = 'google'), count(DISTINCT ad_name) FILTER (WHERE source = 'meta') FROM ad_insights

-- query: sum_int_filter
SELECT sum(impressions) FILTER (WHERE source = 'meta'), sum(clicks) FILTER (WHERE date >= DATE '2024-02-01') FROM ad_insights

-- query: sum_double_filter
SELECT sum(spend) FILTER (WHERE source = 'meta'), sum(conversion_value) FILTER (WHERE conversions >= 1) FROM ad_insights

-- query: sum_distinct_filter
SELECT sum(DISTINCT clicks) FILTER (WHERE source = 'google'), avg(DISTINCT impressions) FILTER (WHERE clicks > 2) FROM ad_insights

-- query: avg_filter
SELECT avg(spend) FILTER (WHERE clicks > 0), avg(impressions) FILTER (WHERE source = 'google') FROM ad_insights

-- query: min_max_int_filter
SELECT min(impressions) FILTER (WHERE source = 'meta'), max(clicks) FILTER (WHERE source = 'google') FROM ad_insights

-- query: min_max_double_filter
SELECT min(spend) FILTER (WHERE spend > 0), max(spend) FILTER (WHERE clicks < 3) FROM ad_insights

-- query: min_max_date_filter
SELECT min(date) FILTER (WHERE clicks > 5), max(date) FILTER (WHERE source = 'meta') FROM ad_insights

-- query: min_max_text_filter
SELECT min(campaign_name) FILTER (WHERE source = 'meta'), max(ad_name) FILTER (WHERE source = 'google') FROM ad_insights

-- query: min_max_distinct_filter
SELECT min(DISTINCT clicks) FILTER (WHERE clicks > 1), max(DISTINCT account_id) FILTER (WHERE source = 'meta') FROM ad_insights

-- query: filter_matches_nothing
SELECT count(*) FILTER (WHERE false), count(spend) FILTER (WHERE false), sum(spend) FILTER (WHERE false), avg(clicks) FILTER (WHERE false), min(date) FILTER (WHERE false), max(campaign_name) FILTER (WHERE false) FROM ad_insights

-- query: filter_matches_everything
SELECT count(*) FILTER (WHERE true), sum(clicks) FILTER (WHERE true), count(*), sum(clicks) FROM ad_insights

-- query: filter_null_condition_keeps_nothing
SELECT count(*) FILTER (WHERE NULL), count(*) FILTER (WHERE campaign_name = NULL) FROM ad_insights

-- query: filter_on_nullable_column
SELECT count(*) FILTER (WHERE campaign_name IS NULL), count(*) FILTER (WHERE conversion_action IS NOT NULL), sum(spend) FILTER (WHERE ad_name LIKE '%a%') FROM ad_insights

-- query: filter_without_where
SELECT count(*) FILTER (source = 'meta'), sum(clicks) FILTER (clicks > 1) FROM ad_insights

-- query: filter_with_where_clause
SELECT count(*) FILTER (WHERE clicks > 0), sum(spend) FILTER (WHERE source = 'google') FROM ad_insights WHERE date < DATE '2024-03-01'

-- query: filter_over_no_rows
SELECT count(*) FILTER (WHERE source = 'meta'), sum(spend) FILTER (WHERE source = 'meta') FROM ad_insights WHERE false

-- query: filter_group_by_source
SELECT source, count(*) FILTER (WHERE clicks > 0) AS clicked_rows, sum(spend) FILTER (WHERE conversions > 0) AS converting_spend FROM ad_insights GROUP BY source

-- query: filter_group_by_campaign_all_fail
SELECT campaign_id, count(*) FILTER (WHERE clicks > 1000000) AS n, sum(spend) FILTER (WHERE clicks > 1000000) AS s, min(date) FILTER (WHERE clicks > 1000000) AS first_day FROM ad_insights GROUP BY campaign_id

-- query: filter_group_by_month
SELECT date_trunc('month', date) AS month, sum(spend) FILTER (WHERE source = 'meta') AS meta_spend, sum(spend) FILTER (WHERE source = 'google') AS google_spend FROM ad_insights GROUP BY 1 ORDER BY 1

-- query: filter_group_by_two_keys
SELECT source, account_id, count(*) FILTER (WHERE clicks > 0), avg(spend) FILTER (WHERE impressions > 100), max(date) FILTER (WHERE conversions > 0) FROM ad_insights GROUP BY source, account_id

-- query: filter_group_by_distinct
SELECT source, count(DISTINCT ad_id) FILTER (WHERE spend > 0) AS spending_ads, count(DISTINCT ad_id) AS ads FROM ad_insights GROUP BY source

-- query: filter_group_by_distinct_text
SELECT account_id, count(DISTINCT campaign_name) FILTER (WHERE clicks > 0) AS clicked_campaigns FROM ad_insights GROUP BY account_id

-- query: filter_group_by_text_extremes
SELECT source, min(ad_name) FILTER (WHERE clicks > 0) AS first_clicked, max(campaign_name) FILTER (WHERE spend > 10) AS last_big FROM ad_insights GROUP BY source

-- query: filter_same_aggregate_two_filters
SELECT source, sum(clicks) FILTER (WHERE date < DATE '2024-02-01') AS before_feb, sum(clicks) FILTER (WHERE date >= DATE '2024-02-01') AS from_feb, sum(clicks) AS total FROM ad_insights GROUP BY source

-- query: filter_having_on_filtered
SELECT campaign_id, sum(spend) FILTER (WHERE source = 'meta') AS meta_spend FROM ad_insights GROUP BY campaign_id HAVING sum(spend) FILTER (WHERE source = 'meta') > 0

-- query: filter_having_count_star_filter
SELECT account_id, count(*) AS n FROM ad_insights GROUP BY account_id HAVING count(*) FILTER (WHERE clicks = 0) > 2

-- query: filter_having_only
SELECT source, count(*) FROM ad_insights GROUP BY source HAVING count(*) FILTER (WHERE conversions > 0) >= 1

-- query: filter_order_by_filtered
SELECT campaign_id, source, sum(clicks) FILTER (WHERE date >= DATE '2024-02-01') AS recent_clicks FROM ad_insights GROUP BY campaign_id, source ORDER BY recent_clicks DESC NULLS LAST, campaign_id, source LIMIT 5

-- query: filter_order_by_filtered_expression
SELECT campaign_id, source FROM ad_insights GROUP BY campaign_id, source ORDER BY count(*) FILTER (WHERE clicks > 0) DESC, campaign_id, source LIMIT 4

-- query: kpi_meta_share_of_spend
SELECT sum(spend) FILTER (WHERE source = 'meta') / sum(spend) AS meta_share FROM ad_insights

-- query: kpi_share_by_account
SELECT account_id, sum(spend) FILTER (WHERE conversions > 0) / nullif(sum(spend), 0) AS converting_share FROM ad_insights GROUP BY account_id

-- query: kpi_filtered_ctr
SELECT source, sum(clicks) FILTER (WHERE date >= DATE '2024-02-01') / nullif(sum(impressions) FILTER (WHERE date >= DATE '2024-02-01'), 0) AS recent_ctr FROM ad_insights GROUP BY source

-- query: kpi_filtered_roas
SELECT campaign_id, sum(conversion_value) FILTER (WHERE source = 'google') / nullif(sum(spend) FILTER (WHERE source = 'google'), 0) AS google_roas FROM ad_insights GROUP BY campaign_id

-- query: kpi_share_of_clicking_rows
SELECT source, count(*) FILTER (WHERE clicks > 0) * 1.0 / count(*) AS clicking_share FROM ad_insights GROUP BY source

-- query: kpi_gold_weekly_filtered
SELECT source, sum(spend) FILTER (WHERE week >= DATE '2024-02-01') AS recent_spend, avg(ctr) FILTER (WHERE ctr IS NOT NULL) AS mean_ctr FROM kpi_campaign_weekly GROUP BY source

-- query: kpi_gold_total_filtered
SELECT count(*) FILTER (WHERE roas > 1) AS profitable, count(*) FILTER (WHERE roas <= 1) AS unprofitable, count(*) FILTER (WHERE roas IS NULL) AS unknown FROM kpi_campaign_total

-- query: kpi_gold_daily_cpa_filter
SELECT campaign_id, min(cpa) FILTER (WHERE conversions > 0) AS best_cpa, max(cpc) FILTER (WHERE clicks > 0) AS worst_cpc FROM kpi_campaign_daily GROUP BY campaign_id

-- query: filter_expression_argument
SELECT sum(spend * 2) FILTER (WHERE clicks > 0), sum(CASE WHEN source = 'meta' THEN clicks ELSE 0 END) FILTER (WHERE impressions > 10) FROM ad_insights

-- query: filter_condition_with_functions
SELECT count(*) FILTER (WHERE month(date) = 1), count(*) FILTER (WHERE lower(source) IN ('meta')), sum(clicks) FILTER (WHERE coalesce(campaign_name, '') <> '') FROM ad_insights

-- query: filter_condition_or_between
SELECT count(*) FILTER (WHERE clicks BETWEEN 1 AND 3 OR spend > 100), sum(impressions) FILTER (WHERE NOT source = 'meta') FROM ad_insights

-- query: filter_upper_case_keywords
SELECT COUNT(*) FILTER (WHERE SOURCE = 'meta') AS N, SUM(CLICKS) FILTER (WHERE CLICKS > 0) AS C FROM AD_INSIGHTS

-- query: filter_quarantine
SELECT reason, count(*) FILTER (WHERE source = 'meta') AS meta_rows FROM quarantine GROUP BY reason

-- query: filter_bronze_files
SELECT source, sum(rows) FILTER (WHERE bytes > 100) AS rows_in_big_files FROM bronze_files GROUP BY source

-- query: filter_group_by_date_with_many_groups
SELECT date, ad_id, source, count(*) FILTER (WHERE clicks > 0) AS c, sum(spend) FILTER (WHERE clicks > 0) AS s FROM ad_insights GROUP BY date, ad_id, source
