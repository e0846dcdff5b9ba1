-- Window functions (version 2): row_number, rank, dense_rank, lag, lead, first_value, last_value and the
-- aggregates sum/avg/count/min/max OVER (PARTITION BY … ORDER BY … [frame]), over Silver and Gold, on their own
-- and over GROUP BY. Orders inside OVER are unique where the function depends on which tied row comes first
-- (row_number, lag, lead, first/last_value, ROWS frames); rank, dense_rank and the default RANGE frame are
-- tie-safe (peers share their value). Money is summed within one currency (per campaign, or PARTITION BY currency).

-- query: row_number_per_campaign
SELECT campaign_id, week, row_number() OVER (PARTITION BY campaign_id ORDER BY week) AS rn
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: row_number_whole_table_desc
SELECT campaign_id, week, row_number() OVER (ORDER BY week DESC, campaign_id) AS rn FROM kpi_campaign_weekly ORDER BY rn LIMIT 30

-- query: row_number_over_empty_result
SELECT campaign_id, row_number() OVER (ORDER BY campaign_id) AS rn FROM kpi_campaign_total WHERE false

-- query: row_number_in_where_filtered_rows
SELECT campaign_id, date, row_number() OVER (PARTITION BY campaign_id ORDER BY date DESC) AS days_back
FROM kpi_campaign_daily WHERE date >= DATE '2024-03-20' AND source = 'google' ORDER BY campaign_id, date

-- query: rank_by_spend_ties
SELECT campaign_id, date, spend, rank() OVER (PARTITION BY campaign_id ORDER BY spend DESC) AS r
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: rank_and_dense_rank_by_clicks
SELECT source, campaign_id, date, clicks, rank() OVER (PARTITION BY source ORDER BY clicks) AS r,
       dense_rank() OVER (PARTITION BY source ORDER BY clicks) AS dr
FROM kpi_campaign_daily WHERE date = DATE '2024-02-01' ORDER BY source, campaign_id

-- query: dense_rank_of_weeks
SELECT DISTINCT week, dense_rank() OVER (ORDER BY week) AS week_number FROM kpi_campaign_weekly ORDER BY week

-- query: rank_nulls_last_default
SELECT campaign_id, date, cpa, rank() OVER (PARTITION BY campaign_id ORDER BY cpa) AS r
FROM kpi_campaign_daily WHERE source = 'meta' ORDER BY campaign_id, date

-- query: rank_nulls_first
SELECT campaign_id, date, cpa, rank() OVER (PARTITION BY campaign_id ORDER BY cpa NULLS FIRST) AS r
FROM kpi_campaign_daily WHERE source = 'meta' ORDER BY campaign_id, date

-- query: rank_desc_nulls_last_explicit
SELECT campaign_id, date, roas, dense_rank() OVER (PARTITION BY campaign_id ORDER BY roas DESC NULLS LAST) AS r
FROM kpi_campaign_daily WHERE source = 'google' ORDER BY campaign_id, date

-- query: rank_desc_nulls_first
SELECT campaign_id, week, cpa, rank() OVER (ORDER BY cpa DESC NULLS FIRST) AS r FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: rank_text_order
SELECT campaign_id, campaign_name, rank() OVER (ORDER BY campaign_name) AS r,
       dense_rank() OVER (ORDER BY campaign_name DESC) AS dr
FROM kpi_campaign_total ORDER BY campaign_id

-- query: rank_over_empty_window
SELECT campaign_id, rank() OVER () AS r, dense_rank() OVER () AS dr FROM kpi_campaign_total ORDER BY campaign_id

-- query: rank_date_order_partition_null_names
SELECT ad_id, date, campaign_name, rank() OVER (PARTITION BY campaign_name ORDER BY date) AS r
FROM ad_insights WHERE date BETWEEN DATE '2024-02-10' AND DATE '2024-02-12' ORDER BY ad_id, date

-- query: row_number_partition_with_nulls
SELECT ad_id, date, campaign_name,
       row_number() OVER (PARTITION BY campaign_name ORDER BY date, ad_id) AS rn,
       count(*) OVER (PARTITION BY campaign_name) AS rows_in_name
FROM ad_insights WHERE date = DATE '2024-03-01' ORDER BY ad_id

-- query: rank_multiple_keys_mixed_directions
SELECT source, campaign_id, week, clicks,
       rank() OVER (PARTITION BY source ORDER BY week DESC, clicks ASC) AS r
