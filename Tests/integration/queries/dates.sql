-- Date functions of version 2: extract / date_part (every field, ISO weeks at year ends), the one-field forms
-- (isodow, dayofweek, week, quarter, dayofyear, isoyear, yearweek), dayname, monthname, strftime (DuckDB's
-- codes), date_diff (DuckDB's counting: weeks are whole 7-day spans, months/quarters/years count boundaries),
-- date ± INTERVAL (every unit, every spelling, month-end clamping), date_add, last_day, make_date; and realistic
-- questions: spend by weekday, ISO week numbers, month over month, days since a campaign's first day.

-- query: extract_fields_distinct_dates
SELECT DISTINCT date, extract(year FROM date) AS y, extract(quarter FROM date) AS q, extract(month FROM date) AS m, extract(week FROM date) AS w, extract(day FROM date) AS d, extract(doy FROM date) AS doy, extract(isodow FROM date) AS isodow, extract(dow FROM date) AS dow, extract(isoyear FROM date) AS isoyear FROM ad_insights

-- query: extract_iso_week_year_ends
SELECT extract(week FROM DATE '2024-12-30') AS a, extract(isoyear FROM DATE '2024-12-30') AS b, extract(week FROM DATE '2021-01-03') AS c, extract(isoyear FROM DATE '2021-01-03') AS d, extract(week FROM DATE '2020-12-31') AS e, extract(week FROM DATE '2026-01-01') AS f, extract(week FROM DATE '2027-01-01') AS g, extract(week FROM DATE '2015-12-31') AS h

-- query: extract_week_53_years
SELECT extract(week FROM DATE '2015-12-28') AS a, extract(week FROM DATE '2020-12-28') AS b, extract(week FROM DATE '2026-12-31') AS c, extract(week FROM DATE '2009-12-31') AS d, extract(isoyear FROM DATE '2010-01-03') AS e, extract(week FROM DATE '2010-01-04') AS f

-- query: extract_dow_and_isodow_whole_week
SELECT extract(dow FROM DATE '2024-03-03') AS sun_dow, extract(isodow FROM DATE '2024-03-03') AS sun_iso, extract(dow FROM DATE '2024-03-04') AS mon_dow, extract(isodow FROM DATE '2024-03-04') AS mon_iso, extract(dow FROM DATE '2024-03-09') AS sat_dow, extract(isodow FROM DATE '2024-03-09') AS sat_iso

-- query: extract_doy_leap_year
SELECT extract(doy FROM DATE '2024-12-31') AS leap, extract(doy FROM DATE '2023-12-31') AS common, extract(doy FROM DATE '2024-02-29') AS leap_day, extract(doy FROM DATE '2024-03-01') AS march_first, extract(quarter FROM DATE '2024-03-31') AS q1, extract(quarter FROM DATE '2024-04-01') AS q2

-- query: extract_field_spellings
SELECT DISTINCT extract(YEAR FROM week) AS a, EXTRACT(Month FROM week) AS b, extract('quarter' FROM week) AS c, extract(dayofweek FROM week) AS d, extract(dayofyear FROM week) AS e, extract(weekofyear FROM week) AS f FROM kpi_campaign_weekly

-- query: extract_null_date
SELECT extract(isodow FROM CAST(NULL AS DATE)) AS a, dayname(CAST(NULL AS DATE)) AS b, last_day(CAST(NULL AS DATE)) AS c

-- query: extract_in_where
SELECT count(*) AS weekend_rows, sum(clicks) AS clicks FROM ad_insights WHERE extract(isodow FROM date) >= 6

-- query: date_part_fields
SELECT DISTINCT date, date_part('year', date) AS y, date_part('month', date) AS m, date_part('week', date) AS w, date_part('isodow', date) AS i, date_part('dow', date) AS d, date_part('doy', date) AS doy, date_part('quarter', date) AS q, date_part('isoyear', date) AS iy, date_part('day', date) AS dd FROM kpi_campaign_daily

-- query: date_part_upper_case_unit
SELECT DISTINCT date_part('WEEK', date) AS w, datepart('Day', date) AS d FROM ad_insights WHERE date < '2024-01-20'

-- query: one_field_functions
SELECT DISTINCT date, isodow(date) AS a, dayofweek(date) AS b, week(date) AS c, quarter(date) AS d, dayofyear(date) AS e, isoyear(date) AS f, weekofyear(date) AS g, dayofmonth(date) AS h, yearweek(date) AS i, weekday(date) AS j FROM ad_insights

-- query: one_field_functions_literals
SELECT isodow(DATE '2024-01-07') AS a, dayofweek(DATE '2024-01-07') AS b, week(DATE '2021-01-03') AS c, isoyear(DATE '2021-01-03') AS d, yearweek(DATE '2024-12-30') AS e, dayofyear(DATE '2000-12-31') AS f, quarter(DATE '2024-10-01') AS g

-- query: dayname_monthname_distinct
SELECT DISTINCT date, dayname(date) AS day_name, monthname(date) AS month_name FROM ad_insights

-- query: dayname_every_day_of_a_week
SELECT dayname(DATE '2024-03-04') AS a, dayname(DATE '2024-03-05') AS b, dayname(DATE '2024-03-06') AS c, dayname(DATE '2024-03-07') AS d, dayname(DATE '2024-03-08') AS e, dayname(DATE '2024-03-09') AS f, dayname(DATE '2024-03-10') AS g

-- query: monthname_every_month
SELECT monthname(DATE '2024-01-15') AS a, monthname(DATE '2024-02-15') AS b, monthname(DATE '2024-03-15') AS c, monthname(DATE '2024-04-15') AS d, monthname(DATE '2024-05-15') AS e, monthname(DATE '2024-06-15') AS f, monthname(DATE '2024-07-15') AS g, monthname(DATE '2024-08-15') AS h, monthname(DATE '2024-09-15') AS i, monthname(DATE '2024-10-15') AS j, monthname(DATE '2024-11-15') AS k, monthname(DATE '2024-12-15') AS l

-- query: spend_by_weekday_name
SELECT dayname(date) AS weekday, currency, round(sum(spend), 2) AS spend, sum(clicks) AS clicks
FROM ad_insights
GROUP BY dayname(date), currency
ORDER BY min(isodow(date)), currency

-- query: spend_by_weekday_number_and_name
SELECT isodow(date) AS n, dayname(date) AS weekday, count(*) AS rows, sum(impressions) AS impressions
FROM kpi_campaign_daily
GROUP BY 1, 2
ORDER BY 1

-- query: weekend_versus_weekday_ctr
SELECT CASE WHEN extract(isodow FROM date) IN (6, 7) THEN 'weekend' ELSE 'weekday' END AS part, sum(clicks) / sum(impressions) AS ctr
FROM ad_insights
GROUP BY 1
ORDER BY 1

-- query: spend_by_iso_week_number
SELECT isoyear(date) AS year, week(date) AS week, currency, round(sum(spend), 2) AS spend
FROM ad_insights
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3

-- query: gold_week_iso_numbers
SELECT DISTINCT week, extract(week FROM week) AS iso_week, strftime(week, '%G-W%V') AS label FROM kpi_campaign_weekly

-- query: spend_by_month_name
SELECT monthname(date) AS month, source, round(sum(spend), 2) AS spend
FROM kpi_campaign_daily
GROUP BY monthname(date), source
ORDER BY min(date), source

-- query: strftime_iso_and_names
SELECT DISTINCT date, strftime(date, '%Y-%m-%d') AS iso, strftime(date, '%d/%m/%Y') AS br, strftime(date, '%A, %B %d') AS long_name, strftime(date, '%a %b %y') AS short_name FROM ad_insights

-- query: strftime_week_codes
SELECT DISTINCT date, strftime(date, '%j') AS doy, strftime(date, '%U') AS sunday_week, strftime(date, '%W') AS monday_week, strftime(date, '%V') AS iso_week, strftime(date, '%G') AS iso_year, strftime(date, '%u') AS iso_day, strftime(date, '%w') AS day FROM kpi_campaign_daily

-- query: strftime_year_end_codes
SELECT strftime(DATE '2021-01-03', '%U %W %V %G %j %u %w') AS a, strftime(DATE '2024-12-30', '%U %W %V %G %j %u %w') AS b, strftime(DATE '2024-12-31', '%U %W %V %G %j') AS c, strftime(DATE '2023-01-01', '%U %W %V %G %j') AS d

-- query: strftime_time_codes_and_percent
SELECT strftime(DATE '2024-03-05', '%H:%M:%S') AS t, strftime(DATE '2024-03-05', '%T %X %I %p') AS u, strftime(DATE '2024-03-05', '100%% on %x') AS v, strftime(DATE '2024-03-05', '%c') AS w

-- query: strftime_unpadded
SELECT strftime(DATE '2024-03-05', '%-d/%-m/%-y') AS a, strftime(DATE '2024-03-05', '%-j') AS b, strftime(DATE '2024-11-25', '%-d.%-m') AS c

-- query: strftime_format_first
SELECT DISTINCT strftime('%Y%m', date) AS month_key FROM ad_insights

-- query: strftime_null
SELECT strftime(CAST(NULL AS DATE), '%Y') AS a, strftime(DATE '2024-01-01', NULL) AS b

-- query: strftime_month_label_group
SELECT strftime(date, '%Y-%m') AS month, sum(conversions) AS conversions
FROM ad_insights
GROUP BY 1
ORDER BY 1

-- query: date_diff_units_literals
SELECT date_diff('day', DATE '2024-01-01', DATE '2024-03-01') AS d, date_diff('week', DATE '2024-01-01', DATE '2024-03-01') AS w, date_diff('month', DATE '2024-01-31', DATE '2024-02-01') AS m, date_diff('quarter', DATE '2024-03-31', DATE '2024-04-01') AS q, date_diff('year', DATE '2024-12-31', DATE '2025-01-01') AS y

-- query: date_diff_week_is_seven_day_spans
SELECT date_diff('week', DATE '2024-01-07', DATE '2024-01-08') AS sun_mon, date_diff('week', DATE '2024-01-01', DATE '2024-01-07') AS six, date_diff('week', DATE '2024-01-01', DATE '2024-01-08') AS seven, date_diff('week', DATE '2024-01-10', DATE '2024-01-03') AS back_seven, date_diff('week', DATE '2024-01-10', DATE '2024-01-04') AS back_six, date_diff('week', DATE '2024-01-10', DATE '2023-12-31') AS back_ten

-- query: date_diff_month_boundaries
SELECT date_diff('month', DATE '2024-01-01', DATE '2024-01-31') AS same, date_diff('month', DATE '2023-12-31', DATE '2025-01-01') AS thirteen, date_diff('month', DATE '2024-03-31', DATE '2024-02-29') AS back, date_diff('quarter', DATE '2023-12-31', DATE '2024-01-01') AS q, date_diff('year', DATE '2024-01-01', DATE '2024-12-31') AS y

-- query: date_diff_unit_spellings
SELECT date_diff('days', DATE '2024-01-01', DATE '2024-02-01') AS a, date_diff('WEEKS', DATE '2024-01-01', DATE '2024-02-01') AS b, datediff('month', DATE '2024-01-01', DATE '2024-05-01') AS c, date_diff('years', DATE '2020-02-29', DATE '2024-02-28') AS d

-- query: date_diff_null
SELECT date_diff('day', CAST(NULL AS DATE), DATE '2024-01-01') AS a, date_diff('month', DATE '2024-01-01', CAST(NULL AS DATE)) AS b

-- query: days_since_campaign_first_day
SELECT campaign_id, min(date) AS first_day, max(date) AS last_day, date_diff('day', min(date), max(date)) AS days_live, date_diff('week', min(date), max(date)) AS weeks_live
FROM kpi_campaign_daily
GROUP BY campaign_id
ORDER BY campaign_id

-- query: date_diff_over_rows_each_unit
SELECT DISTINCT date, date_diff('day', DATE '2024-01-01', date) AS d, date_diff('week', DATE '2024-01-01', date) AS w, date_diff('month', DATE '2023-11-15', date) AS m, date_diff('quarter', DATE '2023-11-15', date) AS q, date_diff('year', DATE '2020-06-30', date) AS y FROM ad_insights

-- query: date_diff_to_reference_end
SELECT DISTINCT week, date_diff('week', week, DATE '2024-06-30') AS weeks_before, date_diff('month', week, DATE '2024-06-30') AS months_before FROM kpi_campaign_weekly

-- query: rows_in_first_two_weeks_of_each_campaign
SELECT campaign_id, count(*) AS rows
FROM kpi_campaign_daily
WHERE date_diff('day', DATE '2024-01-01', date) < 14
GROUP BY campaign_id
ORDER BY campaign_id

-- query: interval_units_literals
SELECT DATE '2024-01-31' + INTERVAL 1 DAY AS d, DATE '2024-01-31' + INTERVAL 1 WEEK AS w, DATE '2024-01-31' + INTERVAL 1 MONTH AS m, DATE '2024-01-31' + INTERVAL 1 QUARTER AS q, DATE '2024-02-29' + INTERVAL 1 YEAR AS y

-- query: interval_month_end_clamping
SELECT DATE '2024-03-31' + INTERVAL 1 MONTH AS apr, DATE '2024-03-31' - INTERVAL 1 MONTH AS feb_leap, DATE '2023-03-31' - INTERVAL 1 MONTH AS feb, DATE '2024-05-31' + INTERVAL 4 MONTH AS sep, DATE '2024-08-31' - INTERVAL 2 QUARTER AS feb_q, DATE '2024-02-29' - INTERVAL 4 YEAR AS leap_again

-- query: interval_negative_and_zero
SELECT DATE '2024-03-01' + INTERVAL (-1) DAY AS a, DATE '2024-03-01' - INTERVAL '-1' MONTH AS b, DATE '2024-03-01' + INTERVAL 0 YEAR AS c, DATE '2024-01-15' - INTERVAL 13 MONTH AS d

-- query: interval_spellings
SELECT DATE '2024-01-31' + INTERVAL '7 days' AS a, DATE '2024-01-31' + INTERVAL '1 month' AS b, DATE '2024-01-31' + INTERVAL '2' WEEK AS c, DATE '2024-01-31' - INTERVAL '1 year' AS d, DATE '2024-01-31' + INTERVAL 3 DAYS AS e, DATE '2024-01-31' + interval 2 months AS f, DATE '2024-01-31' + INTERVAL '-1 month' AS g

-- query: interval_first
SELECT INTERVAL 1 DAY + DATE '2024-02-28' AS a, INTERVAL 1 MONTH + DATE '2024-01-30' AS b

-- query: interval_expression_amount
SELECT DISTINCT date, date + INTERVAL (isodow(date)) DAY AS a, date - INTERVAL (extract(day FROM date) - 1) DAY AS month_start, date + INTERVAL (month(date)) MONTH AS b FROM ad_insights

-- query: interval_fraction_truncates
SELECT DATE '2024-01-31' + INTERVAL 1.5 DAY AS a, DATE '2024-01-31' + INTERVAL 1.9 MONTH AS b, DATE '2024-01-31' - INTERVAL 2.7 DAY AS c

-- query: interval_chained
SELECT DATE '2024-01-31' + INTERVAL 1 MONTH + INTERVAL 1 DAY AS a, DATE '2024-01-31' + INTERVAL 1 DAY + INTERVAL 1 MONTH AS b, DATE '2024-01-31' + INTERVAL '1 month' - INTERVAL '1 day' AS c

-- query: interval_over_rows
SELECT DISTINCT date, date + INTERVAL 1 DAY AS d, date - INTERVAL 1 WEEK AS w, date + INTERVAL 1 MONTH AS m, date - INTERVAL 1 QUARTER AS q, date + INTERVAL 1 YEAR AS y FROM ad_insights

-- query: interval_in_where_last_7_days
SELECT count(*) AS rows, sum(clicks) AS clicks FROM ad_insights WHERE date > DATE '2024-03-31' - INTERVAL 7 DAY

-- query: interval_in_where_range
SELECT campaign_id, sum(impressions) AS impressions
FROM kpi_campaign_daily
WHERE date >= DATE '2024-02-01' AND date < DATE '2024-02-01' + INTERVAL 1 MONTH
GROUP BY campaign_id
ORDER BY campaign_id

-- query: interval_null_amount
SELECT DATE '2024-01-31' + INTERVAL (CAST(NULL AS BIGINT)) DAY AS a, CAST(NULL AS DATE) + INTERVAL 1 MONTH AS b

-- query: date_add_function
SELECT date_add(DATE '2024-01-31', INTERVAL 1 MONTH) AS a, date_add(DATE '2024-01-31', INTERVAL 10 DAY) AS b, date_add(DATE '2024-12-31', INTERVAL '1 year') AS c, date_add(DATE '2024-01-31', INTERVAL (2 + 1) WEEK) AS d

-- query: date_add_over_rows
SELECT DISTINCT week, date_add(week, INTERVAL 6 DAY) AS week_end FROM kpi_campaign_weekly

-- query: month_over_month_spend
SELECT date_trunc('month', date) AS month, date_trunc('month', date) - INTERVAL 1 MONTH AS previous_month, date_trunc('month', date) + INTERVAL 1 MONTH - INTERVAL 1 DAY AS month_end, currency, round(sum(spend), 2) AS spend
FROM ad_insights
GROUP BY date_trunc('month', date), currency
ORDER BY 1, 4

-- query: next_week_start_by_week
SELECT date_trunc('week', date) AS week, date_trunc('week', date) + INTERVAL 1 WEEK AS next_week, sum(clicks) AS clicks
FROM ad_insights
GROUP BY 1
ORDER BY 1

-- query: group_by_shifted_date
SELECT date + INTERVAL 1 MONTH AS shifted, count(*) AS rows
FROM kpi_campaign_daily
GROUP BY date + INTERVAL 1 MONTH
ORDER BY 1
LIMIT 10

-- query: last_day_over_rows
SELECT DISTINCT date, last_day(date) AS month_end, last_day(date) - date AS days_left FROM ad_insights

-- query: last_day_literals
SELECT last_day(DATE '2024-02-10') AS leap_feb, last_day(DATE '2023-02-10') AS feb, last_day(DATE '2024-04-30') AS apr, last_day(DATE '2024-12-01') AS dec

-- query: last_day_compare
SELECT count(*) AS month_end_rows FROM kpi_campaign_daily WHERE date = last_day(date)

-- query: make_date_literals
SELECT make_date(2024, 2, 29) AS leap, make_date(2023, 12, 31) AS eoy, make_date(2024, 1, 1) + INTERVAL 1 MONTH AS feb

-- query: make_date_from_parts
SELECT DISTINCT date, make_date(year(date), month(date), 1) AS month_start, make_date(year(date), 1, 1) AS year_start FROM ad_insights

-- query: make_date_null
SELECT make_date(2024, CAST(NULL AS BIGINT), 1) AS a

-- query: quarter_label
SELECT year(date) AS y, quarter(date) AS q, count(DISTINCT campaign_id) AS campaigns
FROM kpi_campaign_daily
GROUP BY 1, 2
ORDER BY 1, 2

-- query: dates_in_having_and_order
SELECT campaign_id, max(date) AS last_active
FROM kpi_campaign_daily
GROUP BY campaign_id
HAVING date_diff('day', min(date), max(date)) >= 30
ORDER BY date_diff('day', min(date), max(date)) DESC, campaign_id

-- query: weekday_pattern_conversions
SELECT strftime(date, '%u %a') AS day, sum(conversions) AS conversions, sum(conversion_value) / sum(spend) AS roas
FROM kpi_campaign_daily
GROUP BY 1
ORDER BY 1

-- query: extract_on_gold_week
SELECT extract(month FROM week) AS month, count(*) AS rows FROM kpi_campaign_weekly GROUP BY 1 ORDER BY 1

-- query: dates_without_from
SELECT extract(week FROM DATE '2024-12-29') AS a, date_diff('month', DATE '2024-01-15', DATE '2024-03-14') AS b, DATE '2024-02-29' + INTERVAL 12 MONTH AS c, last_day(DATE '2100-02-01') AS d, dayname(DATE '2000-01-01') AS e
