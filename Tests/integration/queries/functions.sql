-- Every whitelisted scalar function: date_trunc (each unit), year, month, day, coalesce, nullif, round (with and
-- without digits, negative digits, .5 cases, negative numbers), abs, lower, upper, length (accents, emoji),
-- current_date (only in ways that do not depend on today).

-- query: date_trunc_day
SELECT DISTINCT date, date_trunc('day', date) AS d FROM ad_insights

-- query: date_trunc_week
SELECT DISTINCT date, date_trunc('week', date) AS monday FROM ad_insights

-- query: date_trunc_week_equals_gold_week
SELECT count(*) FROM kpi_campaign_weekly WHERE date_trunc('week', week) <> week

-- query: date_trunc_month
SELECT DISTINCT date_trunc('month', date) AS month_start FROM ad_insights

-- query: date_trunc_quarter
SELECT DISTINCT date_trunc('quarter', date) AS quarter_start FROM kpi_campaign_daily

-- query: date_trunc_year
SELECT DISTINCT date_trunc('year', week) AS year_start FROM kpi_campaign_weekly

-- query: date_trunc_literals
SELECT DISTINCT date_trunc('week', DATE '2024-03-03') AS sunday, date_trunc('week', DATE '2024-03-04') AS monday, date_trunc('week', DATE '2024-01-01') AS new_year, date_trunc('week', DATE '2023-01-01') AS y2023, date_trunc('quarter', DATE '2024-05-17') AS q2, date_trunc('month', DATE '2024-02-29') AS feb, date_trunc('year', DATE '2024-12-31') AS y FROM ad_insights

-- query: date_trunc_unit_case
SELECT DISTINCT date_trunc('MONTH', date) AS m FROM ad_insights WHERE date < '2024-02-15'

-- query: date_trunc_compared_with_date
SELECT count(*) FROM ad_insights WHERE date_trunc('month', date) = DATE '2024-02-01'

-- query: date_trunc_compared_with_string
SELECT count(*) FROM kpi_campaign_daily WHERE date_trunc('week', date) >= '2024-03-18'

-- query: date_trunc_group_month
SELECT date_trunc('month', date) AS month, sum(spend) AS spend FROM ad_insights GROUP BY date_trunc('month', date)

-- query: date_trunc_group_week_positional
SELECT date_trunc('week', date) AS week, count(DISTINCT ad_id) AS ads FROM ad_insights GROUP BY 1 ORDER BY 1

-- query: date_trunc_min_max
SELECT min(date_trunc('week', date)), max(date_trunc('quarter', date)) FROM ad_insights

-- query: year_month_day
SELECT DISTINCT date, year(date) AS y, month(date) AS m, day(date) AS d FROM ad_insights

-- query: year_month_day_of_literals
SELECT DISTINCT year(DATE '2024-02-29') AS y, month(DATE '2024-02-29') AS m, day(DATE '2024-02-29') AS d, day(DATE '2023-12-31') AS d2 FROM ad_insights

-- query: month_group
SELECT month(date) AS m, count(*) AS n, sum(clicks) AS clicks FROM ad_insights GROUP BY month(date)

-- query: year_month_key
SELECT year(date) * 100 + month(date) AS yyyymm, sum(spend) FROM kpi_campaign_daily GROUP BY 1

-- query: day_filter
SELECT count(*) FROM ad_insights WHERE day(date) = 1

-- query: year_of_week
SELECT DISTINCT year(week), month(week) FROM kpi_campaign_weekly

-- query: coalesce_text
SELECT DISTINCT campaign_id, coalesce(campaign_name, '(no name)') AS name FROM kpi_campaign_total

-- query: coalesce_conversion_action
SELECT DISTINCT source, coalesce(conversion_action, 'none') AS action FROM ad_insights

-- query: coalesce_double
SELECT campaign_id, coalesce(cpa, 0) AS cpa0, coalesce(roas, -1) AS roas_or_minus_one FROM kpi_campaign_total

-- query: coalesce_three_arguments
SELECT campaign_id, date, coalesce(cpa, cpc, 0) AS first_cost FROM kpi_campaign_daily WHERE account_id = '9436795179'