FROM kpi_campaign_weekly ORDER BY source, campaign_id, week

-- query: rank_by_expression
SELECT campaign_id, week, rank() OVER (PARTITION BY month(week) ORDER BY clicks * 2 + impressions DESC) AS r
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: rank_by_boolean_expression
SELECT campaign_id, date, clicks > 100 AS busy, rank() OVER (PARTITION BY campaign_id ORDER BY clicks > 100) AS r
FROM kpi_campaign_daily WHERE date < DATE '2024-01-10' ORDER BY campaign_id, date

-- query: lag_week_over_week_spend
SELECT campaign_id, week, spend, lag(spend) OVER (PARTITION BY campaign_id ORDER BY week) AS previous_spend,
       spend - lag(spend) OVER (PARTITION BY campaign_id ORDER BY week) AS change
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: lag_offset_two_and_default
SELECT campaign_id, week, clicks, lag(clicks, 2, 0) OVER (PARTITION BY campaign_id ORDER BY week) AS clicks_two_weeks_ago
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: lead_next_week
SELECT campaign_id, week, impressions, lead(impressions) OVER (PARTITION BY campaign_id ORDER BY week) AS next_impressions
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: lead_offset_three_default_minus_one
SELECT campaign_id, date, clicks, lead(clicks, 3, -1) OVER (PARTITION BY campaign_id ORDER BY date) AS later
FROM kpi_campaign_daily WHERE date >= DATE '2024-03-15' ORDER BY campaign_id, date

-- query: lag_negative_offset_is_lead
SELECT campaign_id, week, lag(clicks, -1) OVER (PARTITION BY campaign_id ORDER BY week) AS a,
       lead(clicks, 1) OVER (PARTITION BY campaign_id ORDER BY week) AS b
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: lag_zero_is_current_row
SELECT campaign_id, week, clicks, lag(clicks, 0) OVER (PARTITION BY campaign_id ORDER BY week) AS same
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: lag_text_and_default_text
SELECT campaign_id, campaign_name, lag(campaign_name, 1, '(first)') OVER (ORDER BY campaign_id) AS previous_name
FROM kpi_campaign_total ORDER BY campaign_id

-- query: lag_date_column
SELECT campaign_id, date, lag(date) OVER (PARTITION BY campaign_id ORDER BY date) AS previous_day,
       date - lag(date) OVER (PARTITION BY campaign_id ORDER BY date) AS gap_days
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: lag_nullable_value_keeps_null
SELECT campaign_id, week, cpa, lag(cpa) OVER (PARTITION BY campaign_id ORDER BY week) AS previous_cpa
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: lag_default_from_column
SELECT campaign_id, week, lag(clicks, 1, impressions) OVER (PARTITION BY campaign_id ORDER BY week) AS prior_or_impressions
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: lag_int_with_double_default
SELECT campaign_id, week, lag(spend, 1, 0) OVER (PARTITION BY campaign_id ORDER BY week) AS prior_spend
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: lead_beyond_partition_is_null
SELECT campaign_id, week, lead(week, 100) OVER (PARTITION BY campaign_id ORDER BY week) AS far
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: lag_whole_table_no_partition
SELECT campaign_id, lag(campaign_id) OVER (ORDER BY campaign_id) AS before, lead(campaign_id) OVER (ORDER BY campaign_id) AS after
FROM kpi_campaign_total ORDER BY campaign_id

