-- Select lists, DISTINCT, WHERE with every comparison and predicate form, literals.
-- Format: see README.md (a line `-- query: NAME` starts each query).

-- query: star_silver
SELECT * FROM ad_insights

-- query: star_quarantine
SELECT * FROM quarantine

-- query: star_bronze_files
SELECT * FROM bronze_files

-- query: star_gold_daily
SELECT * FROM kpi_campaign_daily

-- query: star_gold_weekly
SELECT * FROM kpi_campaign_weekly

-- query: star_gold_total
SELECT * FROM kpi_campaign_total

-- query: columns_silver
SELECT source, account_id, campaign_id, ad_id, date, impressions, clicks, spend FROM ad_insights

-- query: columns_reordered
SELECT spend, date, ad_name, source FROM ad_insights WHERE account_id = '6681736282'

-- query: column_twice
SELECT clicks, clicks, clicks AS again FROM ad_insights WHERE date = DATE '2024-02-14'

-- query: quarantine_columns
SELECT file_id, row, source, reason, detail FROM quarantine

-- query: bronze_files_columns
SELECT file_id, source, rows, bytes, length(sha256) AS hash_length FROM bronze_files

-- query: distinct_source
SELECT DISTINCT source FROM ad_insights

-- query: distinct_account_currency
SELECT DISTINCT source, account_id, currency FROM ad_insights

-- query: distinct_campaign_name_with_nulls
SELECT DISTINCT campaign_name FROM ad_insights

-- query: distinct_conversion_action
SELECT DISTINCT source, conversion_action FROM ad_insights

-- query: distinct_reason
SELECT DISTINCT reason FROM quarantine

-- query: distinct_dates
SELECT DISTINCT date FROM ad_insights

-- query: distinct_week
SELECT DISTINCT week FROM kpi_campaign_weekly

-- query: distinct_expression
SELECT DISTINCT month(date) AS m, source FROM ad_insights

-- query: where_text_equal
SELECT ad_id, date, spend FROM ad_insights WHERE source = 'google'

-- query: where_text_not_equal
SELECT ad_id, date, clicks FROM ad_insights WHERE currency <> 'BRL'

-- query: where_text_bang_equal
SELECT count(*) FROM ad_insights WHERE source != 'meta'

-- query: where_int_less
SELECT ad_id, date, impressions FROM ad_insights WHERE impressions < 50

-- query: where_int_less_equal
SELECT ad_id, date, clicks FROM ad_insights WHERE clicks <= 0

-- query: where_int_greater
SELECT ad_id, date, clicks FROM ad_insights WHERE clicks > 150

-- query: where_int_greater_equal
SELECT ad_id, date, impressions FROM ad_insights WHERE impressions >= 4500

-- query: where_double_greater
SELECT ad_id, date, spend FROM ad_insights WHERE spend > 400.5

-- query: where_double_equal_zero
SELECT ad_id, date, spend, clicks FROM ad_insights WHERE spend = 0

-- query: where_double_vs_integer_literal
SELECT ad_id, date, conversions FROM ad_insights WHERE conversions >= 20

-- query: where_date_equal_literal
SELECT ad_id, spend FROM ad_insights WHERE date = DATE '2024-03-01'

-- query: where_date_vs_string
SELECT ad_id, date, spend FROM ad_insights WHERE date >= '2024-03-25'

-- query: where_date_less_string
SELECT count(*), sum(clicks) FROM ad_insights WHERE date < '2024-01-08'

-- query: where_string_equal_date
SELECT campaign_id, spend FROM kpi_campaign_daily WHERE date = '2024-02-29'

-- query: where_date_between_strings
SELECT count(*) FROM ad_insights WHERE date BETWEEN '2024-02-01' AND '2024-02-29'

-- query: where_date_between_dates
SELECT campaign_id, week, spend FROM kpi_campaign_weekly WHERE week BETWEEN DATE '2024-02-05' AND DATE '2024-02-19'

-- query: where_int_between
SELECT ad_id, date, clicks FROM ad_insights WHERE clicks BETWEEN 100 AND 120

-- query: where_double_between
SELECT campaign_id, date, roas FROM kpi_campaign_daily WHERE roas BETWEEN 1.5 AND 2.5

-- query: where_text_between
SELECT DISTINCT campaign_name FROM ad_insights WHERE campaign_name BETWEEN 'A' AND 'M'

-- query: where_between_reversed_bounds
SELECT count(*) FROM ad_insights WHERE clicks BETWEEN 10 AND 1

-- query: where_not_between
SELECT count(*) FROM ad_insights WHERE NOT clicks BETWEEN 1 AND 200

-- query: where_in_text
SELECT file_id, row, reason FROM quarantine WHERE reason IN ('bad_date', 'missing_date', 'bad_date_range')

-- query: where_in_ids
SELECT ad_id, date, clicks FROM ad_insights WHERE account_id IN ('6681736282', '9436795179') AND clicks > 100

-- query: where_in_int
SELECT ad_id, date, clicks FROM ad_insights WHERE clicks IN (1, 2, 3)

-- query: where_in_dates_as_strings
SELECT ad_id, date, spend FROM ad_insights WHERE date IN ('2024-01-01', '2024-03-30') AND source = 'google'