-- query: coalesce_all_null
SELECT DISTINCT coalesce(NULL, NULL) AS n, coalesce(NULL, 'x') AS x FROM ad_insights

-- query: coalesce_date
SELECT DISTINCT coalesce(NULL, date) AS d FROM kpi_campaign_daily WHERE date < '2024-01-05'

-- query: coalesce_keeps_empty_string
SELECT DISTINCT campaign_id, coalesce(campaign_name, 'null') AS name FROM ad_insights WHERE campaign_name = '' OR campaign_name IS NULL

-- query: nullif_int
SELECT ad_id, date, nullif(clicks, 0) AS clicks_or_null FROM ad_insights WHERE account_id = '9436795179' AND date < '2024-01-04'

-- query: nullif_text_empty
SELECT DISTINCT campaign_id, nullif(campaign_name, '') AS name FROM ad_insights WHERE campaign_name = '' OR campaign_name IS NULL

-- query: nullif_safe_division
SELECT ad_id, date, spend / nullif(clicks, 0) AS cpc FROM ad_insights WHERE source = 'google' AND date = '2024-02-10'

-- query: nullif_null_argument
SELECT DISTINCT nullif(NULL, 1) AS a, nullif(1, NULL) AS b, nullif(2, 2) AS c FROM ad_insights

-- query: round_no_digits
SELECT ad_id, date, spend, round(spend) AS r FROM ad_insights WHERE account_id = '6681736282' AND date < '2024-01-10'

-- query: round_two_digits
SELECT ad_id, date, round(spend, 2) AS r2, round(conversion_value, 1) AS r1 FROM ad_insights WHERE source = 'meta' AND date = '2024-02-20'

-- query: round_zero_digits
SELECT campaign_id, round(spend, 0) AS r0 FROM kpi_campaign_total

-- query: round_negative_digits
SELECT campaign_id, round(spend, -1) AS tens, round(spend, -2) AS hundreds, round(spend, -3) AS thousands FROM kpi_campaign_total

-- query: round_half_away_from_zero
SELECT DISTINCT round(0.5) AS a, round(1.5) AS b, round(2.5) AS c, round(-0.5) AS d, round(-1.5) AS e, round(-2.5) AS f FROM ad_insights

-- query: round_half_doubles
SELECT DISTINCT round(2.5e0) AS a, round(-2.5e0) AS b, round(0.125e0, 2) AS c, round(-0.125e0, 2) AS d, round(1234.5e0, 0) AS e FROM ad_insights

-- query: round_half_digits
SELECT DISTINCT round(1.25, 1) AS a, round(-1.25, 1) AS b, round(0.375, 2) AS c FROM ad_insights

-- query: round_negative_digits_half
SELECT DISTINCT round(1250.0e0, -2) AS a, round(-1250.0e0, -2) AS b, round(150e0, -2) AS c, round(49.9e0, -2) AS d FROM ad_insights

-- query: round_integers
SELECT ad_id, date, round(clicks) AS c, round(impressions, -2) AS i, round(impressions, 1) AS same FROM ad_insights WHERE account_id = '9436795179' AND date = '2024-03-11'

-- query: round_integer_half_negative_digits
SELECT DISTINCT clicks, round(clicks, -1) AS tens, round(-clicks, -1) AS neg_tens FROM ad_insights WHERE clicks IN (5, 15, 25, 45, 55)

-- query: round_negative_values
SELECT campaign_id, round(conversion_value - spend, 2) AS profit, round(spend - conversion_value) AS loss FROM kpi_campaign_total

-- query: round_kpis
SELECT campaign_id, round(ctr, 4) AS ctr, round(cpc, 2) AS cpc, round(cpm, 2) AS cpm, round(cpa, 2) AS cpa, round(roas, 2) AS roas FROM kpi_campaign_total

-- query: round_null
SELECT campaign_id, round(cpa, 1) FROM kpi_campaign_total WHERE cpa IS NULL

-- query: round_in_where
SELECT ad_id, date, spend FROM ad_insights WHERE round(spend, 1) = 10.0

-- query: abs_double
SELECT campaign_id, abs(conversion_value - spend) AS gap FROM kpi_campaign_total

-- query: abs_int
SELECT DISTINCT clicks - 50 AS d, abs(clicks - 50) AS a FROM ad_insights WHERE clicks < 60

