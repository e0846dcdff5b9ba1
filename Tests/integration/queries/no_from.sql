-- SELECT without FROM (query-language spec, version 2): the query runs over one row with no columns, as in DuckDB;
-- WHERE, aggregates, HAVING, ORDER BY, DISTINCT, LIMIT and OFFSET work over that row.

-- query: arithmetic
SELECT 1 + 1 AS two, 7 / 2 AS half, 7 % 3 AS rest, -(2 * 3) AS neg, 1e3 + 0.5 AS mixed

-- query: text_and_dates
SELECT 'a' || 'b' AS ab, upper('abc') AS up, length('ação') AS n, DATE '2024-02-28' + 1 AS next_day, DATE '2024-03-01' - DATE '2024-02-01' AS days

-- query: functions
SELECT coalesce(NULL, 3) AS c, nullif(2, 2) AS n, abs(-4) AS a, year(DATE '2024-05-15') AS y, month(DATE '2024-05-15') AS m, day(DATE '2024-05-15') AS d, date_trunc('month', DATE '2024-05-15') AS first_day, round(1234.5678, -2) AS hundreds

-- query: logic
SELECT CASE WHEN NULL THEN 'a' ELSE 'b' END AS c, TRUE AND NULL AS t, NULL OR TRUE AS o, 1 IN (1, NULL) AS i, 2 IN (1, NULL) AS j, 'abc' LIKE 'a%' AS l, 'ABC' ILIKE 'a_c' AS il, 3 BETWEEN 1 AND 5 AS b

-- query: where_false
SELECT 1 AS one WHERE false

-- query: where_true
select 1 as one where 1 < 2;

-- query: count_star_is_one
SELECT count(*) AS n

-- query: aggregates_over_no_rows
SELECT count(*) AS n, count(1) AS c, min(2) AS lo, max('x') AS hi, avg(3) AS mean WHERE false

-- query: aggregates_over_the_row
SELECT count(*) AS n, min('b') AS lo, max(DATE '2024-01-01') AS hi, avg(2.5) AS mean, count(DISTINCT 4) AS d

-- query: having
SELECT 1 AS one HAVING count(*) = 1

-- query: having_false
SELECT 1 AS one HAVING count(*) > 1

-- query: group_by_position
SELECT 'k' AS key, count(*) AS n GROUP BY 1

-- query: limit_zero
SELECT 1 AS one LIMIT 0

-- query: offset_past_the_row
SELECT 1 AS one OFFSET 1

-- query: distinct_ordered
SELECT DISTINCT 2 AS x ORDER BY 1 DESC

-- query: current_date_after_the_data
SELECT current_date > DATE '2000-01-01' AS after_2000
