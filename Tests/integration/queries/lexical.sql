-- Keyword, function and identifier case-insensitivity, quoted identifiers, comments, trailing semicolons,
-- white space and layout.

-- query: keywords_lower_case
select source, count(*) from ad_insights where clicks > 10 group by source having count(*) > 1 order by source limit 5

-- query: keywords_mixed_case
SeLeCt DiStInCt source FrOm ad_insights WhErE clicks > 10 OrDeR bY source DeSc

-- query: identifiers_upper_case
SELECT SOURCE, Account_Id, SUM(Spend) FROM AD_INSIGHTS GROUP BY SOURCE, Account_Id ORDER BY SOURCE, ACCOUNT_ID

-- query: table_name_mixed_case
SELECT count(*) FROM Kpi_Campaign_Total

-- query: quoted_identifiers
SELECT "source", "date", "row", "file_id" FROM "ad_insights" WHERE "account_id" = '9436795179' AND "date" = '2024-03-01'

-- query: quoted_identifier_case_insensitive
SELECT "Spend", "CLICKS" FROM ad_insights WHERE ad_id = '630000000019' AND date = '2024-02-21'

-- query: quoted_alias_with_space
SELECT source AS "Platform Name", sum(spend) AS "Total Spend €" FROM ad_insights GROUP BY source ORDER BY "Platform Name"

-- query: column_named_row_and_date
SELECT row, date, file_id FROM ad_insights WHERE file_id = 1 ORDER BY row

-- query: implicit_alias
SELECT source platform, sum(spend) total FROM ad_insights GROUP BY source ORDER BY total

-- query: trailing_semicolon
SELECT count(*) FROM ad_insights;

-- query: trailing_semicolon_and_space
SELECT count(*) FROM quarantine ;   

-- query: line_comment_before
-- how many rows are there?
SELECT count(*) FROM kpi_campaign_daily

-- query: line_comment_inside
SELECT source, -- the platform
       count(*) -- and rows
FROM ad_insights -- Silver
GROUP BY source -- per platform
ORDER BY source;

-- query: block_comment
SELECT /* the key */ source, /* a count */ count(*) FROM /* silver */ ad_insights GROUP BY source ORDER BY 1

-- query: block_comment_multiline
/*
  Weekly spend for one account.
  -- a line comment inside a block comment
*/
SELECT week, sum(spend) FROM kpi_campaign_weekly WHERE account_id = '426833092665590' GROUP BY week ORDER BY week

-- query: comment_after_semicolon
SELECT count(*) FROM bronze_files; -- done

-- query: comment_markers_inside_strings
SELECT count(*) FROM ad_insights WHERE campaign_name = '-- not a comment' OR campaign_name = '/* nor this */'

-- query: multiline_layout
SELECT
    source,
    account_id,
    sum(spend)      AS spend,
    sum(clicks)     AS clicks
FROM
    ad_insights
WHERE
    date >= '2024-02-01'
    AND date <  '2024-03-01'
GROUP BY
    source,
    account_id
ORDER BY
    spend DESC;

-- query: tabs_and_newlines
SELECT	source,	count(*)
FROM	ad_insights
GROUP	BY	source

-- query: no_spaces_around_operators
SELECT ad_id,clicks*2+1,spend/clicks FROM ad_insights WHERE clicks>100 AND source='meta'

-- query: string_literal_case_sensitive
SELECT count(*) FROM ad_insights WHERE source = 'META'

-- query: quoted_string_with_double_quotes
SELECT count(*) FROM ad_insights WHERE campaign_name = 'Search | Concorrentes "Premium"'

-- query: string_with_unicode
SELECT count(*) FROM ad_insights WHERE campaign_name = 'Remarketing | Carrinho Abandonado 🛒'

-- query: string_with_backslash
SELECT count(*), min(campaign_name) FROM ad_insights WHERE campaign_name = 'Teste A/B \ Criativos v2'