-- query: lag_desc_order
SELECT campaign_id, week, lag(spend) OVER (PARTITION BY campaign_id ORDER BY week DESC) AS next_week_spend
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: first_value_default_frame
SELECT campaign_id, week, first_value(week) OVER (PARTITION BY campaign_id ORDER BY week) AS first_week,
       first_value(spend) OVER (PARTITION BY campaign_id ORDER BY week) AS first_spend
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: last_value_default_frame_is_current_row
SELECT campaign_id, week, clicks, last_value(clicks) OVER (PARTITION BY campaign_id ORDER BY week) AS last_so_far
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: last_value_default_frame_peers
SELECT campaign_id, date, last_value(date_trunc('month', date)) OVER (PARTITION BY campaign_id ORDER BY month(date)) AS month_start,
       max(date) OVER (PARTITION BY campaign_id ORDER BY month(date)) AS last_day_through_month
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: last_value_whole_partition
SELECT campaign_id, week, last_value(week) OVER (PARTITION BY campaign_id ORDER BY week
       ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_week
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: last_value_range_unbounded_following
SELECT campaign_id, week, last_value(clicks) OVER (PARTITION BY campaign_id ORDER BY week
       RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_clicks
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: first_value_desc_is_latest
SELECT campaign_id, week, first_value(roas) OVER (PARTITION BY campaign_id ORDER BY week DESC) AS latest_roas
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: first_value_respects_nulls
SELECT campaign_id, date, cpa, first_value(cpa) OVER (PARTITION BY campaign_id ORDER BY cpa NULLS FIRST, date) AS first_cpa
FROM kpi_campaign_daily WHERE source = 'meta' ORDER BY campaign_id, date

-- query: first_and_last_value_text
SELECT source, campaign_id, first_value(campaign_name) OVER (PARTITION BY source ORDER BY campaign_id) AS first_name,
       last_value(campaign_name) OVER (PARTITION BY source ORDER BY campaign_id ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next_name
FROM kpi_campaign_total ORDER BY source, campaign_id

-- query: sum_over_whole_table
SELECT campaign_id, clicks, sum(clicks) OVER () AS all_clicks FROM kpi_campaign_total ORDER BY campaign_id

-- query: sum_share_of_currency_total
SELECT currency, campaign_id, spend, spend / sum(spend) OVER (PARTITION BY currency) AS share
FROM kpi_campaign_total ORDER BY currency, campaign_id

-- query: running_total_spend_per_campaign
SELECT campaign_id, week, spend, sum(spend) OVER (PARTITION BY campaign_id ORDER BY week) AS running_spend
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: running_total_integer_stays_integer
SELECT campaign_id, date, clicks, sum(clicks) OVER (PARTITION BY campaign_id ORDER BY date) AS running_clicks
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: running_sum_with_peers
SELECT campaign_id, date, sum(impressions) OVER (PARTITION BY campaign_id ORDER BY date_trunc('week', date)) AS through_week
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: running_count_peers_by_month
SELECT campaign_id, date, count(*) OVER (PARTITION BY campaign_id ORDER BY month(date)) AS days_through_month
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: count_nullable_over_partition
SELECT campaign_id, week, count(cpa) OVER (PARTITION BY campaign_id) AS weeks_with_cpa,
       count(*) OVER (PARTITION BY campaign_id) AS weeks
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: avg_over_partition_and_running
SELECT campaign_id, week, clicks, avg(clicks) OVER (PARTITION BY campaign_id) AS mean_clicks,
       avg(clicks) OVER (PARTITION BY campaign_id ORDER BY week) AS running_mean
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: avg_of_nullable_double
SELECT source, campaign_id, avg(roas) OVER (PARTITION BY source) AS mean_roas FROM kpi_campaign_total ORDER BY source, campaign_id

-- query: min_max_running
SELECT campaign_id, date, spend, min(spend) OVER (PARTITION BY campaign_id ORDER BY date) AS low_so_far,
       max(spend) OVER (PARTITION BY campaign_id ORDER BY date) AS high_so_far
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: min_max_text_and_date
SELECT source, campaign_id, min(campaign_name) OVER (PARTITION BY source) AS first_name,
       max(campaign_name) OVER (PARTITION BY source) AS last_name
FROM kpi_campaign_total ORDER BY source, campaign_id

-- query: min_max_dates_per_campaign
SELECT DISTINCT campaign_id, min(date) OVER (PARTITION BY campaign_id) AS first_day, max(date) OVER (PARTITION BY campaign_id) AS last_day
FROM kpi_campaign_daily ORDER BY campaign_id

-- query: min_of_nullable_cpa
SELECT campaign_id, week, min(cpa) OVER (PARTITION BY campaign_id ORDER BY week) AS best_cpa_so_far
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: moving_average_7_days
SELECT campaign_id, date, spend,
       avg(spend) OVER (PARTITION BY campaign_id ORDER BY date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS spend_7d_avg
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: moving_sum_7_days_clicks
SELECT campaign_id, date, sum(clicks) OVER (PARTITION BY campaign_id ORDER BY date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS clicks_7d
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: rows_unbounded_preceding_running
SELECT campaign_id, week, sum(conversions) OVER (PARTITION BY campaign_id ORDER BY week ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_conversions
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: rows_shorthand_preceding
SELECT campaign_id, week, sum(clicks) OVER (PARTITION BY campaign_id ORDER BY week ROWS 2 PRECEDING) AS clicks_3w,
       count(*) OVER (PARTITION BY campaign_id ORDER BY week ROWS 2 PRECEDING) AS weeks_in_frame
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: rows_shorthand_unbounded
SELECT campaign_id, week, max(clicks) OVER (PARTITION BY campaign_id ORDER BY week ROWS UNBOUNDED PRECEDING) AS best
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: rows_current_row_only
SELECT campaign_id, week, clicks, sum(clicks) OVER (PARTITION BY campaign_id ORDER BY week ROWS CURRENT ROW) AS same
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: rows_centered_window
SELECT campaign_id, date, avg(impressions) OVER (PARTITION BY campaign_id ORDER BY date ROWS BETWEEN 3 PRECEDING AND 3 FOLLOWING) AS centered
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: rows_following_only
SELECT campaign_id, week, sum(clicks) OVER (PARTITION BY campaign_id ORDER BY week ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) AS next_three
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: rows_current_to_unbounded_following
SELECT campaign_id, week, sum(spend) OVER (PARTITION BY campaign_id ORDER BY week ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS remaining_spend,
       count(*) OVER (PARTITION BY campaign_id ORDER BY week ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS weeks_left
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: rows_preceding_to_following_min_max
SELECT campaign_id, week, min(clicks) OVER (PARTITION BY campaign_id ORDER BY week ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS lo,
       max(clicks) OVER (PARTITION BY campaign_id ORDER BY week ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS hi
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: rows_preceding_ending_before_current
SELECT campaign_id, week, avg(clicks) OVER (PARTITION BY campaign_id ORDER BY week ROWS BETWEEN 4 PRECEDING AND 1 PRECEDING) AS prior_4w_avg
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: rows_unbounded_preceding_to_preceding
SELECT campaign_id, week, sum(clicks) OVER (PARTITION BY campaign_id ORDER BY week ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_this_week
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: rows_following_to_unbounded
SELECT campaign_id, week, min(spend) OVER (PARTITION BY campaign_id ORDER BY week ROWS BETWEEN 2 FOLLOWING AND UNBOUNDED FOLLOWING) AS later_low
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: first_value_rows_frame
SELECT campaign_id, week, first_value(clicks) OVER (PARTITION BY campaign_id ORDER BY week ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS clicks_2w_ago_or_first
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: last_value_rows_following
SELECT campaign_id, week, last_value(spend) OVER (PARTITION BY campaign_id ORDER BY week ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING) AS spend_ahead
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: range_current_row_to_unbounded_following
SELECT campaign_id, date, sum(clicks) OVER (PARTITION BY campaign_id ORDER BY month(date) RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS from_month_on
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: range_unbounded_explicit_equals_default
SELECT campaign_id, week, sum(clicks) OVER (PARTITION BY campaign_id ORDER BY week RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS a,
       sum(clicks) OVER (PARTITION BY campaign_id ORDER BY week) AS b
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: frame_without_order_by_whole_partition
SELECT campaign_id, week, sum(clicks) OVER (PARTITION BY campaign_id) AS campaign_clicks,
       max(week) OVER (PARTITION BY campaign_id) AS last_week
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: several_windows_share_sorts
SELECT campaign_id, week, row_number() OVER (PARTITION BY campaign_id ORDER BY week) AS n,
       sum(clicks) OVER (PARTITION BY campaign_id ORDER BY week) AS running,
       lag(clicks) OVER (PARTITION BY campaign_id ORDER BY week) AS previous,
       rank() OVER (ORDER BY clicks DESC) AS overall_rank,
       count(*) OVER () AS all_rows
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: same_window_twice
SELECT campaign_id, sum(spend) OVER (PARTITION BY currency) AS a, sum(spend) OVER (PARTITION BY currency) AS b
FROM kpi_campaign_total ORDER BY campaign_id

-- query: window_in_arithmetic_and_case
SELECT campaign_id, week, CASE WHEN clicks > lag(clicks) OVER (PARTITION BY campaign_id ORDER BY week) THEN 'up'
            WHEN clicks < lag(clicks) OVER (PARTITION BY campaign_id ORDER BY week) THEN 'down' ELSE 'flat or first' END AS trend,
       round(100.0 * clicks / sum(clicks) OVER (PARTITION BY campaign_id), 2) AS pct_of_campaign
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: window_with_coalesce_default
SELECT campaign_id, week, coalesce(lag(cpa) OVER (PARTITION BY campaign_id ORDER BY week), 0) AS previous_cpa_or_zero
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: window_arguments_are_expressions
SELECT campaign_id, week, sum(clicks * 2) OVER (PARTITION BY campaign_id ORDER BY week) AS doubled,
       avg(spend / nullif(clicks, 0)) OVER (PARTITION BY campaign_id) AS mean_cpc,
       max(upper(campaign_name)) OVER (PARTITION BY source) AS top_name
FROM kpi_campaign_weekly ORDER BY campaign_id, week

-- query: window_partition_by_expression
SELECT campaign_id, date, sum(clicks) OVER (PARTITION BY campaign_id, date_trunc('month', date)) AS month_clicks
FROM kpi_campaign_daily ORDER BY campaign_id, date

-- query: window_partition_by_several_keys
SELECT source, account_id, campaign_id, count(*) OVER (PARTITION BY source, account_id) AS campaigns_in_account,
       rank() OVER (PARTITION BY source, account_id ORDER BY spend DESC) AS spend_rank
FROM kpi_campaign_total ORDER BY source, account_id, campaign_id

-- query: window_ordered_by_window_result_outer
SELECT campaign_id, spend, rank() OVER (PARTITION BY currency ORDER BY spend DESC) AS r FROM kpi_campaign_total ORDER BY r, campaign_id

-- query: window_order_by_window_expression
SELECT campaign_id, clicks FROM kpi_campaign_total ORDER BY rank() OVER (ORDER BY clicks DESC), campaign_id LIMIT 10

-- query: window_select_star
SELECT *, row_number() OVER (ORDER BY file_id, row) AS n FROM quarantine ORDER BY n

-- query: window_with_limit_offset
SELECT campaign_id, week, sum(clicks) OVER (PARTITION BY campaign_id ORDER BY week) AS running FROM kpi_campaign_weekly
ORDER BY campaign_id, week LIMIT 20 OFFSET 10

-- query: window_distinct_partition_totals
SELECT DISTINCT source, currency, sum(clicks) OVER (PARTITION BY source, currency) AS clicks FROM kpi_campaign_total ORDER BY source, currency

-- query: window_constant_order_key
SELECT campaign_id, sum(clicks) OVER (ORDER BY 'same') AS everything FROM kpi_campaign_total ORDER BY campaign_id

-- query: window_over_silver_daily_ad
SELECT ad_id, date, spend, sum(spend) OVER (PARTITION BY ad_id ORDER BY date) AS ad_running_spend,
       row_number() OVER (PARTITION BY ad_id ORDER BY date) AS ad_day
FROM ad_insights WHERE campaign_id = '20300000013' ORDER BY ad_id, date

-- query: window_over_silver_text_partition_nulls
SELECT conversion_action, count(*) OVER (PARTITION BY conversion_action) AS actions, ad_id, date
FROM ad_insights WHERE date = DATE '2024-01-15' ORDER BY ad_id, date

-- query: window_over_bronze_catalogue
SELECT file_id, source, rows, sum(rows) OVER (PARTITION BY source ORDER BY file_id) AS rows_so_far FROM bronze_files ORDER BY file_id

-- query: grouped_week_over_week_change
SELECT campaign_id, date_trunc('week', date) AS week, sum(spend) AS spend,
       sum(spend) - lag(sum(spend)) OVER (PARTITION BY campaign_id ORDER BY date_trunc('week', date)) AS change,
       sum(spend) / lag(sum(spend)) OVER (PARTITION BY campaign_id ORDER BY date_trunc('week', date)) - 1 AS growth
FROM kpi_campaign_daily GROUP BY campaign_id, week ORDER BY campaign_id, week

-- query: grouped_week_over_week_from_silver
SELECT campaign_id, date_trunc('week', date) AS week, sum(clicks) AS clicks,
       lag(sum(clicks)) OVER (PARTITION BY campaign_id ORDER BY date_trunc('week', date)) AS previous_clicks
FROM ad_insights GROUP BY 1, 2 ORDER BY 1, 2

-- query: grouped_share_of_total
SELECT currency, source, sum(spend) AS spend, sum(spend) / sum(sum(spend)) OVER (PARTITION BY currency) AS share
FROM ad_insights GROUP BY currency, source ORDER BY currency, source

-- query: grouped_share_of_clicks_whole
SELECT source, sum(clicks) AS clicks, 100.0 * sum(clicks) / sum(sum(clicks)) OVER () AS pct FROM ad_insights GROUP BY source ORDER BY source

-- query: grouped_running_total_by_month
SELECT currency, date_trunc('month', date) AS month, sum(spend) AS spend,
       sum(sum(spend)) OVER (PARTITION BY currency ORDER BY date_trunc('month', date)) AS running
FROM ad_insights GROUP BY 1, 2 ORDER BY 1, 2

-- query: grouped_rank_within_source
SELECT source, campaign_id, sum(clicks) AS clicks, rank() OVER (PARTITION BY source ORDER BY sum(clicks) DESC) AS r
FROM ad_insights GROUP BY source, campaign_id ORDER BY source, r, campaign_id

-- query: grouped_dense_rank_by_count
SELECT campaign_name, count(*) AS ad_days, dense_rank() OVER (ORDER BY count(*) DESC) AS r
FROM ad_insights GROUP BY campaign_name ORDER BY r, campaign_name NULLS FIRST

-- query: grouped_row_number_with_having
SELECT source, account_id, count(DISTINCT campaign_id) AS campaigns,
       row_number() OVER (ORDER BY source, account_id) AS n
FROM ad_insights GROUP BY source, account_id HAVING count(*) > 10 ORDER BY n

-- query: grouped_moving_average_daily_spend
SELECT currency, date, sum(spend) AS spend,
       avg(sum(spend)) OVER (PARTITION BY currency ORDER BY date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS spend_7d
FROM ad_insights GROUP BY currency, date ORDER BY currency, date

-- query: grouped_lead_and_first_value
SELECT campaign_id, month(date) AS m, sum(conversions) AS conversions,
       lead(sum(conversions)) OVER (PARTITION BY campaign_id ORDER BY month(date)) AS next_month,
       first_value(sum(conversions)) OVER (PARTITION BY campaign_id ORDER BY month(date)) AS first_month
FROM kpi_campaign_daily GROUP BY campaign_id, month(date) ORDER BY campaign_id, m

-- query: grouped_window_over_key_only
SELECT source, row_number() OVER (ORDER BY source) AS n, count(*) OVER () AS sources FROM ad_insights GROUP BY source ORDER BY source

-- query: grouped_no_keys_window
SELECT sum(clicks) AS clicks, sum(sum(clicks)) OVER () AS same, rank() OVER () AS r FROM ad_insights

-- query: grouped_window_with_where
SELECT campaign_id, sum(spend) AS spend, min(sum(spend)) OVER (PARTITION BY currency) AS smallest,
       max(sum(spend)) OVER (PARTITION BY currency) AS largest
FROM ad_insights WHERE date >= DATE '2024-03-01' GROUP BY currency, campaign_id ORDER BY campaign_id

-- query: grouped_count_windows
SELECT source, date_trunc('month', date) AS month, count(*) AS rows_,
       count(*) OVER (PARTITION BY source) AS months, sum(count(*)) OVER (PARTITION BY source) AS all_rows
FROM ad_insights GROUP BY 1, 2 ORDER BY 1, 2

-- query: grouped_window_nested_in_expression
SELECT campaign_id, week, round(sum(clicks) * 1.0 / nullif(lag(sum(clicks), 1) OVER (PARTITION BY campaign_id ORDER BY week), 0), 4) AS ratio
FROM kpi_campaign_weekly GROUP BY campaign_id, week ORDER BY campaign_id, week

-- query: grouped_positional_order_with_window
SELECT source, sum(impressions), rank() OVER (ORDER BY sum(impressions)) FROM kpi_campaign_total GROUP BY 1 ORDER BY 3, 1

-- query: sum_integer_huge_values_as_integer
SELECT campaign_id, sum(impressions * 1000000) OVER (ORDER BY campaign_id) AS big FROM kpi_campaign_total ORDER BY campaign_id

-- query: windows_without_from
SELECT row_number() OVER () AS n, sum(5) OVER () AS s, lag(1) OVER () AS l

-- query: window_operands_name_select_aliases
SELECT campaign_id, clicks * 2 AS doubled, source AS s, sum(doubled) OVER (PARTITION BY s ORDER BY campaign_id) AS running
FROM kpi_campaign_total ORDER BY campaign_id

-- query: window_order_by_alias_of_aggregate
SELECT source, account_id, sum(clicks) AS total_clicks, rank() OVER (ORDER BY total_clicks DESC) AS r
FROM ad_insights GROUP BY source, account_id ORDER BY r

-- query: window_alias_shadowed_by_table_column
SELECT campaign_id, impressions AS clicks, rank() OVER (ORDER BY clicks, campaign_id) AS r FROM kpi_campaign_total ORDER BY r