-- query: where_in_dates_as_date_literals
SELECT count(*) FROM kpi_campaign_daily WHERE date IN (DATE '2024-02-01', DATE '2024-02-02')

-- query: where_in_single
SELECT count(*) FROM ad_insights WHERE currency IN ('USD')

-- query: where_not_in_text
SELECT DISTINCT reason FROM quarantine WHERE reason NOT IN ('bad_date', 'missing_date')

-- query: where_not_in_int
SELECT count(*) FROM ad_insights WHERE clicks NOT IN (0, 1, 2)

-- query: where_not_in_nullable
SELECT count(*) FROM ad_insights WHERE conversion_action NOT IN ('purchase')

-- query: where_in_with_null
SELECT count(*) FROM ad_insights WHERE conversion_action IN ('purchase', NULL)

-- query: where_not_in_with_null_is_never_true
SELECT count(*) FROM ad_insights WHERE conversion_action NOT IN ('purchase', NULL)

-- query: where_is_null
SELECT ad_id, date, campaign_id FROM ad_insights WHERE campaign_name IS NULL

-- query: where_is_not_null
SELECT count(*) FROM ad_insights WHERE conversion_action IS NOT NULL

-- query: where_gold_kpi_is_null
SELECT campaign_id, date, conversions, cpa FROM kpi_campaign_daily WHERE cpa IS NULL

-- query: where_gold_ctr_null
SELECT campaign_id, date, impressions, ctr, cpm FROM kpi_campaign_daily WHERE ctr IS NULL

-- query: where_empty_string
SELECT ad_id, date, campaign_id, campaign_name FROM ad_insights WHERE campaign_name = ''

-- query: where_null_comparison_is_not_true
SELECT count(*) FROM ad_insights WHERE campaign_name = NULL

-- query: where_and
SELECT ad_id, date FROM ad_insights WHERE source = 'meta' AND clicks > 100 AND spend < 100

-- query: where_or
SELECT ad_id, date, clicks, impressions FROM ad_insights WHERE clicks > 200 OR impressions < 5

-- query: where_and_or_precedence
SELECT count(*) FROM ad_insights WHERE source = 'google' OR clicks > 100 AND source = 'meta'

-- query: where_parentheses
SELECT count(*) FROM ad_insights WHERE (source = 'google' OR clicks > 100) AND source = 'meta'

-- query: where_not_equal_precedence
SELECT count(*) FROM ad_insights WHERE NOT source = 'meta'

-- query: where_not_parenthesized
SELECT count(*) FROM ad_insights WHERE NOT (clicks > 10 OR spend > 50)

-- query: where_true
SELECT count(*) FROM kpi_campaign_total WHERE TRUE

-- query: where_false_rows
SELECT * FROM kpi_campaign_total WHERE FALSE

-- query: where_bool_column_expression
SELECT campaign_id, spend > 1000 AS big FROM kpi_campaign_total WHERE (spend > 1000) = true

-- query: where_arithmetic
SELECT ad_id, date, clicks, impressions FROM ad_insights WHERE clicks * 10 > impressions

-- query: where_division
SELECT ad_id, date, spend, clicks FROM ad_insights WHERE spend / clicks > 5

-- query: where_compare_columns
SELECT ad_id, date FROM ad_insights WHERE conversion_value < spend AND conversions > 0

-- query: where_quarantine_source
SELECT file_id, row, reason FROM quarantine WHERE source = 'meta' AND reason <> 'bad_date'

-- query: where_bronze_rows
SELECT file_id, rows FROM bronze_files WHERE rows > 200

-- query: literal_select
SELECT 1 AS one, 2.5 AS two_and_a_half, 'text' AS t, TRUE AS yes, FALSE AS no, DATE '2024-02-29' AS leap FROM kpi_campaign_total WHERE campaign_id = '20300000013'

-- query: literal_null
SELECT NULL AS nothing, campaign_id FROM kpi_campaign_total WHERE source = 'google'

-- query: literal_quote_escape
SELECT DISTINCT 'it''s', source FROM ad_insights

-- query: literal_exponent
SELECT DISTINCT 1e3 AS thousand, 2.5e-1 AS quarter, 1E2 AS hundred FROM ad_insights

-- query: literal_string_with_emoji
SELECT DISTINCT 'Verão ☀️ 🇧🇷' AS label, length('Verão ☀️ 🇧🇷') AS n FROM ad_insights

-- query: literal_leading_formula_chars
SELECT DISTINCT '=1+1' AS a, '+x' AS b, '-y' AS c, '@z' AS d, '''q' AS e FROM ad_insights

-- query: text_with_guard_prefixes
SELECT DISTINCT campaign_name FROM ad_insights WHERE campaign_name LIKE '=%' OR campaign_name LIKE '+%' OR campaign_name LIKE '-%' OR campaign_name LIKE '@%'

-- query: text_with_quotes_and_commas
SELECT DISTINCT adset_name FROM ad_insights WHERE adset_name LIKE '%"%' OR adset_name LIKE '%,%'

-- query: quarantine_raw_multiline
SELECT file_id, row, raw FROM quarantine WHERE reason = 'negative_spend'