-- query: abs_null_and_literals
SELECT DISTINCT abs(NULL) AS n, abs(-3) AS a, abs(2.5) AS b, abs(-0.0e0) AS z FROM ad_insights

-- query: abs_date_difference
SELECT DISTINCT abs(date - DATE '2024-02-15') AS distance FROM ad_insights

-- query: lower_upper
SELECT DISTINCT campaign_name, lower(campaign_name) AS l, upper(campaign_name) AS u FROM ad_insights

-- query: lower_upper_accents
SELECT DISTINCT lower('ÁÉÍÓÚ ÇÃÕ ÑANDÚ') AS l, upper('áéíóú çãõ ñandú') AS u, upper('ção 📺') AS e FROM ad_insights

-- query: lower_upper_ad_names
SELECT DISTINCT ad_name, upper(ad_name) AS u FROM ad_insights WHERE ad_name IS NOT NULL

-- query: lower_upper_ascii_edges
SELECT DISTINCT lower('@AZ[`az{ 09') AS l, upper('@AZ[`az{ 09') AS u, lower(campaign_name || ' ÀZ@[') AS m FROM ad_insights

-- query: lower_upper_computed_per_row
SELECT count(DISTINCT lower(ad_id || 'X' || CAST(date AS VARCHAR))) AS l, count(DISTINCT upper(ad_name || '-q')) AS u FROM ad_insights

-- query: lower_in_where
SELECT count(*) FROM ad_insights WHERE lower(campaign_name) = 'black friday | conversões'

-- query: upper_null
SELECT DISTINCT upper(conversion_action) AS u, lower(NULL) AS n FROM ad_insights

-- query: length_campaign_names
SELECT DISTINCT campaign_name, length(campaign_name) AS n FROM ad_insights

-- query: length_adset_names_flags
SELECT DISTINCT adset_name, length(adset_name) AS n FROM ad_insights

-- query: length_accents_and_emoji_literals
SELECT DISTINCT length('') AS empty, length('é') AS e_acute, length('Conversões') AS word, length('📺') AS tv, length('❄️') AS snowflake_vs16, length('🇧🇷') AS flag, length('👍🏽') AS skin_tone, length('a''b') AS quote FROM ad_insights

-- query: length_ids
SELECT DISTINCT source, length(account_id) AS account_digits, length(ad_id) AS ad_digits FROM ad_insights

-- query: length_in_where_and_group
SELECT length(ad_name) AS n, count(*) FROM ad_insights WHERE length(ad_name) > 20 GROUP BY length(ad_name)

-- query: length_null_and_empty
SELECT DISTINCT campaign_name, length(campaign_name) FROM ad_insights WHERE campaign_name IS NULL OR campaign_name = ''

-- query: current_date_is_after_2000
SELECT DISTINCT current_date > DATE '2000-01-01' AS sane FROM ad_insights

-- query: current_date_in_where
SELECT count(*) FROM ad_insights WHERE date < current_date

-- query: current_date_arithmetic
SELECT DISTINCT current_date - DATE '2024-01-01' > 0 AS after, year(current_date) >= 2024 AS year_ok FROM kpi_campaign_total

-- query: functions_case_insensitive
SELECT DISTINCT Date_Trunc('month', date), YEAR(date), Lower(source), UPPER(source), LENGTH(source), COALESCE(conversion_action, 'x'), NullIf(source, 'meta'), ROUND(2.5), ABS(-1) FROM ad_insights

-- query: functions_nested
SELECT DISTINCT upper(coalesce(nullif(lower(conversion_action), 'purchase'), 'default')) AS x, length(upper(lower(source))) AS n FROM ad_insights

-- query: round_double_ties_in_binary
SELECT DISTINCT round(402.45e0, 1) AS a, round(0.15e0, 1) AS b, round(2.675e0, 2) AS c, round(-0.15e0, 1) AS d, round(1.005e0, 2) AS e, round(591.15e0, 1) AS f FROM ad_insights

-- query: lower_upper_special_case_mappings
SELECT DISTINCT upper('straße') AS sharp_s, lower('İSTANBUL') AS dotted_i, upper('ﬁm') AS ligature, upper('ǆ') AS digraph FROM ad_insights

